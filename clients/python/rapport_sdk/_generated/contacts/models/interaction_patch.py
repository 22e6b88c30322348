from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.interaction_patch_direction_type_1 import InteractionPatchDirectionType1
from ..models.interaction_patch_direction_type_2_type_1 import InteractionPatchDirectionType2Type1
from ..models.interaction_patch_direction_type_3_type_1 import InteractionPatchDirectionType3Type1
from ..models.interaction_patch_kind import InteractionPatchKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="InteractionPatch")


@_attrs_define
class InteractionPatch:
    """
    Attributes:
        contact_id (str | Unset):
        direction (InteractionPatchDirectionType1 | InteractionPatchDirectionType2Type1 |
            InteractionPatchDirectionType3Type1 | None | Unset): who gave: gave, received or mutual
        gathering_id (None | str | Unset):
        kind (InteractionPatchKind | Unset):
        notes (None | str | Unset):
        occurred_at (datetime.datetime | Unset):
    """

    contact_id: str | Unset = UNSET
    direction: (
        InteractionPatchDirectionType1
        | InteractionPatchDirectionType2Type1
        | InteractionPatchDirectionType3Type1
        | None
        | Unset
    ) = UNSET
    gathering_id: None | str | Unset = UNSET
    kind: InteractionPatchKind | Unset = UNSET
    notes: None | str | Unset = UNSET
    occurred_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, InteractionPatchDirectionType1):
            direction = self.direction.value
        elif isinstance(self.direction, InteractionPatchDirectionType2Type1):
            direction = self.direction.value
        elif isinstance(self.direction, InteractionPatchDirectionType3Type1):
            direction = self.direction.value
        else:
            direction = self.direction

        gathering_id: None | str | Unset
        if isinstance(self.gathering_id, Unset):
            gathering_id = UNSET
        else:
            gathering_id = self.gathering_id

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if direction is not UNSET:
            field_dict["direction"] = direction
        if gathering_id is not UNSET:
            field_dict["gathering_id"] = gathering_id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if notes is not UNSET:
            field_dict["notes"] = notes
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_id = d.pop("contact_id", UNSET)

        def _parse_direction(
            data: object,
        ) -> (
            InteractionPatchDirectionType1
            | InteractionPatchDirectionType2Type1
            | InteractionPatchDirectionType3Type1
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_1 = InteractionPatchDirectionType1(data)

                return direction_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_2_type_1 = InteractionPatchDirectionType2Type1(data)

                return direction_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_3_type_1 = InteractionPatchDirectionType3Type1(data)

                return direction_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                InteractionPatchDirectionType1
                | InteractionPatchDirectionType2Type1
                | InteractionPatchDirectionType3Type1
                | None
                | Unset,
                data,
            )

        direction = _parse_direction(d.pop("direction", UNSET))

        def _parse_gathering_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gathering_id = _parse_gathering_id(d.pop("gathering_id", UNSET))

        _kind = d.pop("kind", UNSET)
        kind: InteractionPatchKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = InteractionPatchKind(_kind)

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        interaction_patch = cls(
            contact_id=contact_id,
            direction=direction,
            gathering_id=gathering_id,
            kind=kind,
            notes=notes,
            occurred_at=occurred_at,
        )

        return interaction_patch
