from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.changes import Changes


T = TypeVar("T", bound="PullOut")


@_attrs_define
class PullOut:
    """
    Attributes:
        changes (Changes | Unset):
        has_more (bool | Unset):
        next_cursor (str | Unset): pass to the next pull
        server_time (datetime.datetime | Unset):
    """

    changes: Changes | Unset = UNSET
    has_more: bool | Unset = UNSET
    next_cursor: str | Unset = UNSET
    server_time: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        changes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = self.changes.to_dict()

        has_more = self.has_more

        next_cursor = self.next_cursor

        server_time: str | Unset = UNSET
        if not isinstance(self.server_time, Unset):
            server_time = self.server_time.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if changes is not UNSET:
            field_dict["changes"] = changes
        if has_more is not UNSET:
            field_dict["has_more"] = has_more
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor
        if server_time is not UNSET:
            field_dict["server_time"] = server_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.changes import Changes  # noqa: PLC0415

        d = dict(src_dict)
        _changes = d.pop("changes", UNSET)
        changes: Changes | Unset
        if isinstance(_changes, Unset):
            changes = UNSET
        else:
            changes = Changes.from_dict(_changes)

        has_more = d.pop("has_more", UNSET)

        next_cursor = d.pop("next_cursor", UNSET)

        _server_time = d.pop("server_time", UNSET)
        server_time: datetime.datetime | Unset
        if isinstance(_server_time, Unset):
            server_time = UNSET
        else:
            server_time = datetime.datetime.fromisoformat(_server_time)

        pull_out = cls(
            changes=changes,
            has_more=has_more,
            next_cursor=next_cursor,
            server_time=server_time,
        )

        return pull_out
