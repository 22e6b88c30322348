from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.goal_changes import GoalChanges
    from ..models.objective_changes import ObjectiveChanges
    from ..models.plan_changes import PlanChanges


T = TypeVar("T", bound="SyncChanges")


@_attrs_define
class SyncChanges:
    """
    Attributes:
        goals (GoalChanges | Unset):
        objectives (ObjectiveChanges | Unset):
        plan (PlanChanges | Unset):
    """

    goals: GoalChanges | Unset = UNSET
    objectives: ObjectiveChanges | Unset = UNSET
    plan: PlanChanges | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        goals: dict[str, Any] | Unset = UNSET
        if not isinstance(self.goals, Unset):
            goals = self.goals.to_dict()

        objectives: dict[str, Any] | Unset = UNSET
        if not isinstance(self.objectives, Unset):
            objectives = self.objectives.to_dict()

        plan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if goals is not UNSET:
            field_dict["goals"] = goals
        if objectives is not UNSET:
            field_dict["objectives"] = objectives
        if plan is not UNSET:
            field_dict["plan"] = plan

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.goal_changes import GoalChanges  # noqa: PLC0415
        from ..models.objective_changes import ObjectiveChanges  # noqa: PLC0415
        from ..models.plan_changes import PlanChanges  # noqa: PLC0415

        d = dict(src_dict)
        _goals = d.pop("goals", UNSET)
        goals: GoalChanges | Unset
        if isinstance(_goals, Unset):
            goals = UNSET
        else:
            goals = GoalChanges.from_dict(_goals)

        _objectives = d.pop("objectives", UNSET)
        objectives: ObjectiveChanges | Unset
        if isinstance(_objectives, Unset):
            objectives = UNSET
        else:
            objectives = ObjectiveChanges.from_dict(_objectives)

        _plan = d.pop("plan", UNSET)
        plan: PlanChanges | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = PlanChanges.from_dict(_plan)

        sync_changes = cls(
            goals=goals,
            objectives=objectives,
            plan=plan,
        )

        return sync_changes
