from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.merged_from_out_took import MergedFromOutTook


T = TypeVar("T", bound="MergedFromOut")


@_attrs_define
class MergedFromOut:
    """
    Attributes:
        contact_id (str):
        merged_at (datetime.datetime):
        took (MergedFromOutTook): field -> value taken from the merged contact
    """

    contact_id: str
    merged_at: datetime.datetime
    took: MergedFromOutTook

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        merged_at = self.merged_at.isoformat()

        took = self.took.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contact_id": contact_id,
                "merged_at": merged_at,
                "took": took,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.merged_from_out_took import MergedFromOutTook  # noqa: PLC0415

        d = dict(src_dict)
        contact_id = d.pop("contact_id")

        merged_at = datetime.datetime.fromisoformat(d.pop("merged_at"))

        took = MergedFromOutTook.from_dict(d.pop("took"))

        merged_from_out = cls(
            contact_id=contact_id,
            merged_at=merged_at,
            took=took,
        )

        return merged_from_out
