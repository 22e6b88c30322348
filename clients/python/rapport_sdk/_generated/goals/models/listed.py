from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.listed_items_item import ListedItemsItem


T = TypeVar("T", bound="Listed")


@_attrs_define
class Listed:
    """
    Attributes:
        count (int | Unset):
        items (list[ListedItemsItem] | Unset):
    """

    count: int | Unset = UNSET
    items: list[ListedItemsItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if count is not UNSET:
            field_dict["count"] = count
        if items is not UNSET:
            field_dict["items"] = items

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.listed_items_item import ListedItemsItem  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count", UNSET)

        _items = d.pop("items", UNSET)
        items: list[ListedItemsItem] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = ListedItemsItem.from_dict(items_item_data)

                items.append(items_item)

        listed = cls(
            count=count,
            items=items,
        )

        return listed
