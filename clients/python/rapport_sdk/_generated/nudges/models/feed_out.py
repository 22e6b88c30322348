from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedOut")


@_attrs_define
class FeedOut:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        path (str | Unset):
        secret (str | Unset):
        url (str | Unset):
    """

    created_at: datetime.datetime | Unset = UNSET
    path: str | Unset = UNSET
    secret: str | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        path = self.path

        secret = self.secret

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if path is not UNSET:
            field_dict["path"] = path
        if secret is not UNSET:
            field_dict["secret"] = secret
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        path = d.pop("path", UNSET)

        secret = d.pop("secret", UNSET)

        url = d.pop("url", UNSET)

        feed_out = cls(
            created_at=created_at,
            path=path,
            secret=secret,
            url=url,
        )

        return feed_out
