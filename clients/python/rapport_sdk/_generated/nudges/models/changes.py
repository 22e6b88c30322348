from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nudge_changes import NudgeChanges


T = TypeVar("T", bound="Changes")


@_attrs_define
class Changes:
    """
    Attributes:
        nudges (NudgeChanges | Unset):
    """

    nudges: NudgeChanges | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        nudges: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nudges, Unset):
            nudges = self.nudges.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if nudges is not UNSET:
            field_dict["nudges"] = nudges

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nudge_changes import NudgeChanges  # noqa: PLC0415

        d = dict(src_dict)
        _nudges = d.pop("nudges", UNSET)
        nudges: NudgeChanges | Unset
        if isinstance(_nudges, Unset):
            nudges = UNSET
        else:
            nudges = NudgeChanges.from_dict(_nudges)

        changes = cls(
            nudges=nudges,
        )

        return changes
