from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.result_out import ResultOut


T = TypeVar("T", bound="PushOut")


@_attrs_define
class PushOut:
    """
    Attributes:
        results (list[ResultOut]):
        server_time (datetime.datetime):
    """

    results: list[ResultOut]
    server_time: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        server_time = self.server_time.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "results": results,
                "server_time": server_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_out import ResultOut  # noqa: PLC0415

        d = dict(src_dict)
        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ResultOut.from_dict(results_item_data)

            results.append(results_item)

        server_time = datetime.datetime.fromisoformat(d.pop("server_time"))

        push_out = cls(
            results=results,
            server_time=server_time,
        )

        return push_out
