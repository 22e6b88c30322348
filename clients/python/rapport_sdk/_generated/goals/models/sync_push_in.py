from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SyncPushIn")


@_attrs_define
class SyncPushIn:
    """
    Attributes:
        device_id (str): the device pushing: the one the token was signed in on (its `sid`), else 409 device-not-
            registered
        mutations (list[Any]): at most 100; each {mutation_id, collection, id, op, base_version, fields, client_time}
    """

    device_id: str
    mutations: list[Any]

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        mutations = self.mutations

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
        d = dict(src_dict)
        device_id = d.pop("device_id")

        mutations = cast(list[Any], d.pop("mutations"))

        sync_push_in = cls(
            device_id=device_id,
            mutations=mutations,
        )

        return sync_push_in
