from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="QuestionOut")


@_attrs_define
class QuestionOut:
    """
    Attributes:
        id (str | Unset):
        kind (str | Unset): choice | multi | integer | scale | text_list
        max_ (int | None | Unset):
        min_ (int | None | Unset):
        options (list[str] | Unset):
        required (bool | Unset):
        text (str | Unset):
    """

    id: str | Unset = UNSET
    kind: str | Unset = UNSET
    max_: int | None | Unset = UNSET
    min_: int | None | Unset = UNSET
    options: list[str] | Unset = UNSET
    required: bool | Unset = UNSET
    text: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind

        max_: int | None | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        min_: int | None | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        options: list[str] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options

        required = self.required

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if max_ is not UNSET:
            field_dict["max"] = max_
        if min_ is not UNSET:
            field_dict["min"] = min_
        if options is not UNSET:
            field_dict["options"] = options
        if required is not UNSET:
            field_dict["required"] = required
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        kind = d.pop("kind", UNSET)

        def _parse_max_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        def _parse_min_(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        options = cast(list[str], d.pop("options", UNSET))

        required = d.pop("required", UNSET)

        text = d.pop("text", UNSET)

        question_out = cls(
            id=id,
            kind=kind,
            max_=max_,
            min_=min_,
            options=options,
            required=required,
            text=text,
        )

        return question_out
