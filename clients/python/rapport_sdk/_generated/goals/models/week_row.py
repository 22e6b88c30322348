from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WeekRow")


@_attrs_define
class WeekRow:
    """
    Attributes:
        actual (int | Unset):
        given (int | Unset):
        label (str | Unset):
        new_contacts (int | Unset):
        planned (float | Unset):
        received (int | Unset):
    """

    actual: int | Unset = UNSET
    given: int | Unset = UNSET
    label: str | Unset = UNSET
    new_contacts: int | Unset = UNSET
    planned: float | Unset = UNSET
    received: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        actual = self.actual

        given = self.given

        label = self.label

        new_contacts = self.new_contacts

        planned = self.planned

        received = self.received

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if actual is not UNSET:
            field_dict["actual"] = actual
        if given is not UNSET:
            field_dict["given"] = given
        if label is not UNSET:
            field_dict["label"] = label
        if new_contacts is not UNSET:
            field_dict["new_contacts"] = new_contacts
        if planned is not UNSET:
            field_dict["planned"] = planned
        if received is not UNSET:
            field_dict["received"] = received

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actual = d.pop("actual", UNSET)

        given = d.pop("given", UNSET)

        label = d.pop("label", UNSET)

        new_contacts = d.pop("new_contacts", UNSET)

        planned = d.pop("planned", UNSET)

        received = d.pop("received", UNSET)

        week_row = cls(
            actual=actual,
            given=given,
            label=label,
            new_contacts=new_contacts,
            planned=planned,
            received=received,
        )

        return week_row
