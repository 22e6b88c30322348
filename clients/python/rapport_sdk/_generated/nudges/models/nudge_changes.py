from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nudge_out import NudgeOut
    from ..models.tombstone import Tombstone


T = TypeVar("T", bound="NudgeChanges")


@_attrs_define
class NudgeChanges:
    """
    Attributes:
        deleted (list[Tombstone] | Unset):
        upserted (list[NudgeOut] | Unset):
    """

    deleted: list[Tombstone] | Unset = UNSET
    upserted: list[NudgeOut] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        deleted: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.deleted, Unset):
            deleted = []
            for deleted_item_data in self.deleted:
                deleted_item = deleted_item_data.to_dict()
                deleted.append(deleted_item)

        upserted: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.upserted, Unset):
            upserted = []
            for upserted_item_data in self.upserted:
                upserted_item = upserted_item_data.to_dict()
                upserted.append(upserted_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if upserted is not UNSET:
            field_dict["upserted"] = upserted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nudge_out import NudgeOut  # noqa: PLC0415
        from ..models.tombstone import Tombstone  # noqa: PLC0415

        d = dict(src_dict)
        _deleted = d.pop("deleted", UNSET)
        deleted: list[Tombstone] | Unset = UNSET
        if _deleted is not UNSET:
            deleted = []
            for deleted_item_data in _deleted:
                deleted_item = Tombstone.from_dict(deleted_item_data)

                deleted.append(deleted_item)

        _upserted = d.pop("upserted", UNSET)
        upserted: list[NudgeOut] | Unset = UNSET
        if _upserted is not UNSET:
            upserted = []
            for upserted_item_data in _upserted:
                upserted_item = NudgeOut.from_dict(upserted_item_data)

                upserted.append(upserted_item)

        nudge_changes = cls(
            deleted=deleted,
            upserted=upserted,
        )

        return nudge_changes
