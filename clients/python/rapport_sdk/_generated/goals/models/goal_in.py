from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.goal_in_horizon import GoalInHorizon
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.milestone_in import MilestoneIn


T = TypeVar("T", bound="GoalIn")


@_attrs_define
class GoalIn:
    """
    Attributes:
        horizon (GoalInHorizon):
        title (str):
        milestones (list[MilestoneIn] | Unset):
        parent_goal_id (None | str | Unset): interim goals: the ultimate goal they serve
        target_date (datetime.date | None | Unset):
        why (None | str | Unset):
    """

    horizon: GoalInHorizon
    title: str
    milestones: list[MilestoneIn] | Unset = UNSET
    parent_goal_id: None | str | Unset = UNSET
    target_date: datetime.date | None | Unset = UNSET
    why: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        horizon = self.horizon.value

        title = self.title

        milestones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.milestones, Unset):
            milestones = []
            for milestones_item_data in self.milestones:
                milestones_item = milestones_item_data.to_dict()
                milestones.append(milestones_item)

        parent_goal_id: None | str | Unset
        if isinstance(self.parent_goal_id, Unset):
            parent_goal_id = UNSET
        else:
            parent_goal_id = self.parent_goal_id

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
                "horizon": horizon,
                "title": title,
            }
        )
        if milestones is not UNSET:
            field_dict["milestones"] = milestones
        if parent_goal_id is not UNSET:
            field_dict["parent_goal_id"] = parent_goal_id
        if target_date is not UNSET:
            field_dict["target_date"] = target_date
        if why is not UNSET:
            field_dict["why"] = why

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_in import MilestoneIn  # noqa: PLC0415

        d = dict(src_dict)
        horizon = GoalInHorizon(d.pop("horizon"))

        title = d.pop("title")

        _milestones = d.pop("milestones", UNSET)
        milestones: list[MilestoneIn] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = MilestoneIn.from_dict(milestones_item_data)

                milestones.append(milestones_item)

        def _parse_parent_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_goal_id = _parse_parent_goal_id(d.pop("parent_goal_id", UNSET))

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

        goal_in = cls(
            horizon=horizon,
            title=title,
            milestones=milestones,
            parent_goal_id=parent_goal_id,
            target_date=target_date,
            why=why,
        )

        return goal_in
