from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.plan_in_style import PlanInStyle
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.commitment_in import CommitmentIn
    from ..models.plan_in_channels import PlanInChannels
    from ..models.working_hours import WorkingHours


T = TypeVar("T", bound="PlanIn")


@_attrs_define
class PlanIn:
    """
    Attributes:
        style (PlanInStyle):
        channels (PlanInChannels | Unset): channel → share of the weekly touches, summing to 1; channels: events,
            coffee, calls, online, writing, speaking
        commitments (list[CommitmentIn] | Unset):
        follow_up_days (int | Unset):
        max_nudges_per_day (int | Unset):
        offers (list[str] | Unset): what the member can give others (for give-first nudges)
        timezone (str | Unset): IANA zone, e.g. Europe/Berlin; default: the account's zone
        weekly_budget (int | Unset): networking touches a week; default by style
        working_hours (WorkingHours | Unset):
    """

    style: PlanInStyle
    channels: PlanInChannels | Unset = UNSET
    commitments: list[CommitmentIn] | Unset = UNSET
    follow_up_days: int | Unset = UNSET
    max_nudges_per_day: int | Unset = UNSET
    offers: list[str] | Unset = UNSET
    timezone: str | Unset = UNSET
    weekly_budget: int | Unset = UNSET
    working_hours: WorkingHours | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        style = self.style.value

        channels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = self.channels.to_dict()

        commitments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.commitments, Unset):
            commitments = []
            for commitments_item_data in self.commitments:
                commitments_item = commitments_item_data.to_dict()
                commitments.append(commitments_item)

        follow_up_days = self.follow_up_days

        max_nudges_per_day = self.max_nudges_per_day

        offers: list[str] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = self.offers

        timezone = self.timezone

        weekly_budget = self.weekly_budget

        working_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = self.working_hours.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "style": style,
            }
        )
        if channels is not UNSET:
            field_dict["channels"] = channels
        if commitments is not UNSET:
            field_dict["commitments"] = commitments
        if follow_up_days is not UNSET:
            field_dict["follow_up_days"] = follow_up_days
        if max_nudges_per_day is not UNSET:
            field_dict["max_nudges_per_day"] = max_nudges_per_day
        if offers is not UNSET:
            field_dict["offers"] = offers
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if weekly_budget is not UNSET:
            field_dict["weekly_budget"] = weekly_budget
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment_in import CommitmentIn  # noqa: PLC0415
        from ..models.plan_in_channels import PlanInChannels  # noqa: PLC0415
        from ..models.working_hours import WorkingHours  # noqa: PLC0415

        d = dict(src_dict)
        style = PlanInStyle(d.pop("style"))

        _channels = d.pop("channels", UNSET)
        channels: PlanInChannels | Unset
        if isinstance(_channels, Unset):
            channels = UNSET
        else:
            channels = PlanInChannels.from_dict(_channels)

        _commitments = d.pop("commitments", UNSET)
        commitments: list[CommitmentIn] | Unset = UNSET
        if _commitments is not UNSET:
            commitments = []
            for commitments_item_data in _commitments:
                commitments_item = CommitmentIn.from_dict(commitments_item_data)

                commitments.append(commitments_item)

        follow_up_days = d.pop("follow_up_days", UNSET)

        max_nudges_per_day = d.pop("max_nudges_per_day", UNSET)

        offers = cast(list[str], d.pop("offers", UNSET))

        timezone = d.pop("timezone", UNSET)

        weekly_budget = d.pop("weekly_budget", UNSET)

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: WorkingHours | Unset
        if isinstance(_working_hours, Unset):
            working_hours = UNSET
        else:
            working_hours = WorkingHours.from_dict(_working_hours)

        plan_in = cls(
            style=style,
            channels=channels,
            commitments=commitments,
            follow_up_days=follow_up_days,
            max_nudges_per_day=max_nudges_per_day,
            offers=offers,
            timezone=timezone,
            weekly_budget=weekly_budget,
            working_hours=working_hours,
        )

        return plan_in
