from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.push_in_mutations_item import PushInMutationsItem


T = TypeVar("T", bound="PushIn")


@_attrs_define
class PushIn:
    """
    Attributes:
        device_id (str): the device pushing: the one the token was signed in on (its `sid`), else 409 device-not-
            registered. It names the mutations (device_id, mutation_id) and the device's receipts (docs/sync-protocol.md,
            devices)
        mutations (list[PushInMutationsItem]): at most 100; each {mutation_id, id, op, base_version, fields,
            client_time}
    """

    device_id: str
    mutations: list[PushInMutationsItem]

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        mutations = []
        for mutations_item_data in self.mutations:
            mutations_item = mutations_item_data.to_dict()
            mutations.append(mutations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "device_id": device_id,
                "mutations": mutations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.push_in_mutations_item import PushInMutationsItem  # noqa: PLC0415

        d = dict(src_dict)
        device_id = d.pop("device_id")

        mutations = []
        _mutations = d.pop("mutations")
        for mutations_item_data in _mutations:
            mutations_item = PushInMutationsItem.from_dict(mutations_item_data)

            mutations.append(mutations_item)

        push_in = cls(
            device_id=device_id,
            mutations=mutations,
        )

        return push_in
