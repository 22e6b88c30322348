from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.point import Point


T = TypeVar("T", bound="NewRelationshipsOut")


@_attrs_define
class NewRelationshipsOut:
    """
    Attributes:
        by_tier (list[Point] | Unset):
        total (int | Unset):
    """

    by_tier: list[Point] | Unset = UNSET
    total: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        by_tier: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.by_tier, Unset):
            by_tier = []
            for by_tier_item_data in self.by_tier:
                by_tier_item = by_tier_item_data.to_dict()
                by_tier.append(by_tier_item)

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if by_tier is not UNSET:
            field_dict["by_tier"] = by_tier
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        _by_tier = d.pop("by_tier", UNSET)
        by_tier: list[Point] | Unset = UNSET
        if _by_tier is not UNSET:
            by_tier = []
            for by_tier_item_data in _by_tier:
                by_tier_item = Point.from_dict(by_tier_item_data)

                by_tier.append(by_tier_item)

        total = d.pop("total", UNSET)

        new_relationships_out = cls(
            by_tier=by_tier,
            total=total,
        )

        return new_relationships_out
