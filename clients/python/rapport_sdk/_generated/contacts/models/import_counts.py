from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ImportCounts")


@_attrs_define
class ImportCounts:
    """
    Attributes:
        created (int):
        done (int):
        failed (int):
        rows (int):
        unchanged (int):
        updated (int):
    """

    created: int
    done: int
    failed: int
    rows: int
    unchanged: int
    updated: int

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        done = self.done

        failed = self.failed

        rows = self.rows

        unchanged = self.unchanged

        updated = self.updated

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created": created,
                "done": done,
                "failed": failed,
                "rows": rows,
                "unchanged": unchanged,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created = d.pop("created")

        done = d.pop("done")

        failed = d.pop("failed")

        rows = d.pop("rows")

        unchanged = d.pop("unchanged")

        updated = d.pop("updated")

        import_counts = cls(
            created=created,
            done=done,
            failed=failed,
            rows=rows,
            unchanged=unchanged,
            updated=updated,
        )

        return import_counts
