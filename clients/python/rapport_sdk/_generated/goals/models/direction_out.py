from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_out import CoverageOut
    from ..models.goal_out import GoalOut


T = TypeVar("T", bound="DirectionOut")


@_attrs_define
class DirectionOut:
    """
    Attributes:
        coverage (CoverageOut | Unset):
        goal (GoalOut | Unset):
        previous (GoalOut | Unset):
    """

    coverage: CoverageOut | Unset = UNSET
    goal: GoalOut | Unset = UNSET
    previous: GoalOut | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        coverage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.coverage, Unset):
            coverage = self.coverage.to_dict()

        goal: dict[str, Any] | Unset = UNSET
        if not isinstance(self.goal, Unset):
            goal = self.goal.to_dict()

        previous: dict[str, Any] | Unset = UNSET
        if not isinstance(self.previous, Unset):
            previous = self.previous.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if coverage is not UNSET:
            field_dict["coverage"] = coverage
        if goal is not UNSET:
            field_dict["goal"] = goal
        if previous is not UNSET:
            field_dict["previous"] = previous

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_out import CoverageOut  # noqa: PLC0415
        from ..models.goal_out import GoalOut  # noqa: PLC0415

        d = dict(src_dict)
        _coverage = d.pop("coverage", UNSET)
        coverage: CoverageOut | Unset
        if isinstance(_coverage, Unset):
            coverage = UNSET
        else:
            coverage = CoverageOut.from_dict(_coverage)

        _goal = d.pop("goal", UNSET)
        goal: GoalOut | Unset
        if isinstance(_goal, Unset):
            goal = UNSET
        else:
            goal = GoalOut.from_dict(_goal)

        _previous = d.pop("previous", UNSET)
        previous: GoalOut | Unset
        if isinstance(_previous, Unset):
            previous = UNSET
        else:
            previous = GoalOut.from_dict(_previous)

        direction_out = cls(
            coverage=coverage,
            goal=goal,
            previous=previous,
        )

        return direction_out
