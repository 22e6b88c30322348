from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.point import Point


T = TypeVar("T", bound="ProgressOut")


@_attrs_define
class ProgressOut:
    """
    Attributes:
        contact_ids (list[str] | Unset):
        count (int | Unset):
        due_in_days (int | None | Unset):
        met (bool | Unset):
        period (None | str | Unset): the current week (2026-W49) or month
        series (list[Point] | Unset): periodic objectives: each period so far
        target (int | Unset):
    """

    contact_ids: list[str] | Unset = UNSET
    count: int | Unset = UNSET
    due_in_days: int | None | Unset = UNSET
    met: bool | Unset = UNSET
    period: None | str | Unset = UNSET
    series: list[Point] | Unset = UNSET
    target: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_ids: list[str] | Unset = UNSET
        if not isinstance(self.contact_ids, Unset):
            contact_ids = self.contact_ids

        count = self.count

        due_in_days: int | None | Unset
        if isinstance(self.due_in_days, Unset):
            due_in_days = UNSET
        else:
            due_in_days = self.due_in_days

        met = self.met

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        else:
            period = self.period

        series: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.series, Unset):
            series = []
            for series_item_data in self.series:
                series_item = series_item_data.to_dict()
                series.append(series_item)

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_ids is not UNSET:
            field_dict["contact_ids"] = contact_ids
        if count is not UNSET:
            field_dict["count"] = count
        if due_in_days is not UNSET:
            field_dict["due_in_days"] = due_in_days
        if met is not UNSET:
            field_dict["met"] = met
        if period is not UNSET:
            field_dict["period"] = period
        if series is not UNSET:
            field_dict["series"] = series
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        contact_ids = cast(list[str], d.pop("contact_ids", UNSET))

        count = d.pop("count", UNSET)

        def _parse_due_in_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        due_in_days = _parse_due_in_days(d.pop("due_in_days", UNSET))

        met = d.pop("met", UNSET)

        def _parse_period(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

        _series = d.pop("series", UNSET)
        series: list[Point] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = Point.from_dict(series_item_data)

                series.append(series_item)

        target = d.pop("target", UNSET)

        progress_out = cls(
            contact_ids=contact_ids,
            count=count,
            due_in_days=due_in_days,
            met=met,
            period=period,
            series=series,
            target=target,
        )

        return progress_out
