from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.contact_out import ContactOut


T = TypeVar("T", bound="MergeOut")


@_attrs_define
class MergeOut:
    """
    Attributes:
        already_merged (bool):
        loser_id (str):
        moved_interactions (int):
        winner (ContactOut):
    """

    already_merged: bool
    loser_id: str
    moved_interactions: int
    winner: ContactOut

    def to_dict(self) -> dict[str, Any]:
        already_merged = self.already_merged

        loser_id = self.loser_id

        moved_interactions = self.moved_interactions

        winner = self.winner.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "already_merged": already_merged,
                "loser_id": loser_id,
                "moved_interactions": moved_interactions,
                "winner": winner,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_out import ContactOut  # noqa: PLC0415

        d = dict(src_dict)
        already_merged = d.pop("already_merged")

        loser_id = d.pop("loser_id")

        moved_interactions = d.pop("moved_interactions")

        winner = ContactOut.from_dict(d.pop("winner"))

        merge_out = cls(
            already_merged=already_merged,
            loser_id=loser_id,
            moved_interactions=moved_interactions,
            winner=winner,
        )

        return merge_out
