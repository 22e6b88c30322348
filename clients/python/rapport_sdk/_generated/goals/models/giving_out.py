from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.point import Point


T = TypeVar("T", bound="GivingOut")


@_attrs_define
class GivingOut:
    """
    Attributes:
        given (int | Unset):
        received (int | Unset):
        series (list[Point] | Unset):
    """

    given: int | Unset = UNSET
    received: int | Unset = UNSET
    series: list[Point] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        given = self.given

        received = self.received

        series: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.series, Unset):
            series = []
            for series_item_data in self.series:
                series_item = series_item_data.to_dict()
                series.append(series_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if given is not UNSET:
            field_dict["given"] = given
        if received is not UNSET:
            field_dict["received"] = received
        if series is not UNSET:
            field_dict["series"] = series

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        given = d.pop("given", UNSET)

        received = d.pop("received", UNSET)

        _series = d.pop("series", UNSET)
        series: list[Point] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = Point.from_dict(series_item_data)

                series.append(series_item)

        giving_out = cls(
            given=given,
            received=received,
            series=series,
        )

        return giving_out
