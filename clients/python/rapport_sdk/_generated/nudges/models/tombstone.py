from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Tombstone")


@_attrs_define
class Tombstone:
    """
    Attributes:
        contact_merged_into (None | str | Unset):
        deleted_at (datetime.datetime | Unset):
        id (str | Unset):
        merged_into (None | str | Unset): always null: nudges are not merged
        reason (None | str | Unset): why the coach withdrew it: contact_deleted, contact_merged, goal_closed,
            superseded, no_longer_applies, member_left
        version (int | Unset):
    """

    contact_merged_into: None | str | Unset = UNSET
    deleted_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    merged_into: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_merged_into: None | str | Unset
        if isinstance(self.contact_merged_into, Unset):
            contact_merged_into = UNSET
        else:
            contact_merged_into = self.contact_merged_into

        deleted_at: str | Unset = UNSET
        if not isinstance(self.deleted_at, Unset):
            deleted_at = self.deleted_at.isoformat()

        id = self.id

        merged_into: None | str | Unset
        if isinstance(self.merged_into, Unset):
            merged_into = UNSET
        else:
            merged_into = self.merged_into

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_merged_into is not UNSET:
            field_dict["contact_merged_into"] = contact_merged_into
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if id is not UNSET:
            field_dict["id"] = id
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if reason is not UNSET:
            field_dict["reason"] = reason
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_contact_merged_into(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_merged_into = _parse_contact_merged_into(d.pop("contact_merged_into", UNSET))

        _deleted_at = d.pop("deleted_at", UNSET)
        deleted_at: datetime.datetime | Unset
        if isinstance(_deleted_at, Unset):
            deleted_at = UNSET
        else:
            deleted_at = datetime.datetime.fromisoformat(_deleted_at)

        id = d.pop("id", UNSET)

        def _parse_merged_into(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merged_into = _parse_merged_into(d.pop("merged_into", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        version = d.pop("version", UNSET)

        tombstone = cls(
            contact_merged_into=contact_merged_into,
            deleted_at=deleted_at,
            id=id,
            merged_into=merged_into,
            reason=reason,
            version=version,
        )

        return tombstone
