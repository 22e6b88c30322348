from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.milestone_in import MilestoneIn


T = TypeVar("T", bound="DirectionIn")


@_attrs_define
class DirectionIn:
    """
    Attributes:
        title (str):
        milestones (list[MilestoneIn] | Unset):
        target_date (datetime.date | None | Unset):
        why (None | str | Unset):
    """

    title: str
    milestones: list[MilestoneIn] | Unset = UNSET
    target_date: datetime.date | None | Unset = UNSET
    why: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        milestones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.milestones, Unset):
            milestones = []
            for milestones_item_data in self.milestones:
                milestones_item = milestones_item_data.to_dict()
                milestones.append(milestones_item)

        target_date: None | str | Unset
        if isinstance(self.target_date, Unset):
            target_date = UNSET
        elif isinstance(self.target_date, datetime.date):
            target_date = self.target_date.isoformat()
        else:
            target_date = self.target_date

        why: None | str | Unset
        if isinstance(self.why, Unset):
            why = UNSET
        else:
            why = self.why

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if milestones is not UNSET:
            field_dict["milestones"] = milestones
        if target_date is not UNSET:
            field_dict["target_date"] = target_date
        if why is not UNSET:
            field_dict["why"] = why

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_in import MilestoneIn  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        _milestones = d.pop("milestones", UNSET)
        milestones: list[MilestoneIn] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = MilestoneIn.from_dict(milestones_item_data)

                milestones.append(milestones_item)

        def _parse_target_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_date_type_0 = datetime.date.fromisoformat(data)

                return target_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        target_date = _parse_target_date(d.pop("target_date", UNSET))

        def _parse_why(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        why = _parse_why(d.pop("why", UNSET))

        direction_in = cls(
            title=title,
            milestones=milestones,
            target_date=target_date,
            why=why,
        )

        return direction_in
