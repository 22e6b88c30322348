from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.gathering_out import GatheringOut
    from ..models.tombstone_out import TombstoneOut


T = TypeVar("T", bound="GatheringChanges")


@_attrs_define
class GatheringChanges:
    """
    Attributes:
        deleted (list[TombstoneOut]):
        upserted (list[GatheringOut]):
    """

    deleted: list[TombstoneOut]
    upserted: list[GatheringOut]

    def to_dict(self) -> dict[str, Any]:
        deleted = []
        for deleted_item_data in self.deleted:
            deleted_item = deleted_item_data.to_dict()
            deleted.append(deleted_item)

        upserted = []
        for upserted_item_data in self.upserted:
            upserted_item = upserted_item_data.to_dict()
            upserted.append(upserted_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deleted": deleted,
                "upserted": upserted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gathering_out import GatheringOut  # noqa: PLC0415
        from ..models.tombstone_out import TombstoneOut  # noqa: PLC0415

        d = dict(src_dict)
        deleted = []
        _deleted = d.pop("deleted")
        for deleted_item_data in _deleted:
            deleted_item = TombstoneOut.from_dict(deleted_item_data)

            deleted.append(deleted_item)

        upserted = []
        _upserted = d.pop("upserted")
        for upserted_item_data in _upserted:
            upserted_item = GatheringOut.from_dict(upserted_item_data)

            upserted.append(upserted_item)

        gathering_changes = cls(
            deleted=deleted,
            upserted=upserted,
        )

        return gathering_changes
