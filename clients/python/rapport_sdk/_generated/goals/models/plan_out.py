from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_out_answers_type_0 import PlanOutAnswersType0
    from ..models.plan_out_channels import PlanOutChannels
    from ..models.plan_out_commitments_item import PlanOutCommitmentsItem
    from ..models.plan_out_working_hours import PlanOutWorkingHours


T = TypeVar("T", bound="PlanOut")


@_attrs_define
class PlanOut:
    """
    Attributes:
        answers (None | PlanOutAnswersType0 | Unset): the questionnaire's, when it set the plan
        channels (PlanOutChannels | Unset):
        commitments (list[PlanOutCommitmentsItem] | Unset): {what, count, per: week | month}
        follow_up_days (int | Unset):
        is_default (bool | Unset):
        max_nudges_per_day (int | Unset):
        offers (list[str] | Unset):
        reasoning (list[str] | Unset): which answer led to which choice
        style (str | Unset):
        timezone (None | str | Unset):
        version (int | Unset):
        weekly_budget (int | Unset):
        working_hours (PlanOutWorkingHours | Unset):
    """

    answers: None | PlanOutAnswersType0 | Unset = UNSET
    channels: PlanOutChannels | Unset = UNSET
    commitments: list[PlanOutCommitmentsItem] | Unset = UNSET
    follow_up_days: int | Unset = UNSET
    is_default: bool | Unset = UNSET
    max_nudges_per_day: int | Unset = UNSET
    offers: list[str] | Unset = UNSET
    reasoning: list[str] | Unset = UNSET
    style: str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    version: int | Unset = UNSET
    weekly_budget: int | Unset = UNSET
    working_hours: PlanOutWorkingHours | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_out_answers_type_0 import PlanOutAnswersType0  # noqa: PLC0415

        answers: dict[str, Any] | None | Unset
        if isinstance(self.answers, Unset):
            answers = UNSET
        elif isinstance(self.answers, PlanOutAnswersType0):
            answers = self.answers.to_dict()
        else:
            answers = self.answers

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

        is_default = self.is_default

        max_nudges_per_day = self.max_nudges_per_day

        offers: list[str] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = self.offers

        reasoning: list[str] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning

        style = self.style

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        version = self.version

        weekly_budget = self.weekly_budget

        working_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = self.working_hours.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if answers is not UNSET:
            field_dict["answers"] = answers
        if channels is not UNSET:
            field_dict["channels"] = channels
        if commitments is not UNSET:
            field_dict["commitments"] = commitments
        if follow_up_days is not UNSET:
            field_dict["follow_up_days"] = follow_up_days
        if is_default is not UNSET:
            field_dict["is_default"] = is_default
        if max_nudges_per_day is not UNSET:
            field_dict["max_nudges_per_day"] = max_nudges_per_day
        if offers is not UNSET:
            field_dict["offers"] = offers
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if style is not UNSET:
            field_dict["style"] = style
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if version is not UNSET:
            field_dict["version"] = version
        if weekly_budget is not UNSET:
            field_dict["weekly_budget"] = weekly_budget
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_out_answers_type_0 import PlanOutAnswersType0  # noqa: PLC0415
        from ..models.plan_out_channels import PlanOutChannels  # noqa: PLC0415
        from ..models.plan_out_commitments_item import PlanOutCommitmentsItem  # noqa: PLC0415
        from ..models.plan_out_working_hours import PlanOutWorkingHours  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_answers(data: object) -> None | PlanOutAnswersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answers_type_0 = PlanOutAnswersType0.from_dict(data)

                return answers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanOutAnswersType0 | Unset, data)

        answers = _parse_answers(d.pop("answers", UNSET))

        _channels = d.pop("channels", UNSET)
        channels: PlanOutChannels | Unset
        if isinstance(_channels, Unset):
            channels = UNSET
        else:
            channels = PlanOutChannels.from_dict(_channels)

        _commitments = d.pop("commitments", UNSET)
        commitments: list[PlanOutCommitmentsItem] | Unset = UNSET
        if _commitments is not UNSET:
            commitments = []
            for commitments_item_data in _commitments:
                commitments_item = PlanOutCommitmentsItem.from_dict(commitments_item_data)

                commitments.append(commitments_item)

        follow_up_days = d.pop("follow_up_days", UNSET)

        is_default = d.pop("is_default", UNSET)

        max_nudges_per_day = d.pop("max_nudges_per_day", UNSET)

        offers = cast(list[str], d.pop("offers", UNSET))

        reasoning = cast(list[str], d.pop("reasoning", UNSET))

        style = d.pop("style", UNSET)

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        version = d.pop("version", UNSET)

        weekly_budget = d.pop("weekly_budget", UNSET)

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: PlanOutWorkingHours | Unset
        if isinstance(_working_hours, Unset):
            working_hours = UNSET
        else:
            working_hours = PlanOutWorkingHours.from_dict(_working_hours)

        plan_out = cls(
            answers=answers,
            channels=channels,
            commitments=commitments,
            follow_up_days=follow_up_days,
            is_default=is_default,
            max_nudges_per_day=max_nudges_per_day,
            offers=offers,
            reasoning=reasoning,
            style=style,
            timezone=timezone,
            version=version,
            weekly_budget=weekly_budget,
            working_hours=working_hours,
        )

        return plan_out
