from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SsoConfigOut")


@_attrs_define
class SsoConfigOut:
    """
    Attributes:
        allowed_domains (list[str] | Unset):
        client_id (str | Unset):
        issuer (str | Unset):
        org_id (str | Unset):
        redirect_uri (str | Unset): register this redirect URI with the provider
        updated_at (datetime.datetime | Unset):
    """

    allowed_domains: list[str] | Unset = UNSET
    client_id: str | Unset = UNSET
    issuer: str | Unset = UNSET
    org_id: str | Unset = UNSET
    redirect_uri: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed_domains: list[str] | Unset = UNSET
        if not isinstance(self.allowed_domains, Unset):
            allowed_domains = self.allowed_domains

        client_id = self.client_id

        issuer = self.issuer

        org_id = self.org_id

        redirect_uri = self.redirect_uri

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allowed_domains is not UNSET:
            field_dict["allowed_domains"] = allowed_domains
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if issuer is not UNSET:
            field_dict["issuer"] = issuer
        if org_id is not UNSET:
            field_dict["org_id"] = org_id
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_domains = cast(list[str], d.pop("allowed_domains", UNSET))

        client_id = d.pop("client_id", UNSET)

        issuer = d.pop("issuer", UNSET)

        org_id = d.pop("org_id", UNSET)

        redirect_uri = d.pop("redirect_uri", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        sso_config_out = cls(
            allowed_domains=allowed_domains,
            client_id=client_id,
            issuer=issuer,
            org_id=org_id,
            redirect_uri=redirect_uri,
            updated_at=updated_at,
        )

        return sso_config_out
