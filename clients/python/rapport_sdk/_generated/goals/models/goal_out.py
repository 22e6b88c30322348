from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.milestone_out import MilestoneOut


T = TypeVar("T", bound="GoalOut")


@_attrs_define
class GoalOut:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        horizon (str | Unset):
        id (str | Unset):
        milestones (list[MilestoneOut] | Unset):
        parent_goal_id (None | str | Unset):
        previous_goal_id (None | str | Unset): the goal this one replaced
        replaced_by (None | str | Unset): after a change of direction: the goal that replaced this one
        status (str | Unset):
        target_date (None | str | Unset):
        title (str | Unset):
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
        why (None | str | Unset):
    """

    created_at: datetime.datetime | Unset = UNSET
    horizon: str | Unset = UNSET
    id: str | Unset = UNSET
    milestones: list[MilestoneOut] | Unset = UNSET
    parent_goal_id: None | str | Unset = UNSET
    previous_goal_id: None | str | Unset = UNSET
    replaced_by: None | str | Unset = UNSET
    status: str | Unset = UNSET
    target_date: None | str | Unset = UNSET
    title: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET
    why: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        horizon = self.horizon

        id = self.id

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

        previous_goal_id: None | str | Unset
        if isinstance(self.previous_goal_id, Unset):
            previous_goal_id = UNSET
        else:
            previous_goal_id = self.previous_goal_id

        replaced_by: None | str | Unset
        if isinstance(self.replaced_by, Unset):
            replaced_by = UNSET
        else:
            replaced_by = self.replaced_by

        status = self.status

        target_date: None | str | Unset
        if isinstance(self.target_date, Unset):
            target_date = UNSET
        else:
            target_date = self.target_date

        title = self.title

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        why: None | str | Unset
        if isinstance(self.why, Unset):
            why = UNSET
        else:
            why = self.why

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if horizon is not UNSET:
            field_dict["horizon"] = horizon
        if id is not UNSET:
            field_dict["id"] = id
        if milestones is not UNSET:
            field_dict["milestones"] = milestones
        if parent_goal_id is not UNSET:
            field_dict["parent_goal_id"] = parent_goal_id
        if previous_goal_id is not UNSET:
            field_dict["previous_goal_id"] = previous_goal_id
        if replaced_by is not UNSET:
            field_dict["replaced_by"] = replaced_by
        if status is not UNSET:
            field_dict["status"] = status
        if target_date is not UNSET:
            field_dict["target_date"] = target_date
        if title is not UNSET:
            field_dict["title"] = title
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version
        if why is not UNSET:
            field_dict["why"] = why

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_out import MilestoneOut  # noqa: PLC0415

        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        horizon = d.pop("horizon", UNSET)

        id = d.pop("id", UNSET)

        _milestones = d.pop("milestones", UNSET)
        milestones: list[MilestoneOut] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = MilestoneOut.from_dict(milestones_item_data)

                milestones.append(milestones_item)

        def _parse_parent_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_goal_id = _parse_parent_goal_id(d.pop("parent_goal_id", UNSET))

        def _parse_previous_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_goal_id = _parse_previous_goal_id(d.pop("previous_goal_id", UNSET))

        def _parse_replaced_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        replaced_by = _parse_replaced_by(d.pop("replaced_by", UNSET))

        status = d.pop("status", UNSET)

        def _parse_target_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_date = _parse_target_date(d.pop("target_date", UNSET))

        title = d.pop("title", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        def _parse_why(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        why = _parse_why(d.pop("why", UNSET))

        goal_out = cls(
            created_at=created_at,
            horizon=horizon,
            id=id,
            milestones=milestones,
            parent_goal_id=parent_goal_id,
            previous_goal_id=previous_goal_id,
            replaced_by=replaced_by,
            status=status,
            target_date=target_date,
            title=title,
            updated_at=updated_at,
            version=version,
            why=why,
        )

        return goal_out
