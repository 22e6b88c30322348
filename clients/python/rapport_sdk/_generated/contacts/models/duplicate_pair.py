from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.duplicate_contact import DuplicateContact


T = TypeVar("T", bound="DuplicatePair")


@_attrs_define
class DuplicatePair:
    """
    Attributes:
        contact_ids (list[str]):
        contacts (list[DuplicateContact]):
        reasons (list[str]):
    """

    contact_ids: list[str]
    contacts: list[DuplicateContact]
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        contact_ids = self.contact_ids

        contacts = []
        for contacts_item_data in self.contacts:
            contacts_item = contacts_item_data.to_dict()
            contacts.append(contacts_item)

        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contact_ids": contact_ids,
                "contacts": contacts,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.duplicate_contact import DuplicateContact  # noqa: PLC0415

        d = dict(src_dict)
        contact_ids = cast(list[str], d.pop("contact_ids"))

        contacts = []
        _contacts = d.pop("contacts")
        for contacts_item_data in _contacts:
            contacts_item = DuplicateContact.from_dict(contacts_item_data)

            contacts.append(contacts_item)

        reasons = cast(list[str], d.pop("reasons"))

        duplicate_pair = cls(
            contact_ids=contact_ids,
            contacts=contacts,
            reasons=reasons,
        )

        return duplicate_pair
