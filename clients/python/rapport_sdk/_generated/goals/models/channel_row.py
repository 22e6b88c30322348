from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChannelRow")


@_attrs_define
class ChannelRow:
    """
    Attributes:
        actual (int | Unset):
        label (str | Unset):
        planned (float | None | Unset): null when the plan has no channel mix
    """

    actual: int | Unset = UNSET
    label: str | Unset = UNSET
    planned: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        actual = self.actual

        label = self.label

        planned: float | None | Unset
        if isinstance(self.planned, Unset):
            planned = UNSET
        else:
            planned = self.planned

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if actual is not UNSET:
            field_dict["actual"] = actual
        if label is not UNSET:
            field_dict["label"] = label
        if planned is not UNSET:
            field_dict["planned"] = planned

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actual = d.pop("actual", UNSET)

        label = d.pop("label", UNSET)

        def _parse_planned(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        planned = _parse_planned(d.pop("planned", UNSET))

        channel_row = cls(
            actual=actual,
            label=label,
            planned=planned,
        )

        return channel_row
