from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.coverage_counts import CoverageCounts
    from ..models.milestone_coverage import MilestoneCoverage


T = TypeVar("T", bound="CoverageOut")


@_attrs_define
class CoverageOut:
    """
    Attributes:
        as_of (datetime.datetime | Unset):
        contacts_considered (int | Unset):
        counts (CoverageCounts | Unset):
        goal_id (str | Unset):
        milestones (list[MilestoneCoverage] | Unset):
        status (str | Unset):
        title (str | Unset):
    """

    as_of: datetime.datetime | Unset = UNSET
    contacts_considered: int | Unset = UNSET
    counts: CoverageCounts | Unset = UNSET
    goal_id: str | Unset = UNSET
    milestones: list[MilestoneCoverage] | Unset = UNSET
    status: str | Unset = UNSET
    title: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        as_of: str | Unset = UNSET
        if not isinstance(self.as_of, Unset):
            as_of = self.as_of.isoformat()

        contacts_considered = self.contacts_considered

        counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.counts, Unset):
            counts = self.counts.to_dict()

        goal_id = self.goal_id

        milestones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.milestones, Unset):
            milestones = []
            for milestones_item_data in self.milestones:
                milestones_item = milestones_item_data.to_dict()
                milestones.append(milestones_item)

        status = self.status

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if contacts_considered is not UNSET:
            field_dict["contacts_considered"] = contacts_considered
        if counts is not UNSET:
            field_dict["counts"] = counts
        if goal_id is not UNSET:
            field_dict["goal_id"] = goal_id
        if milestones is not UNSET:
            field_dict["milestones"] = milestones
        if status is not UNSET:
            field_dict["status"] = status
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_counts import CoverageCounts  # noqa: PLC0415
        from ..models.milestone_coverage import MilestoneCoverage  # noqa: PLC0415

        d = dict(src_dict)
        _as_of = d.pop("as_of", UNSET)
        as_of: datetime.datetime | Unset
        if isinstance(_as_of, Unset):
            as_of = UNSET
        else:
            as_of = datetime.datetime.fromisoformat(_as_of)

        contacts_considered = d.pop("contacts_considered", UNSET)

        _counts = d.pop("counts", UNSET)
        counts: CoverageCounts | Unset
        if isinstance(_counts, Unset):
            counts = UNSET
        else:
            counts = CoverageCounts.from_dict(_counts)

        goal_id = d.pop("goal_id", UNSET)

        _milestones = d.pop("milestones", UNSET)
        milestones: list[MilestoneCoverage] | Unset = UNSET
        if _milestones is not UNSET:
            milestones = []
            for milestones_item_data in _milestones:
                milestones_item = MilestoneCoverage.from_dict(milestones_item_data)

                milestones.append(milestones_item)

        status = d.pop("status", UNSET)

        title = d.pop("title", UNSET)

        coverage_out = cls(
            as_of=as_of,
            contacts_considered=contacts_considered,
            counts=counts,
            goal_id=goal_id,
            milestones=milestones,
            status=status,
            title=title,
        )

        return coverage_out
