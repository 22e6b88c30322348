from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.point import Point


T = TypeVar("T", bound="FollowUpsOut")


@_attrs_define
class FollowUpsOut:
    """
    Attributes:
        follow_up_days (int | Unset):
        met (int | Unset):
        series (list[Point] | Unset): within, later, not_yet
    """

    follow_up_days: int | Unset = UNSET
    met: int | Unset = UNSET
    series: list[Point] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        follow_up_days = self.follow_up_days

        met = self.met

        series: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.series, Unset):
            series = []
            for series_item_data in self.series:
                series_item = series_item_data.to_dict()
                series.append(series_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if follow_up_days is not UNSET:
            field_dict["follow_up_days"] = follow_up_days
        if met is not UNSET:
            field_dict["met"] = met
        if series is not UNSET:
            field_dict["series"] = series

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        follow_up_days = d.pop("follow_up_days", UNSET)

        met = d.pop("met", UNSET)

        _series = d.pop("series", UNSET)
        series: list[Point] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = Point.from_dict(series_item_data)

                series.append(series_item)

        follow_ups_out = cls(
            follow_up_days=follow_up_days,
            met=met,
            series=series,
        )

        return follow_ups_out
