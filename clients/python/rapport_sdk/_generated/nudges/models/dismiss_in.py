from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.dismiss_in_reason import DismissInReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="DismissIn")


@_attrs_define
class DismissIn:
    """
    Attributes:
        reason (DismissInReason): not_relevant quiets this rule for this contact or goal for 90 days, not_now for 14,
            too_many quiets the rule for 14 days; already_done counts as a touch
        note (None | str | Unset):
    """

    reason: DismissInReason
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = DismissInReason(d.pop("reason"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        dismiss_in = cls(
            reason=reason,
            note=note,
        )

        return dismiss_in
