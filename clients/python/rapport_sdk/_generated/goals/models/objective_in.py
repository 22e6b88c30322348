from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.objective_in_kind import ObjectiveInKind
from ..models.objective_in_per_type_1 import ObjectiveInPerType1
from ..models.objective_in_per_type_2_type_1 import ObjectiveInPerType2Type1
from ..models.objective_in_per_type_3_type_1 import ObjectiveInPerType3Type1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.criteria_in import CriteriaIn


T = TypeVar("T", bound="ObjectiveIn")


@_attrs_define
class ObjectiveIn:
    """
    Attributes:
        due_date (datetime.date):
        kind (ObjectiveInKind):
        title (str):
        criteria (CriteriaIn | Unset):
        goal_id (None | str | Unset):
        milestone_id (None | str | Unset):
        per (None | ObjectiveInPerType1 | ObjectiveInPerType2Type1 | ObjectiveInPerType3Type1 | Unset): give_first and
            touches: counted per week or month
        starts_on (datetime.date | None | Unset): default: today
        target (int | Unset):  Default: 1.
    """

    due_date: datetime.date
    kind: ObjectiveInKind
    title: str
    criteria: CriteriaIn | Unset = UNSET
    goal_id: None | str | Unset = UNSET
    milestone_id: None | str | Unset = UNSET
    per: None | ObjectiveInPerType1 | ObjectiveInPerType2Type1 | ObjectiveInPerType3Type1 | Unset = UNSET
    starts_on: datetime.date | None | Unset = UNSET
    target: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        due_date = self.due_date.isoformat()

        kind = self.kind.value

        title = self.title

        criteria: dict[str, Any] | Unset = UNSET
        if not isinstance(self.criteria, Unset):
            criteria = self.criteria.to_dict()

        goal_id: None | str | Unset
        if isinstance(self.goal_id, Unset):
            goal_id = UNSET
        else:
            goal_id = self.goal_id

        milestone_id: None | str | Unset
        if isinstance(self.milestone_id, Unset):
            milestone_id = UNSET
        else:
            milestone_id = self.milestone_id

        per: None | str | Unset
        if isinstance(self.per, Unset):
            per = UNSET
        elif isinstance(self.per, ObjectiveInPerType1):
            per = self.per.value
        elif isinstance(self.per, ObjectiveInPerType2Type1):
            per = self.per.value
        elif isinstance(self.per, ObjectiveInPerType3Type1):
            per = self.per.value
        else:
            per = self.per

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        elif isinstance(self.starts_on, datetime.date):
            starts_on = self.starts_on.isoformat()
        else:
            starts_on = self.starts_on

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "due_date": due_date,
                "kind": kind,
                "title": title,
            }
        )
        if criteria is not UNSET:
            field_dict["criteria"] = criteria
        if goal_id is not UNSET:
            field_dict["goal_id"] = goal_id
        if milestone_id is not UNSET:
            field_dict["milestone_id"] = milestone_id
        if per is not UNSET:
            field_dict["per"] = per
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criteria_in import CriteriaIn  # noqa: PLC0415

        d = dict(src_dict)
        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        kind = ObjectiveInKind(d.pop("kind"))

        title = d.pop("title")

        _criteria = d.pop("criteria", UNSET)
        criteria: CriteriaIn | Unset
        if isinstance(_criteria, Unset):
            criteria = UNSET
        else:
            criteria = CriteriaIn.from_dict(_criteria)

        def _parse_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal_id = _parse_goal_id(d.pop("goal_id", UNSET))

        def _parse_milestone_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        milestone_id = _parse_milestone_id(d.pop("milestone_id", UNSET))

        def _parse_per(
            data: object,
        ) -> None | ObjectiveInPerType1 | ObjectiveInPerType2Type1 | ObjectiveInPerType3Type1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                per_type_1 = ObjectiveInPerType1(data)

                return per_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                per_type_2_type_1 = ObjectiveInPerType2Type1(data)

                return per_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                per_type_3_type_1 = ObjectiveInPerType3Type1(data)

                return per_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectiveInPerType1 | ObjectiveInPerType2Type1 | ObjectiveInPerType3Type1 | Unset, data)

        per = _parse_per(d.pop("per", UNSET))

        def _parse_starts_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_on_type_0 = datetime.date.fromisoformat(data)

                return starts_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        target = d.pop("target", UNSET)

        objective_in = cls(
            due_date=due_date,
            kind=kind,
            title=title,
            criteria=criteria,
            goal_id=goal_id,
            milestone_id=milestone_id,
            per=per,
            starts_on=starts_on,
            target=target,
        )

        return objective_in
