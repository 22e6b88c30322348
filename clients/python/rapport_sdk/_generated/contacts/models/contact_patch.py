from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_patch_tier_type_1 import ContactPatchTierType1
from ..models.contact_patch_tier_type_2_type_1 import ContactPatchTierType2Type1
from ..models.contact_patch_tier_type_3_type_1 import ContactPatchTierType3Type1
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactPatch")


@_attrs_define
class ContactPatch:
    """
    Attributes:
        birthday (None | str | Unset):
        can_help_with (None | str | Unset): how they could help the member
        company (None | str | Unset):
        country (None | str | Unset): ISO 3166 country for phones without +
        display_name (str | Unset): how the member calls them
        emails (list[str] | Unset): stored in lower case, duplicates removed
        family_name (None | str | Unset):
        gathering_id (None | str | Unset): the gathering where they met
        given_name (None | str | Unset):
        goal_links (list[str] | Unset): ids of the member's goals or milestones they could help with
        met_at (datetime.datetime | None | Unset):
        needs (list[str] | Unset): what they need right now
        notes (None | str | Unset):
        offers (list[str] | Unset): what the member could offer them
        phones (list[str] | Unset): stored in E.164 (+442079460958) when the country is known: a leading + or 00, or
            `country`
        profile_urls (list[str] | Unset): LinkedIn, GitHub, personal site... (http/https)
        share_with_colleagues (bool | Unset): consent to share with colleagues (off by default)
        tags (list[str] | Unset): stored in lower case
        tier (ContactPatchTierType1 | ContactPatchTierType2Type1 | ContactPatchTierType3Type1 | None | Unset):
        title (None | str | Unset):
    """

    birthday: None | str | Unset = UNSET
    can_help_with: None | str | Unset = UNSET
    company: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    display_name: str | Unset = UNSET
    emails: list[str] | Unset = UNSET
    family_name: None | str | Unset = UNSET
    gathering_id: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET
    goal_links: list[str] | Unset = UNSET
    met_at: datetime.datetime | None | Unset = UNSET
    needs: list[str] | Unset = UNSET
    notes: None | str | Unset = UNSET
    offers: list[str] | Unset = UNSET
    phones: list[str] | Unset = UNSET
    profile_urls: list[str] | Unset = UNSET
    share_with_colleagues: bool | Unset = UNSET
    tags: list[str] | Unset = UNSET
    tier: ContactPatchTierType1 | ContactPatchTierType2Type1 | ContactPatchTierType3Type1 | None | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        birthday: None | str | Unset
        if isinstance(self.birthday, Unset):
            birthday = UNSET
        else:
            birthday = self.birthday

        can_help_with: None | str | Unset
        if isinstance(self.can_help_with, Unset):
            can_help_with = UNSET
        else:
            can_help_with = self.can_help_with

        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        display_name = self.display_name

        emails: list[str] | Unset = UNSET
        if not isinstance(self.emails, Unset):
            emails = self.emails

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        gathering_id: None | str | Unset
        if isinstance(self.gathering_id, Unset):
            gathering_id = UNSET
        else:
            gathering_id = self.gathering_id

        given_name: None | str | Unset
        if isinstance(self.given_name, Unset):
            given_name = UNSET
        else:
            given_name = self.given_name

        goal_links: list[str] | Unset = UNSET
        if not isinstance(self.goal_links, Unset):
            goal_links = self.goal_links

        met_at: None | str | Unset
        if isinstance(self.met_at, Unset):
            met_at = UNSET
        elif isinstance(self.met_at, datetime.datetime):
            met_at = self.met_at.isoformat()
        else:
            met_at = self.met_at

        needs: list[str] | Unset = UNSET
        if not isinstance(self.needs, Unset):
            needs = self.needs

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        offers: list[str] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = self.offers

        phones: list[str] | Unset = UNSET
        if not isinstance(self.phones, Unset):
            phones = self.phones

        profile_urls: list[str] | Unset = UNSET
        if not isinstance(self.profile_urls, Unset):
            profile_urls = self.profile_urls

        share_with_colleagues = self.share_with_colleagues

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, ContactPatchTierType1):
            tier = self.tier.value
        elif isinstance(self.tier, ContactPatchTierType2Type1):
            tier = self.tier.value
        elif isinstance(self.tier, ContactPatchTierType3Type1):
            tier = self.tier.value
        else:
            tier = self.tier

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if birthday is not UNSET:
            field_dict["birthday"] = birthday
        if can_help_with is not UNSET:
            field_dict["can_help_with"] = can_help_with
        if company is not UNSET:
            field_dict["company"] = company
        if country is not UNSET:
            field_dict["country"] = country
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if emails is not UNSET:
            field_dict["emails"] = emails
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if gathering_id is not UNSET:
            field_dict["gathering_id"] = gathering_id
        if given_name is not UNSET:
            field_dict["given_name"] = given_name
        if goal_links is not UNSET:
            field_dict["goal_links"] = goal_links
        if met_at is not UNSET:
            field_dict["met_at"] = met_at
        if needs is not UNSET:
            field_dict["needs"] = needs
        if notes is not UNSET:
            field_dict["notes"] = notes
        if offers is not UNSET:
            field_dict["offers"] = offers
        if phones is not UNSET:
            field_dict["phones"] = phones
        if profile_urls is not UNSET:
            field_dict["profile_urls"] = profile_urls
        if share_with_colleagues is not UNSET:
            field_dict["share_with_colleagues"] = share_with_colleagues
        if tags is not UNSET:
            field_dict["tags"] = tags
        if tier is not UNSET:
            field_dict["tier"] = tier
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_birthday(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        birthday = _parse_birthday(d.pop("birthday", UNSET))

        def _parse_can_help_with(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        can_help_with = _parse_can_help_with(d.pop("can_help_with", UNSET))

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        display_name = d.pop("display_name", UNSET)

        emails = cast(list[str], d.pop("emails", UNSET))

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

        def _parse_gathering_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gathering_id = _parse_gathering_id(d.pop("gathering_id", UNSET))

        def _parse_given_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_name = _parse_given_name(d.pop("given_name", UNSET))

        goal_links = cast(list[str], d.pop("goal_links", UNSET))

        def _parse_met_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                met_at_type_0 = datetime.datetime.fromisoformat(data)

                return met_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        met_at = _parse_met_at(d.pop("met_at", UNSET))

        needs = cast(list[str], d.pop("needs", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        offers = cast(list[str], d.pop("offers", UNSET))

        phones = cast(list[str], d.pop("phones", UNSET))

        profile_urls = cast(list[str], d.pop("profile_urls", UNSET))

        share_with_colleagues = d.pop("share_with_colleagues", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_tier(
            data: object,
        ) -> ContactPatchTierType1 | ContactPatchTierType2Type1 | ContactPatchTierType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_1 = ContactPatchTierType1(data)

                return tier_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_2_type_1 = ContactPatchTierType2Type1(data)

                return tier_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_3_type_1 = ContactPatchTierType3Type1(data)

                return tier_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                ContactPatchTierType1 | ContactPatchTierType2Type1 | ContactPatchTierType3Type1 | None | Unset, data
            )

        tier = _parse_tier(d.pop("tier", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        contact_patch = cls(
            birthday=birthday,
            can_help_with=can_help_with,
            company=company,
            country=country,
            display_name=display_name,
            emails=emails,
            family_name=family_name,
            gathering_id=gathering_id,
            given_name=given_name,
            goal_links=goal_links,
            met_at=met_at,
            needs=needs,
            notes=notes,
            offers=offers,
            phones=phones,
            profile_urls=profile_urls,
            share_with_colleagues=share_with_colleagues,
            tags=tags,
            tier=tier,
            title=title,
        )

        return contact_patch
