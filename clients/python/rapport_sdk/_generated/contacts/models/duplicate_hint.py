from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DuplicateHint")


@_attrs_define
class DuplicateHint:
    """
    Attributes:
        display_name (str):
        id (str):
        reasons (list[str]): email, phone, profile_url, name_at_company
    """

    display_name: str
    id: str
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        id = self.id

        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display_name": display_name,
                "id": id,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        id = d.pop("id")

        reasons = cast(list[str], d.pop("reasons"))

        duplicate_hint = cls(
            display_name=display_name,
            id=id,
            reasons=reasons,
        )

        return duplicate_hint
