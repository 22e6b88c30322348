from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.objective_patch_kind import ObjectivePatchKind
from ..models.objective_patch_per_type_1 import ObjectivePatchPerType1
from ..models.objective_patch_per_type_2_type_1 import ObjectivePatchPerType2Type1
from ..models.objective_patch_per_type_3_type_1 import ObjectivePatchPerType3Type1
from ..models.objective_patch_status import ObjectivePatchStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.criteria_in import CriteriaIn


T = TypeVar("T", bound="ObjectivePatch")


@_attrs_define
class ObjectivePatch:
    """
    Attributes:
        criteria (CriteriaIn | Unset):
        due_date (datetime.date | Unset):
        goal_id (None | str | Unset):
        kind (ObjectivePatchKind | Unset):
        milestone_id (None | str | Unset):
        per (None | ObjectivePatchPerType1 | ObjectivePatchPerType2Type1 | ObjectivePatchPerType3Type1 | Unset):
        starts_on (datetime.date | Unset):
        status (ObjectivePatchStatus | Unset): met and missed follow from progress
        target (int | Unset):
        title (str | Unset):
    """

    criteria: CriteriaIn | Unset = UNSET
    due_date: datetime.date | Unset = UNSET
    goal_id: None | str | Unset = UNSET
    kind: ObjectivePatchKind | Unset = UNSET
    milestone_id: None | str | Unset = UNSET
    per: None | ObjectivePatchPerType1 | ObjectivePatchPerType2Type1 | ObjectivePatchPerType3Type1 | Unset = UNSET
    starts_on: datetime.date | Unset = UNSET
    status: ObjectivePatchStatus | Unset = UNSET
    target: int | Unset = UNSET
    title: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        criteria: dict[str, Any] | Unset = UNSET
        if not isinstance(self.criteria, Unset):
            criteria = self.criteria.to_dict()

        due_date: str | Unset = UNSET
        if not isinstance(self.due_date, Unset):
            due_date = self.due_date.isoformat()

        goal_id: None | str | Unset
        if isinstance(self.goal_id, Unset):
            goal_id = UNSET
        else:
            goal_id = self.goal_id

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        milestone_id: None | str | Unset
        if isinstance(self.milestone_id, Unset):
            milestone_id = UNSET
        else:
            milestone_id = self.milestone_id

        per: None | str | Unset
        if isinstance(self.per, Unset):
            per = UNSET
        elif isinstance(self.per, ObjectivePatchPerType1):
            per = self.per.value
        elif isinstance(self.per, ObjectivePatchPerType2Type1):
            per = self.per.value
        elif isinstance(self.per, ObjectivePatchPerType3Type1):
            per = self.per.value
        else:
            per = self.per

        starts_on: str | Unset = UNSET
        if not isinstance(self.starts_on, Unset):
            starts_on = self.starts_on.isoformat()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        target = self.target

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if criteria is not UNSET:
            field_dict["criteria"] = criteria
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if goal_id is not UNSET:
            field_dict["goal_id"] = goal_id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if milestone_id is not UNSET:
            field_dict["milestone_id"] = milestone_id
        if per is not UNSET:
            field_dict["per"] = per
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if status is not UNSET:
            field_dict["status"] = status
        if target is not UNSET:
            field_dict["target"] = target
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criteria_in import CriteriaIn  # noqa: PLC0415

        d = dict(src_dict)
        _criteria = d.pop("criteria", UNSET)
        criteria: CriteriaIn | Unset
        if isinstance(_criteria, Unset):
            criteria = UNSET
        else:
            criteria = CriteriaIn.from_dict(_criteria)

        _due_date = d.pop("due_date", UNSET)
        due_date: datetime.date | Unset
        if isinstance(_due_date, Unset):
            due_date = UNSET
        else:
            due_date = datetime.date.fromisoformat(_due_date)

        def _parse_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal_id = _parse_goal_id(d.pop("goal_id", UNSET))

        _kind = d.pop("kind", UNSET)
        kind: ObjectivePatchKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ObjectivePatchKind(_kind)

        def _parse_milestone_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        milestone_id = _parse_milestone_id(d.pop("milestone_id", UNSET))

        def _parse_per(
            data: object,
        ) -> None | ObjectivePatchPerType1 | ObjectivePatchPerType2Type1 | ObjectivePatchPerType3Type1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                per_type_1 = ObjectivePatchPerType1(data)

                return per_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                per_type_2_type_1 = ObjectivePatchPerType2Type1(data)

                return per_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                per_type_3_type_1 = ObjectivePatchPerType3Type1(data)

                return per_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                None | ObjectivePatchPerType1 | ObjectivePatchPerType2Type1 | ObjectivePatchPerType3Type1 | Unset, data
            )

        per = _parse_per(d.pop("per", UNSET))

        _starts_on = d.pop("starts_on", UNSET)
        starts_on: datetime.date | Unset
        if isinstance(_starts_on, Unset):
            starts_on = UNSET
        else:
            starts_on = datetime.date.fromisoformat(_starts_on)

        _status = d.pop("status", UNSET)
        status: ObjectivePatchStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ObjectivePatchStatus(_status)

        target = d.pop("target", UNSET)

        title = d.pop("title", UNSET)

        objective_patch = cls(
            criteria=criteria,
            due_date=due_date,
            goal_id=goal_id,
            kind=kind,
            milestone_id=milestone_id,
            per=per,
            starts_on=starts_on,
            status=status,
            target=target,
            title=title,
        )

        return objective_patch
