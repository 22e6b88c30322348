from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportWarning_")


@_attrs_define
class ImportWarning_:
    """
    Attributes:
        line (int):
        message (str):
        field (str | Unset): the file's name for the value (TEL, EMAIL, BDAY, Connected On, a CSV column, `property` for
            a line that is not one)
        value (str | Unset): the value as the file has it (cut at 200 characters)
    """

    line: int
    message: str
    field: str | Unset = UNSET
    value: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        line = self.line

        message = self.message

        field = self.field

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "line": line,
                "message": message,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        line = d.pop("line")

        message = d.pop("message")

        field = d.pop("field", UNSET)

        value = d.pop("value", UNSET)

        import_warning = cls(
            line=line,
            message=message,
            field=field,
            value=value,
        )

        return import_warning
