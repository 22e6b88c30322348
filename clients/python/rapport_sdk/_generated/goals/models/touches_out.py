from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_row import ChannelRow


T = TypeVar("T", bound="TouchesOut")


@_attrs_define
class TouchesOut:
    """
    Attributes:
        actual_total (int | Unset):
        by_channel (list[ChannelRow] | Unset):
        planned_total (float | Unset):
    """

    actual_total: int | Unset = UNSET
    by_channel: list[ChannelRow] | Unset = UNSET
    planned_total: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        actual_total = self.actual_total

        by_channel: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.by_channel, Unset):
            by_channel = []
            for by_channel_item_data in self.by_channel:
                by_channel_item = by_channel_item_data.to_dict()
                by_channel.append(by_channel_item)

        planned_total = self.planned_total

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if actual_total is not UNSET:
            field_dict["actual_total"] = actual_total
        if by_channel is not UNSET:
            field_dict["by_channel"] = by_channel
        if planned_total is not UNSET:
            field_dict["planned_total"] = planned_total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_row import ChannelRow  # noqa: PLC0415

        d = dict(src_dict)
        actual_total = d.pop("actual_total", UNSET)

        _by_channel = d.pop("by_channel", UNSET)
        by_channel: list[ChannelRow] | Unset = UNSET
        if _by_channel is not UNSET:
            by_channel = []
            for by_channel_item_data in _by_channel:
                by_channel_item = ChannelRow.from_dict(by_channel_item_data)

                by_channel.append(by_channel_item)

        planned_total = d.pop("planned_total", UNSET)

        touches_out = cls(
            actual_total=actual_total,
            by_channel=by_channel,
            planned_total=planned_total,
        )

        return touches_out
