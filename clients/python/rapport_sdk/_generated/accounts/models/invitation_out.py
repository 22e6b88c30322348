from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """
    Attributes:
        link (str): the sign-in link the email carries (`<public base>/signin?login_hint=<email>`)
        sent (bool): false when the mail server refused the message or could not be reached: the member exists; send the
            invitation again with POST /v1/members/{id}/invitation
    """

    link: str
    sent: bool

    def to_dict(self) -> dict[str, Any]:
        link = self.link

        sent = self.sent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "link": link,
                "sent": sent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        link = d.pop("link")

        sent = d.pop("sent")

        invitation_out = cls(
            link=link,
            sent=sent,
        )

        return invitation_out
