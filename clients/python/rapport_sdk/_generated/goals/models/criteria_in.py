from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.criteria_in_channel_type_1 import CriteriaInChannelType1
from ..models.criteria_in_channel_type_2_type_1 import CriteriaInChannelType2Type1
from ..models.criteria_in_channel_type_3_type_1 import CriteriaInChannelType3Type1
from ..models.criteria_in_tier_type_1 import CriteriaInTierType1
from ..models.criteria_in_tier_type_2_type_1 import CriteriaInTierType2Type1
from ..models.criteria_in_tier_type_3_type_1 import CriteriaInTierType3Type1
from ..types import UNSET, Unset

T = TypeVar("T", bound="CriteriaIn")


@_attrs_define
class CriteriaIn:
    """
    Attributes:
        channel (CriteriaInChannelType1 | CriteriaInChannelType2Type1 | CriteriaInChannelType3Type1 | None | Unset):
            touches objectives: the channel counted
        organisation (None | str | Unset):
        role (None | str | Unset): as job titles say it, e.g. product
        sector (None | str | Unset): e.g. fintech
        tier (CriteriaInTierType1 | CriteriaInTierType2Type1 | CriteriaInTierType3Type1 | None | Unset):
    """

    channel: CriteriaInChannelType1 | CriteriaInChannelType2Type1 | CriteriaInChannelType3Type1 | None | Unset = UNSET
    organisation: None | str | Unset = UNSET
    role: None | str | Unset = UNSET
    sector: None | str | Unset = UNSET
    tier: CriteriaInTierType1 | CriteriaInTierType2Type1 | CriteriaInTierType3Type1 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, CriteriaInChannelType1):
            channel = self.channel.value
        elif isinstance(self.channel, CriteriaInChannelType2Type1):
            channel = self.channel.value
        elif isinstance(self.channel, CriteriaInChannelType3Type1):
            channel = self.channel.value
        else:
            channel = self.channel

        organisation: None | str | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        else:
            role = self.role

        sector: None | str | Unset
        if isinstance(self.sector, Unset):
            sector = UNSET
        else:
            sector = self.sector

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, CriteriaInTierType1):
            tier = self.tier.value
        elif isinstance(self.tier, CriteriaInTierType2Type1):
            tier = self.tier.value
        elif isinstance(self.tier, CriteriaInTierType3Type1):
            tier = self.tier.value
        else:
            tier = self.tier

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if channel is not UNSET:
            field_dict["channel"] = channel
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if role is not UNSET:
            field_dict["role"] = role
        if sector is not UNSET:
            field_dict["sector"] = sector
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_channel(
            data: object,
        ) -> CriteriaInChannelType1 | CriteriaInChannelType2Type1 | CriteriaInChannelType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_1 = CriteriaInChannelType1(data)

                return channel_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_2_type_1 = CriteriaInChannelType2Type1(data)

                return channel_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_3_type_1 = CriteriaInChannelType3Type1(data)

                return channel_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                CriteriaInChannelType1 | CriteriaInChannelType2Type1 | CriteriaInChannelType3Type1 | None | Unset, data
            )

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_organisation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        def _parse_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_sector(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sector = _parse_sector(d.pop("sector", UNSET))

        def _parse_tier(
            data: object,
        ) -> CriteriaInTierType1 | CriteriaInTierType2Type1 | CriteriaInTierType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_1 = CriteriaInTierType1(data)

                return tier_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_2_type_1 = CriteriaInTierType2Type1(data)

                return tier_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_3_type_1 = CriteriaInTierType3Type1(data)

                return tier_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CriteriaInTierType1 | CriteriaInTierType2Type1 | CriteriaInTierType3Type1 | None | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        criteria_in = cls(
            channel=channel,
            organisation=organisation,
            role=role,
            sector=sector,
            tier=tier,
        )

        return criteria_in
