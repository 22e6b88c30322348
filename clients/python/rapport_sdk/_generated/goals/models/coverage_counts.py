from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CoverageCounts")


@_attrs_define
class CoverageCounts:
    """
    Attributes:
        covered (int | Unset):
        missing (int | Unset):
        weak (int | Unset):
    """

    covered: int | Unset = UNSET
    missing: int | Unset = UNSET
    weak: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        covered = self.covered

        missing = self.missing

        weak = self.weak

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if covered is not UNSET:
            field_dict["covered"] = covered
        if missing is not UNSET:
            field_dict["missing"] = missing
        if weak is not UNSET:
            field_dict["weak"] = weak

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        covered = d.pop("covered", UNSET)

        missing = d.pop("missing", UNSET)

        weak = d.pop("weak", UNSET)

        coverage_counts = cls(
            covered=covered,
            missing=missing,
            weak=weak,
        )

        return coverage_counts
