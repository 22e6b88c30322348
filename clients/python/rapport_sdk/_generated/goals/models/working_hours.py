from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WorkingHours")


@_attrs_define
class WorkingHours:
    """
    Attributes:
        end (str):
        start (str):
        days (list[int] | Unset): ISO weekdays to be nudged on: Monday = 1 … Sunday = 7
    """

    end: str
    start: str
    days: list[int] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        end = self.end

        start = self.start

        days: list[int] | Unset = UNSET
        if not isinstance(self.days, Unset):
            days = self.days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end": end,
                "start": start,
            }
        )
        if days is not UNSET:
            field_dict["days"] = days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = d.pop("end")

        start = d.pop("start")

        days = cast(list[int], d.pop("days", UNSET))

        working_hours = cls(
            end=end,
            start=start,
            days=days,
        )

        return working_hours
