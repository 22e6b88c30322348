from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_out import PlanOut
    from ..models.suggestion_out import SuggestionOut


T = TypeVar("T", bound="AcceptedOut")


@_attrs_define
class AcceptedOut:
    """
    Attributes:
        plan (PlanOut | Unset):
        suggestion (SuggestionOut | Unset):
    """

    plan: PlanOut | Unset = UNSET
    suggestion: SuggestionOut | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        plan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.to_dict()

        suggestion: dict[str, Any] | Unset = UNSET
        if not isinstance(self.suggestion, Unset):
            suggestion = self.suggestion.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if plan is not UNSET:
            field_dict["plan"] = plan
        if suggestion is not UNSET:
            field_dict["suggestion"] = suggestion

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_out import PlanOut  # noqa: PLC0415
        from ..models.suggestion_out import SuggestionOut  # noqa: PLC0415

        d = dict(src_dict)
        _plan = d.pop("plan", UNSET)
        plan: PlanOut | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = PlanOut.from_dict(_plan)

        _suggestion = d.pop("suggestion", UNSET)
        suggestion: SuggestionOut | Unset
        if isinstance(_suggestion, Unset):
            suggestion = UNSET
        else:
            suggestion = SuggestionOut.from_dict(_suggestion)

        accepted_out = cls(
            plan=plan,
            suggestion=suggestion,
        )

        return accepted_out
