from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncTombstone")


@_attrs_define
class SyncTombstone:
    """
    Attributes:
        deleted_at (datetime.datetime | Unset):
        id (str | Unset):
        version (int | Unset):
    """

    deleted_at: datetime.datetime | Unset = UNSET
    id: str | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        deleted_at: str | Unset = UNSET
        if not isinstance(self.deleted_at, Unset):
            deleted_at = self.deleted_at.isoformat()

        id = self.id

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if id is not UNSET:
            field_dict["id"] = id
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _deleted_at = d.pop("deleted_at", UNSET)
        deleted_at: datetime.datetime | Unset
        if isinstance(_deleted_at, Unset):
            deleted_at = UNSET
        else:
            deleted_at = datetime.datetime.fromisoformat(_deleted_at)

        id = d.pop("id", UNSET)

        version = d.pop("version", UNSET)

        sync_tombstone = cls(
            deleted_at=deleted_at,
            id=id,
            version=version,
        )

        return sync_tombstone
