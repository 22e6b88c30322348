from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.done_in_interaction_type_1_type_0 import DoneInInteractionType1Type0
    from ..models.interaction_in import InteractionIn


T = TypeVar("T", bound="DoneIn")


@_attrs_define
class DoneIn:
    """
    Attributes:
        interaction (DoneInInteractionType1Type0 | InteractionIn | None | Unset): log what you did with the contact
            (published as nudge.completed for the contacts service)
        note (None | str | Unset):
    """

    interaction: DoneInInteractionType1Type0 | InteractionIn | None | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.done_in_interaction_type_1_type_0 import DoneInInteractionType1Type0  # noqa: PLC0415
        from ..models.interaction_in import InteractionIn  # noqa: PLC0415

        interaction: dict[str, Any] | None | Unset
        if isinstance(self.interaction, Unset):
            interaction = UNSET
        elif isinstance(self.interaction, InteractionIn):
            interaction = self.interaction.to_dict()
        elif isinstance(self.interaction, DoneInInteractionType1Type0):
            interaction = self.interaction.to_dict()
        else:
            interaction = self.interaction

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if interaction is not UNSET:
            field_dict["interaction"] = interaction
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.done_in_interaction_type_1_type_0 import DoneInInteractionType1Type0  # noqa: PLC0415
        from ..models.interaction_in import InteractionIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_interaction(data: object) -> DoneInInteractionType1Type0 | InteractionIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interaction_type_0 = InteractionIn.from_dict(data)

                return interaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interaction_type_1_type_0 = DoneInInteractionType1Type0.from_dict(data)

                return interaction_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DoneInInteractionType1Type0 | InteractionIn | None | Unset, data)

        interaction = _parse_interaction(d.pop("interaction", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        done_in = cls(
            interaction=interaction,
            note=note,
        )

        return done_in
