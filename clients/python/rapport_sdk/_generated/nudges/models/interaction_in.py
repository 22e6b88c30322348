from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.interaction_in_direction_type_1 import InteractionInDirectionType1
from ..models.interaction_in_direction_type_2_type_1 import InteractionInDirectionType2Type1
from ..models.interaction_in_direction_type_3_type_1 import InteractionInDirectionType3Type1
from ..models.interaction_in_kind import InteractionInKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="InteractionIn")


@_attrs_define
class InteractionIn:
    """
    Attributes:
        kind (InteractionInKind):
        direction (InteractionInDirectionType1 | InteractionInDirectionType2Type1 | InteractionInDirectionType3Type1 |
            None | Unset):
        note (None | str | Unset):
        occurred_at (datetime.datetime | None | Unset):
    """

    kind: InteractionInKind
    direction: (
        InteractionInDirectionType1 | InteractionInDirectionType2Type1 | InteractionInDirectionType3Type1 | None | Unset
    ) = UNSET
    note: None | str | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, InteractionInDirectionType1):
            direction = self.direction.value
        elif isinstance(self.direction, InteractionInDirectionType2Type1):
            direction = self.direction.value
        elif isinstance(self.direction, InteractionInDirectionType3Type1):
            direction = self.direction.value
        else:
            direction = self.direction

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if direction is not UNSET:
            field_dict["direction"] = direction
        if note is not UNSET:
            field_dict["note"] = note
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = InteractionInKind(d.pop("kind"))

        def _parse_direction(
            data: object,
        ) -> (
            InteractionInDirectionType1
            | InteractionInDirectionType2Type1
            | InteractionInDirectionType3Type1
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
                direction_type_1 = InteractionInDirectionType1(data)

                return direction_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_2_type_1 = InteractionInDirectionType2Type1(data)

                return direction_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_3_type_1 = InteractionInDirectionType3Type1(data)

                return direction_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                InteractionInDirectionType1
                | InteractionInDirectionType2Type1
                | InteractionInDirectionType3Type1
                | None
                | Unset,
                data,
            )

        direction = _parse_direction(d.pop("direction", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        interaction_in = cls(
            kind=kind,
            direction=direction,
            note=note,
            occurred_at=occurred_at,
        )

        return interaction_in
