from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.answers_channels_item import AnswersChannelsItem
from ..models.answers_energy import AnswersEnergy
from ..models.answers_follow_up import AnswersFollowUp
from ..models.answers_preferred_time_type_1 import AnswersPreferredTimeType1
from ..models.answers_preferred_time_type_2_type_1 import AnswersPreferredTimeType2Type1
from ..models.answers_preferred_time_type_3_type_1 import AnswersPreferredTimeType3Type1
from ..types import UNSET, Unset

T = TypeVar("T", bound="Answers")


@_attrs_define
class Answers:
    """
    Attributes:
        channels (list[AnswersChannelsItem]): Which ways of networking do you like?
        cold_outreach (int): How comfortable are you writing to someone you have never met? (1-5)
        energy (AnswersEnergy): Where do you get your energy: in groups, one-to-one, or both?
        follow_up (AnswersFollowUp): How soon do you usually follow up after meeting someone?
        hours_per_week (int): How many hours a week can you give to networking?
        speaking (int): How comfortable are you speaking to a room? (1-5)
        offers (list[str] | None | Unset): What can you offer others (skills, introductions, advice)?
        preferred_time (AnswersPreferredTimeType1 | AnswersPreferredTimeType2Type1 | AnswersPreferredTimeType3Type1 |
            None | Unset): When would you rather network?
    """

    channels: list[AnswersChannelsItem]
    cold_outreach: int
    energy: AnswersEnergy
    follow_up: AnswersFollowUp
    hours_per_week: int
    speaking: int
    offers: list[str] | None | Unset = UNSET
    preferred_time: (
        AnswersPreferredTimeType1 | AnswersPreferredTimeType2Type1 | AnswersPreferredTimeType3Type1 | None | Unset
    ) = UNSET

    def to_dict(self) -> dict[str, Any]:
        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        cold_outreach = self.cold_outreach

        energy = self.energy.value

        follow_up = self.follow_up.value

        hours_per_week = self.hours_per_week

        speaking = self.speaking

        offers: list[str] | None | Unset
        if isinstance(self.offers, Unset):
            offers = UNSET
        elif isinstance(self.offers, list):
            offers = self.offers

        else:
            offers = self.offers

        preferred_time: None | str | Unset
        if isinstance(self.preferred_time, Unset):
            preferred_time = UNSET
        elif isinstance(self.preferred_time, AnswersPreferredTimeType1):
            preferred_time = self.preferred_time.value
        elif isinstance(self.preferred_time, AnswersPreferredTimeType2Type1):
            preferred_time = self.preferred_time.value
        elif isinstance(self.preferred_time, AnswersPreferredTimeType3Type1):
            preferred_time = self.preferred_time.value
        else:
            preferred_time = self.preferred_time

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channels": channels,
                "cold_outreach": cold_outreach,
                "energy": energy,
                "follow_up": follow_up,
                "hours_per_week": hours_per_week,
                "speaking": speaking,
            }
        )
        if offers is not UNSET:
            field_dict["offers"] = offers
        if preferred_time is not UNSET:
            field_dict["preferred_time"] = preferred_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = AnswersChannelsItem(channels_item_data)

            channels.append(channels_item)

        cold_outreach = d.pop("cold_outreach")

        energy = AnswersEnergy(d.pop("energy"))

        follow_up = AnswersFollowUp(d.pop("follow_up"))

        hours_per_week = d.pop("hours_per_week")

        speaking = d.pop("speaking")

        def _parse_offers(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                offers_type_0 = cast(list[str], data)

                return offers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        offers = _parse_offers(d.pop("offers", UNSET))

        def _parse_preferred_time(
            data: object,
        ) -> AnswersPreferredTimeType1 | AnswersPreferredTimeType2Type1 | AnswersPreferredTimeType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preferred_time_type_1 = AnswersPreferredTimeType1(data)

                return preferred_time_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preferred_time_type_2_type_1 = AnswersPreferredTimeType2Type1(data)

                return preferred_time_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preferred_time_type_3_type_1 = AnswersPreferredTimeType3Type1(data)

                return preferred_time_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                AnswersPreferredTimeType1
                | AnswersPreferredTimeType2Type1
                | AnswersPreferredTimeType3Type1
                | None
                | Unset,
                data,
            )

        preferred_time = _parse_preferred_time(d.pop("preferred_time", UNSET))

        answers = cls(
            channels=channels,
            cold_outreach=cold_outreach,
            energy=energy,
            follow_up=follow_up,
            hours_per_week=hours_per_week,
            speaking=speaking,
            offers=offers,
            preferred_time=preferred_time,
        )

        return answers
