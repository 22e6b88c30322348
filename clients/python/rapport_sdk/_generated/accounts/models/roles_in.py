from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.roles_in_roles_item import RolesInRolesItem

T = TypeVar("T", bound="RolesIn")


@_attrs_define
class RolesIn:
    """
    Attributes:
        roles (list[RolesInRolesItem]): the member's whole new list of roles
    """

    roles: list[RolesInRolesItem]

    def to_dict(self) -> dict[str, Any]:
        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "roles": roles,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = RolesInRolesItem(roles_item_data)

            roles.append(roles_item)

        roles_in = cls(
            roles=roles,
        )

        return roles_in
