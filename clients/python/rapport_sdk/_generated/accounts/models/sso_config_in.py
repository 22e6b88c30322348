from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SsoConfigIn")


@_attrs_define
class SsoConfigIn:
    """
    Attributes:
        allowed_domains (list[str]): email domains whose people sign in through this provider; each one organisation's
            only Example: ['example.org'].
        client_id (str): Rapport's client there
        issuer (str): exactly as the provider's discovery document names it (`issuer`), a trailing slash too Example:
            https://login.example.org/.
        client_secret (None | str | Unset): write-only: never answered; leave out to keep the one configured (same
            issuer and client id)
    """

    allowed_domains: list[str]
    client_id: str
    issuer: str
    client_secret: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed_domains = self.allowed_domains

        client_id = self.client_id

        issuer = self.issuer

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "allowed_domains": allowed_domains,
                "client_id": client_id,
                "issuer": issuer,
            }
        )
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_domains = cast(list[str], d.pop("allowed_domains"))

        client_id = d.pop("client_id")

        issuer = d.pop("issuer")

        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))

        sso_config_in = cls(
            allowed_domains=allowed_domains,
            client_id=client_id,
            issuer=issuer,
            client_secret=client_secret,
        )

        return sso_config_in
