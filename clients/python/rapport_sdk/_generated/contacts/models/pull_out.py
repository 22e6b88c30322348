from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.changes_out import ChangesOut


T = TypeVar("T", bound="PullOut")


@_attrs_define
class PullOut:
    """
    Attributes:
        changes (ChangesOut):
        has_more (bool):
        next_cursor (str): pass to the next pull
        server_time (datetime.datetime):
    """

    changes: ChangesOut
    has_more: bool
    next_cursor: str
    server_time: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        changes = self.changes.to_dict()

        has_more = self.has_more

        next_cursor = self.next_cursor

        server_time = self.server_time.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "changes": changes,
                "has_more": has_more,
                "next_cursor": next_cursor,
                "server_time": server_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.changes_out import ChangesOut  # noqa: PLC0415

        d = dict(src_dict)
        changes = ChangesOut.from_dict(d.pop("changes"))

        has_more = d.pop("has_more")

        next_cursor = d.pop("next_cursor")

        server_time = datetime.datetime.fromisoformat(d.pop("server_time"))

        pull_out = cls(
            changes=changes,
            has_more=has_more,
            next_cursor=next_cursor,
            server_time=server_time,
        )

        return pull_out
