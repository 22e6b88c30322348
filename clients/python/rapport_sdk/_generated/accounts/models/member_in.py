from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.member_in_roles_item import MemberInRolesItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberIn")


@_attrs_define
class MemberIn:
    """
    Attributes:
        display_name (str):
        email (str):
        roles (list[MemberInRolesItem] | Unset):
        timezone (str | Unset):  Default: 'UTC'.
    """

    display_name: str
    email: str
    roles: list[MemberInRolesItem] | Unset = UNSET
    timezone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        email = self.email

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.value
                roles.append(roles_item)

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display_name": display_name,
                "email": email,
            }
        )
        if roles is not UNSET:
            field_dict["roles"] = roles
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        email = d.pop("email")

        _roles = d.pop("roles", UNSET)
        roles: list[MemberInRolesItem] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = MemberInRolesItem(roles_item_data)

                roles.append(roles_item)

        timezone = d.pop("timezone", UNSET)

        member_in = cls(
            display_name=display_name,
            email=email,
            roles=roles,
            timezone=timezone,
        )

        return member_in
