from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditActorOut")


@_attrs_define
class AuditActorOut:
    """
    Attributes:
        member_id (str):
        email (None | str | Unset): the admin's email when they acted
    """

    member_id: str
    email: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        member_id = self.member_id

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "member_id": member_id,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        member_id = d.pop("member_id")

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        audit_actor_out = cls(
            member_id=member_id,
            email=email,
        )

        return audit_actor_out
