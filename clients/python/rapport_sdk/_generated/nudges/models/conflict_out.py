from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConflictOut")


@_attrs_define
class ConflictOut:
    """
    Attributes:
        changed_in_version (int | Unset):
        field (str | Unset):
        server_value (Any | Unset):
    """

    changed_in_version: int | Unset = UNSET
    field: str | Unset = UNSET
    server_value: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        changed_in_version = self.changed_in_version

        field = self.field

        server_value = self.server_value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if changed_in_version is not UNSET:
            field_dict["changed_in_version"] = changed_in_version
        if field is not UNSET:
            field_dict["field"] = field
        if server_value is not UNSET:
            field_dict["server_value"] = server_value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        changed_in_version = d.pop("changed_in_version", UNSET)

        field = d.pop("field", UNSET)

        server_value = d.pop("server_value", UNSET)

        conflict_out = cls(
            changed_in_version=changed_in_version,
            field=field,
            server_value=server_value,
        )

        return conflict_out
