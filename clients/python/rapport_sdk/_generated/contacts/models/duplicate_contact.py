from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DuplicateContact")


@_attrs_define
class DuplicateContact:
    """
    Attributes:
        display_name (str):
        emails (list[str]):
        id (str):
        company (None | str | Unset):
    """

    display_name: str
    emails: list[str]
    id: str
    company: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        emails = self.emails

        id = self.id

        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "display_name": display_name,
                "emails": emails,
                "id": id,
            }
        )
        if company is not UNSET:
            field_dict["company"] = company

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        emails = cast(list[str], d.pop("emails"))

        id = d.pop("id")

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        duplicate_contact = cls(
            display_name=display_name,
            emails=emails,
            id=id,
            company=company,
        )

        return duplicate_contact
