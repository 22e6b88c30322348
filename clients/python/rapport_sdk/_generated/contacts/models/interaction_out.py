from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InteractionOut")


@_attrs_define
class InteractionOut:
    """
    Attributes:
        contact_id (str):
        created_at (datetime.datetime):
        id (str):
        kind (str):
        occurred_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
        direction (None | str | Unset):
        gathering_id (None | str | Unset):
        notes (None | str | Unset):
    """

    contact_id: str
    created_at: datetime.datetime
    id: str
    kind: str
    occurred_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    direction: None | str | Unset = UNSET
    gathering_id: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        else:
            direction = self.direction

        gathering_id: None | str | Unset
        if isinstance(self.gathering_id, Unset):
            gathering_id = UNSET
        else:
            gathering_id = self.gathering_id

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contact_id": contact_id,
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "occurred_at": occurred_at,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if direction is not UNSET:
            field_dict["direction"] = direction
        if gathering_id is not UNSET:
            field_dict["gathering_id"] = gathering_id
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_id = d.pop("contact_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_direction(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        direction = _parse_direction(d.pop("direction", UNSET))

        def _parse_gathering_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gathering_id = _parse_gathering_id(d.pop("gathering_id", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        interaction_out = cls(
            contact_id=contact_id,
            created_at=created_at,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            updated_at=updated_at,
            version=version,
            direction=direction,
            gathering_id=gathering_id,
            notes=notes,
        )

        return interaction_out
