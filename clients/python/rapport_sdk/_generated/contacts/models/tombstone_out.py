from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TombstoneOut")


@_attrs_define
class TombstoneOut:
    """
    Attributes:
        deleted_at (datetime.datetime):
        id (str):
        version (int):
        merged_into (None | str | Unset):
    """

    deleted_at: datetime.datetime
    id: str
    version: int
    merged_into: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        deleted_at = self.deleted_at.isoformat()

        id = self.id

        version = self.version

        merged_into: None | str | Unset
        if isinstance(self.merged_into, Unset):
            merged_into = UNSET
        else:
            merged_into = self.merged_into

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deleted_at": deleted_at,
                "id": id,
                "version": version,
            }
        )
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deleted_at = datetime.datetime.fromisoformat(d.pop("deleted_at"))

        id = d.pop("id")

        version = d.pop("version")

        def _parse_merged_into(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        merged_into = _parse_merged_into(d.pop("merged_into", UNSET))

        tombstone_out = cls(
            deleted_at=deleted_at,
            id=id,
            version=version,
            merged_into=merged_into,
        )

        return tombstone_out
