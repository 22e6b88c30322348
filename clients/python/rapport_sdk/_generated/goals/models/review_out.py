from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.follow_ups_out import FollowUpsOut
    from ..models.giving_out import GivingOut
    from ..models.listed import Listed
    from ..models.new_relationships_out import NewRelationshipsOut
    from ..models.touches_out import TouchesOut


T = TypeVar("T", bound="ReviewOut")


@_attrs_define
class ReviewOut:
    """
    Attributes:
        ends_at (datetime.datetime | Unset): exclusive; now for a period under way
        follow_ups (FollowUpsOut | Unset):
        giving (GivingOut | Unset):
        milestones_covered (Listed | Unset):
        new_relationships (NewRelationshipsOut | Unset):
        objectives_met (Listed | Unset):
        period (str | Unset):
        starts_at (datetime.datetime | Unset):
        touches (TouchesOut | Unset):
    """

    ends_at: datetime.datetime | Unset = UNSET
    follow_ups: FollowUpsOut | Unset = UNSET
    giving: GivingOut | Unset = UNSET
    milestones_covered: Listed | Unset = UNSET
    new_relationships: NewRelationshipsOut | Unset = UNSET
    objectives_met: Listed | Unset = UNSET
    period: str | Unset = UNSET
    starts_at: datetime.datetime | Unset = UNSET
    touches: TouchesOut | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ends_at: str | Unset = UNSET
        if not isinstance(self.ends_at, Unset):
            ends_at = self.ends_at.isoformat()

        follow_ups: dict[str, Any] | Unset = UNSET
        if not isinstance(self.follow_ups, Unset):
            follow_ups = self.follow_ups.to_dict()

        giving: dict[str, Any] | Unset = UNSET
        if not isinstance(self.giving, Unset):
            giving = self.giving.to_dict()

        milestones_covered: dict[str, Any] | Unset = UNSET
        if not isinstance(self.milestones_covered, Unset):
            milestones_covered = self.milestones_covered.to_dict()

        new_relationships: dict[str, Any] | Unset = UNSET
        if not isinstance(self.new_relationships, Unset):
            new_relationships = self.new_relationships.to_dict()

        objectives_met: dict[str, Any] | Unset = UNSET
        if not isinstance(self.objectives_met, Unset):
            objectives_met = self.objectives_met.to_dict()

        period = self.period

        starts_at: str | Unset = UNSET
        if not isinstance(self.starts_at, Unset):
            starts_at = self.starts_at.isoformat()

        touches: dict[str, Any] | Unset = UNSET
        if not isinstance(self.touches, Unset):
            touches = self.touches.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if follow_ups is not UNSET:
            field_dict["follow_ups"] = follow_ups
        if giving is not UNSET:
            field_dict["giving"] = giving
        if milestones_covered is not UNSET:
            field_dict["milestones_covered"] = milestones_covered
        if new_relationships is not UNSET:
            field_dict["new_relationships"] = new_relationships
        if objectives_met is not UNSET:
            field_dict["objectives_met"] = objectives_met
        if period is not UNSET:
            field_dict["period"] = period
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if touches is not UNSET:
            field_dict["touches"] = touches

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.follow_ups_out import FollowUpsOut  # noqa: PLC0415
        from ..models.giving_out import GivingOut  # noqa: PLC0415
        from ..models.listed import Listed  # noqa: PLC0415
        from ..models.new_relationships_out import NewRelationshipsOut  # noqa: PLC0415
        from ..models.touches_out import TouchesOut  # noqa: PLC0415

        d = dict(src_dict)
        _ends_at = d.pop("ends_at", UNSET)
        ends_at: datetime.datetime | Unset
        if isinstance(_ends_at, Unset):
            ends_at = UNSET
        else:
            ends_at = datetime.datetime.fromisoformat(_ends_at)

        _follow_ups = d.pop("follow_ups", UNSET)
        follow_ups: FollowUpsOut | Unset
        if isinstance(_follow_ups, Unset):
            follow_ups = UNSET
        else:
            follow_ups = FollowUpsOut.from_dict(_follow_ups)

        _giving = d.pop("giving", UNSET)
        giving: GivingOut | Unset
        if isinstance(_giving, Unset):
            giving = UNSET
        else:
            giving = GivingOut.from_dict(_giving)

        _milestones_covered = d.pop("milestones_covered", UNSET)
        milestones_covered: Listed | Unset
        if isinstance(_milestones_covered, Unset):
            milestones_covered = UNSET
        else:
            milestones_covered = Listed.from_dict(_milestones_covered)

        _new_relationships = d.pop("new_relationships", UNSET)
        new_relationships: NewRelationshipsOut | Unset
        if isinstance(_new_relationships, Unset):
            new_relationships = UNSET
        else:
            new_relationships = NewRelationshipsOut.from_dict(_new_relationships)

        _objectives_met = d.pop("objectives_met", UNSET)
        objectives_met: Listed | Unset
        if isinstance(_objectives_met, Unset):
            objectives_met = UNSET
        else:
            objectives_met = Listed.from_dict(_objectives_met)

        period = d.pop("period", UNSET)

        _starts_at = d.pop("starts_at", UNSET)
        starts_at: datetime.datetime | Unset
        if isinstance(_starts_at, Unset):
            starts_at = UNSET
        else:
            starts_at = datetime.datetime.fromisoformat(_starts_at)

        _touches = d.pop("touches", UNSET)
        touches: TouchesOut | Unset
        if isinstance(_touches, Unset):
            touches = UNSET
        else:
            touches = TouchesOut.from_dict(_touches)

        review_out = cls(
            ends_at=ends_at,
            follow_ups=follow_ups,
            giving=giving,
            milestones_covered=milestones_covered,
            new_relationships=new_relationships,
            objectives_met=objectives_met,
            period=period,
            starts_at=starts_at,
            touches=touches,
        )

        return review_out
