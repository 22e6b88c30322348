from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberOut")


@_attrs_define
class MemberOut:
    """
    Attributes:
        created_at (datetime.datetime | Unset):
        display_name (str | Unset):
        email (str | Unset):
        id (str | Unset):
        invited_at (datetime.datetime | Unset): when the last invitation was sent (or tried)
        invited_by (str | Unset): the admin who invited the member, if invited
        org_id (str | Unset):
        roles (list[str] | Unset):
        status (str | Unset):
        timezone (str | Unset):
    """

    created_at: datetime.datetime | Unset = UNSET
    display_name: str | Unset = UNSET
    email: str | Unset = UNSET
    id: str | Unset = UNSET
    invited_at: datetime.datetime | Unset = UNSET
    invited_by: str | Unset = UNSET
    org_id: str | Unset = UNSET
    roles: list[str] | Unset = UNSET
    status: str | Unset = UNSET
    timezone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        display_name = self.display_name

        email = self.email

        id = self.id

        invited_at: str | Unset = UNSET
        if not isinstance(self.invited_at, Unset):
            invited_at = self.invited_at.isoformat()

        invited_by = self.invited_by

        org_id = self.org_id

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = self.roles

        status = self.status

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if email is not UNSET:
            field_dict["email"] = email
        if id is not UNSET:
            field_dict["id"] = id
        if invited_at is not UNSET:
            field_dict["invited_at"] = invited_at
        if invited_by is not UNSET:
            field_dict["invited_by"] = invited_by
        if org_id is not UNSET:
            field_dict["org_id"] = org_id
        if roles is not UNSET:
            field_dict["roles"] = roles
        if status is not UNSET:
            field_dict["status"] = status
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

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

        display_name = d.pop("display_name", UNSET)

        email = d.pop("email", UNSET)

        id = d.pop("id", UNSET)

        _invited_at = d.pop("invited_at", UNSET)
        invited_at: datetime.datetime | Unset
        if isinstance(_invited_at, Unset):
            invited_at = UNSET
        else:
            invited_at = datetime.datetime.fromisoformat(_invited_at)

        invited_by = d.pop("invited_by", UNSET)

        org_id = d.pop("org_id", UNSET)

        roles = cast(list[str], d.pop("roles", UNSET))

        status = d.pop("status", UNSET)

        timezone = d.pop("timezone", UNSET)

        member_out = cls(
            created_at=created_at,
            display_name=display_name,
            email=email,
            id=id,
            invited_at=invited_at,
            invited_by=invited_by,
            org_id=org_id,
            roles=roles,
            status=status,
            timezone=timezone,
        )

        return member_out
