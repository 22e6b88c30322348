from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.strength_out import StrengthOut


T = TypeVar("T", bound="CoveringContact")


@_attrs_define
class CoveringContact:
    """
    Attributes:
        company (None | str | Unset):
        contact_id (str | Unset):
        display_name (str | Unset):
        strength (StrengthOut | Unset):
        title (None | str | Unset):
    """

    company: None | str | Unset = UNSET
    contact_id: str | Unset = UNSET
    display_name: str | Unset = UNSET
    strength: StrengthOut | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        contact_id = self.contact_id

        display_name = self.display_name

        strength: dict[str, Any] | Unset = UNSET
        if not isinstance(self.strength, Unset):
            strength = self.strength.to_dict()

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if company is not UNSET:
            field_dict["company"] = company
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if strength is not UNSET:
            field_dict["strength"] = strength
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.strength_out import StrengthOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        contact_id = d.pop("contact_id", UNSET)

        display_name = d.pop("display_name", UNSET)

        _strength = d.pop("strength", UNSET)
        strength: StrengthOut | Unset
        if isinstance(_strength, Unset):
            strength = UNSET
        else:
            strength = StrengthOut.from_dict(_strength)

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        covering_contact = cls(
            company=company,
            contact_id=contact_id,
            display_name=display_name,
            strength=strength,
            title=title,
        )

        return covering_contact
