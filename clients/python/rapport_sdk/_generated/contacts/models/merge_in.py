from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MergeIn")


@_attrs_define
class MergeIn:
    """
    Attributes:
        loser_id (str): the contact merged away (becomes a tombstone)
        winner_id (str): the contact that stays
    """

    loser_id: str
    winner_id: str

    def to_dict(self) -> dict[str, Any]:
        loser_id = self.loser_id

        winner_id = self.winner_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "loser_id": loser_id,
                "winner_id": winner_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        loser_id = d.pop("loser_id")

        winner_id = d.pop("winner_id")

        merge_in = cls(
            loser_id=loser_id,
            winner_id=winner_id,
        )

        return merge_in
