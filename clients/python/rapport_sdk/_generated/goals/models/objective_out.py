from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.objective_out_status import ObjectiveOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.objective_out_criteria import ObjectiveOutCriteria
    from ..models.progress_out import ProgressOut


T = TypeVar("T", bound="ObjectiveOut")


@_attrs_define
class ObjectiveOut:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        criteria (ObjectiveOutCriteria | Unset):
        due_date (None | str | Unset):
        goal_id (None | str | Unset):
        id (str | Unset):
        kind (str | Unset):
        met_at (datetime.datetime | None | Unset):
        milestone_id (None | str | Unset):
        per (None | str | Unset):
        progress (ProgressOut | Unset):
        starts_on (None | str | Unset):
        status (ObjectiveOutStatus | Unset):
        target (int | Unset):
        title (str | Unset):
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
    """

    created_at: datetime.datetime | Unset = UNSET
    criteria: ObjectiveOutCriteria | Unset = UNSET
    due_date: None | str | Unset = UNSET
    goal_id: None | str | Unset = UNSET
    id: str | Unset = UNSET
    kind: str | Unset = UNSET
    met_at: datetime.datetime | None | Unset = UNSET
    milestone_id: None | str | Unset = UNSET
    per: None | str | Unset = UNSET
    progress: ProgressOut | Unset = UNSET
    starts_on: None | str | Unset = UNSET
    status: ObjectiveOutStatus | Unset = UNSET
    target: int | Unset = UNSET
    title: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        criteria: dict[str, Any] | Unset = UNSET
        if not isinstance(self.criteria, Unset):
            criteria = self.criteria.to_dict()

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        else:
            due_date = self.due_date

        goal_id: None | str | Unset
        if isinstance(self.goal_id, Unset):
            goal_id = UNSET
        else:
            goal_id = self.goal_id

        id = self.id

        kind = self.kind

        met_at: None | str | Unset
        if isinstance(self.met_at, Unset):
            met_at = UNSET
        elif isinstance(self.met_at, datetime.datetime):
            met_at = self.met_at.isoformat()
        else:
            met_at = self.met_at

        milestone_id: None | str | Unset
        if isinstance(self.milestone_id, Unset):
            milestone_id = UNSET
        else:
            milestone_id = self.milestone_id

        per: None | str | Unset
        if isinstance(self.per, Unset):
            per = UNSET
        else:
            per = self.per

        progress: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = self.progress.to_dict()

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        else:
            starts_on = self.starts_on

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        target = self.target

        title = self.title

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if criteria is not UNSET:
            field_dict["criteria"] = criteria
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if goal_id is not UNSET:
            field_dict["goal_id"] = goal_id
        if id is not UNSET:
            field_dict["id"] = id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if met_at is not UNSET:
            field_dict["met_at"] = met_at
        if milestone_id is not UNSET:
            field_dict["milestone_id"] = milestone_id
        if per is not UNSET:
            field_dict["per"] = per
        if progress is not UNSET:
            field_dict["progress"] = progress
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if status is not UNSET:
            field_dict["status"] = status
        if target is not UNSET:
            field_dict["target"] = target
        if title is not UNSET:
            field_dict["title"] = title
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.objective_out_criteria import ObjectiveOutCriteria  # noqa: PLC0415
        from ..models.progress_out import ProgressOut  # noqa: PLC0415

        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _criteria = d.pop("criteria", UNSET)
        criteria: ObjectiveOutCriteria | Unset
        if isinstance(_criteria, Unset):
            criteria = UNSET
        else:
            criteria = ObjectiveOutCriteria.from_dict(_criteria)

        def _parse_due_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        def _parse_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal_id = _parse_goal_id(d.pop("goal_id", UNSET))

        id = d.pop("id", UNSET)

        kind = d.pop("kind", UNSET)

        def _parse_met_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                met_at_type_0 = datetime.datetime.fromisoformat(data)

                return met_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        met_at = _parse_met_at(d.pop("met_at", UNSET))

        def _parse_milestone_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        milestone_id = _parse_milestone_id(d.pop("milestone_id", UNSET))

        def _parse_per(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        per = _parse_per(d.pop("per", UNSET))

        _progress = d.pop("progress", UNSET)
        progress: ProgressOut | Unset
        if isinstance(_progress, Unset):
            progress = UNSET
        else:
            progress = ProgressOut.from_dict(_progress)

        def _parse_starts_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        _status = d.pop("status", UNSET)
        status: ObjectiveOutStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ObjectiveOutStatus(_status)

        target = d.pop("target", UNSET)

        title = d.pop("title", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        objective_out = cls(
            created_at=created_at,
            criteria=criteria,
            due_date=due_date,
            goal_id=goal_id,
            id=id,
            kind=kind,
            met_at=met_at,
            milestone_id=milestone_id,
            per=per,
            progress=progress,
            starts_on=starts_on,
            status=status,
            target=target,
            title=title,
            updated_at=updated_at,
            version=version,
        )

        return objective_out
