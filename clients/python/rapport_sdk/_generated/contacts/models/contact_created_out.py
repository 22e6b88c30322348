from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_created_out_source import ContactCreatedOutSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.duplicate_hint import DuplicateHint
    from ..models.merged_from_out import MergedFromOut


T = TypeVar("T", bound="ContactCreatedOut")


@_attrs_define
class ContactCreatedOut:
    """
    Attributes:
        created_at (datetime.datetime):
        display_name (str):
        emails (list[str]):
        goal_links (list[str]):
        id (str):
        merged_from (list[MergedFromOut]): provenance: contacts merged into this one
        needs (list[str]):
        offers (list[str]):
        phones (list[str]):
        possible_duplicates (list[DuplicateHint]):
        profile_urls (list[str]):
        share_with_colleagues (bool):
        source (ContactCreatedOutSource):
        tags (list[str]):
        updated_at (datetime.datetime):
        version (int):
        birthday (None | str | Unset):
        can_help_with (None | str | Unset):
        company (None | str | Unset):
        country (None | str | Unset):
        family_name (None | str | Unset):
        gathering_id (None | str | Unset):
        given_name (None | str | Unset):
        met_at (datetime.datetime | None | Unset):
        notes (None | str | Unset):
        tier (None | str | Unset):
        title (None | str | Unset):
    """

    created_at: datetime.datetime
    display_name: str
    emails: list[str]
    goal_links: list[str]
    id: str
    merged_from: list[MergedFromOut]
    needs: list[str]
    offers: list[str]
    phones: list[str]
    possible_duplicates: list[DuplicateHint]
    profile_urls: list[str]
    share_with_colleagues: bool
    source: ContactCreatedOutSource
    tags: list[str]
    updated_at: datetime.datetime
    version: int
    birthday: None | str | Unset = UNSET
    can_help_with: None | str | Unset = UNSET
    company: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    family_name: None | str | Unset = UNSET
    gathering_id: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET
    met_at: datetime.datetime | None | Unset = UNSET
    notes: None | str | Unset = UNSET
    tier: None | str | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        display_name = self.display_name

        emails = self.emails

        goal_links = self.goal_links

        id = self.id

        merged_from = []
        for merged_from_item_data in self.merged_from:
            merged_from_item = merged_from_item_data.to_dict()
            merged_from.append(merged_from_item)

        needs = self.needs

        offers = self.offers

        phones = self.phones

        possible_duplicates = []
        for possible_duplicates_item_data in self.possible_duplicates:
            possible_duplicates_item = possible_duplicates_item_data.to_dict()
            possible_duplicates.append(possible_duplicates_item)

        profile_urls = self.profile_urls

        share_with_colleagues = self.share_with_colleagues

        source = self.source.value

        tags = self.tags

        updated_at = self.updated_at.isoformat()

        version = self.version

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

        met_at: None | str | Unset
        if isinstance(self.met_at, Unset):
            met_at = UNSET
        elif isinstance(self.met_at, datetime.datetime):
            met_at = self.met_at.isoformat()
        else:
            met_at = self.met_at

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "display_name": display_name,
                "emails": emails,
                "goal_links": goal_links,
                "id": id,
                "merged_from": merged_from,
                "needs": needs,
                "offers": offers,
                "phones": phones,
                "possible_duplicates": possible_duplicates,
                "profile_urls": profile_urls,
                "share_with_colleagues": share_with_colleagues,
                "source": source,
                "tags": tags,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if birthday is not UNSET:
            field_dict["birthday"] = birthday
        if can_help_with is not UNSET:
            field_dict["can_help_with"] = can_help_with
        if company is not UNSET:
            field_dict["company"] = company
        if country is not UNSET:
            field_dict["country"] = country
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if gathering_id is not UNSET:
            field_dict["gathering_id"] = gathering_id
        if given_name is not UNSET:
            field_dict["given_name"] = given_name
        if met_at is not UNSET:
            field_dict["met_at"] = met_at
        if notes is not UNSET:
            field_dict["notes"] = notes
        if tier is not UNSET:
            field_dict["tier"] = tier
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.duplicate_hint import DuplicateHint  # noqa: PLC0415
        from ..models.merged_from_out import MergedFromOut  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        display_name = d.pop("display_name")

        emails = cast(list[str], d.pop("emails"))

        goal_links = cast(list[str], d.pop("goal_links"))

        id = d.pop("id")

        merged_from = []
        _merged_from = d.pop("merged_from")
        for merged_from_item_data in _merged_from:
            merged_from_item = MergedFromOut.from_dict(merged_from_item_data)

            merged_from.append(merged_from_item)

        needs = cast(list[str], d.pop("needs"))

        offers = cast(list[str], d.pop("offers"))

        phones = cast(list[str], d.pop("phones"))

        possible_duplicates = []
        _possible_duplicates = d.pop("possible_duplicates")
        for possible_duplicates_item_data in _possible_duplicates:
            possible_duplicates_item = DuplicateHint.from_dict(possible_duplicates_item_data)

            possible_duplicates.append(possible_duplicates_item)

        profile_urls = cast(list[str], d.pop("profile_urls"))

        share_with_colleagues = d.pop("share_with_colleagues")

        source = ContactCreatedOutSource(d.pop("source"))

        tags = cast(list[str], d.pop("tags"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

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

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        contact_created_out = cls(
            created_at=created_at,
            display_name=display_name,
            emails=emails,
            goal_links=goal_links,
            id=id,
            merged_from=merged_from,
            needs=needs,
            offers=offers,
            phones=phones,
            possible_duplicates=possible_duplicates,
            profile_urls=profile_urls,
            share_with_colleagues=share_with_colleagues,
            source=source,
            tags=tags,
            updated_at=updated_at,
            version=version,
            birthday=birthday,
            can_help_with=can_help_with,
            company=company,
            country=country,
            family_name=family_name,
            gathering_id=gathering_id,
            given_name=given_name,
            met_at=met_at,
            notes=notes,
            tier=tier,
            title=title,
        )

        return contact_created_out
