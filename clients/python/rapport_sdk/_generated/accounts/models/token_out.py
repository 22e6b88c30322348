from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenOut")


@_attrs_define
class TokenOut:
    """
    Attributes:
        access_token (str): ES256 JWT (`typ` at+jwt), 15 minutes
        expires_in (int):
        refresh_token (str): works once; each use gives a new one
        token_type (str): Bearer
        device_id (str | Unset): the device session (the access token's `sid`)
        id_token (str | Unset): when `openid` was asked: ES256, `aud` the client
        scope (str | Unset):
    """

    access_token: str
    expires_in: int
    refresh_token: str
    token_type: str
    device_id: str | Unset = UNSET
    id_token: str | Unset = UNSET
    scope: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_in = self.expires_in

        refresh_token = self.refresh_token

        token_type = self.token_type

        device_id = self.device_id

        id_token = self.id_token

        scope = self.scope

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access_token": access_token,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "token_type": token_type,
            }
        )
        if device_id is not UNSET:
            field_dict["device_id"] = device_id
        if id_token is not UNSET:
            field_dict["id_token"] = id_token
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        expires_in = d.pop("expires_in")

        refresh_token = d.pop("refresh_token")

        token_type = d.pop("token_type")

        device_id = d.pop("device_id", UNSET)

        id_token = d.pop("id_token", UNSET)

        scope = d.pop("scope", UNSET)

        token_out = cls(
            access_token=access_token,
            expires_in=expires_in,
            refresh_token=refresh_token,
            token_type=token_type,
            device_id=device_id,
            id_token=id_token,
            scope=scope,
        )

        return token_out
