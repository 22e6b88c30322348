from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.commitment_in_per import CommitmentInPer
from ..models.commitment_in_what import CommitmentInWhat

T = TypeVar("T", bound="CommitmentIn")


@_attrs_define
class CommitmentIn:
    """
    Attributes:
        count (int):
        per (CommitmentInPer):
        what (CommitmentInWhat): a channel, or `give_first`
    """

    count: int
    per: CommitmentInPer
    what: CommitmentInWhat

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        per = self.per.value

        what = self.what.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "per": per,
                "what": what,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        per = CommitmentInPer(d.pop("per"))

        what = CommitmentInWhat(d.pop("what"))

        commitment_in = cls(
            count=count,
            per=per,
            what=what,
        )

        return commitment_in
