from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.interaction_fields_direction_type_1 import InteractionFieldsDirectionType1
from ..models.interaction_fields_direction_type_2_type_1 import InteractionFieldsDirectionType2Type1
from ..models.interaction_fields_direction_type_3_type_1 import InteractionFieldsDirectionType3Type1
from ..models.interaction_fields_kind import InteractionFieldsKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="InteractionFields")


@_attrs_define
class InteractionFields:
    """
    Attributes:
        contact_id (str):
        kind (InteractionFieldsKind):
        occurred_at (datetime.datetime):
        direction (InteractionFieldsDirectionType1 | InteractionFieldsDirectionType2Type1 |
            InteractionFieldsDirectionType3Type1 | None | Unset): who gave: gave, received or mutual
        gathering_id (None | str | Unset):
        notes (None | str | Unset):
    """

    contact_id: str
    kind: InteractionFieldsKind
    occurred_at: datetime.datetime
    direction: (
        InteractionFieldsDirectionType1
        | InteractionFieldsDirectionType2Type1
        | InteractionFieldsDirectionType3Type1
        | None
        | Unset
    ) = UNSET
    gathering_id: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        kind = self.kind.value

        occurred_at = self.occurred_at.isoformat()

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, InteractionFieldsDirectionType1):
            direction = self.direction.value
        elif isinstance(self.direction, InteractionFieldsDirectionType2Type1):
            direction = self.direction.value
        elif isinstance(self.direction, InteractionFieldsDirectionType3Type1):
            direction = self.direction.value
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
                "kind": kind,
                "occurred_at": occurred_at,
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

        kind = InteractionFieldsKind(d.pop("kind"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_direction(
            data: object,
        ) -> (
            InteractionFieldsDirectionType1
            | InteractionFieldsDirectionType2Type1
            | InteractionFieldsDirectionType3Type1
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
                direction_type_1 = InteractionFieldsDirectionType1(data)

                return direction_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_2_type_1 = InteractionFieldsDirectionType2Type1(data)

                return direction_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_3_type_1 = InteractionFieldsDirectionType3Type1(data)

                return direction_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                InteractionFieldsDirectionType1
                | InteractionFieldsDirectionType2Type1
                | InteractionFieldsDirectionType3Type1
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

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        interaction_fields = cls(
            contact_id=contact_id,
            kind=kind,
            occurred_at=occurred_at,
            direction=direction,
            gathering_id=gathering_id,
            notes=notes,
        )

        return interaction_fields
