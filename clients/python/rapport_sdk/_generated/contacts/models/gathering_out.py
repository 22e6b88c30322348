from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GatheringOut")


@_attrs_define
class GatheringOut:
    """
    Attributes:
        created_at (datetime.datetime):
        id (str):
        kind (str):
        name (str):
        updated_at (datetime.datetime):
        version (int):
        ends_on (None | str | Unset):
        link (None | str | Unset):
        place (None | str | Unset):
        starts_on (None | str | Unset):
    """

    created_at: datetime.datetime
    id: str
    kind: str
    name: str
    updated_at: datetime.datetime
    version: int
    ends_on: None | str | Unset = UNSET
    link: None | str | Unset = UNSET
    place: None | str | Unset = UNSET
    starts_on: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind

        name = self.name

        updated_at = self.updated_at.isoformat()

        version = self.version

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        else:
            ends_on = self.ends_on

        link: None | str | Unset
        if isinstance(self.link, Unset):
            link = UNSET
        else:
            link = self.link

        place: None | str | Unset
        if isinstance(self.place, Unset):
            place = UNSET
        else:
            place = self.place

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        else:
            starts_on = self.starts_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "name": name,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if link is not UNSET:
            field_dict["link"] = link
        if place is not UNSET:
            field_dict["place"] = place
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        kind = d.pop("kind")

        name = d.pop("name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_ends_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))

        def _parse_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        link = _parse_link(d.pop("link", UNSET))

        def _parse_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place = _parse_place(d.pop("place", UNSET))

        def _parse_starts_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        gathering_out = cls(
            created_at=created_at,
            id=id,
            kind=kind,
            name=name,
            updated_at=updated_at,
            version=version,
            ends_on=ends_on,
            link=link,
            place=place,
            starts_on=starts_on,
        )

        return gathering_out
