from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeviceOut")


@_attrs_define
class DeviceOut:
    """
    Attributes:
        device_id (str):
        pushes (int):
        client_id (None | str | Unset): the app it signed in with (accounts)
        last_pull_at (datetime.datetime | None | Unset):
        last_push_at (datetime.datetime | None | Unset):
        name (None | str | Unset): as the sign-in named it (accounts)
        registered_at (datetime.datetime | None | Unset): when it signed in; null until accounts'
            `account.device_registered` has reached contacts
    """

    device_id: str
    pushes: int
    client_id: None | str | Unset = UNSET
    last_pull_at: datetime.datetime | None | Unset = UNSET
    last_push_at: datetime.datetime | None | Unset = UNSET
    name: None | str | Unset = UNSET
    registered_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        pushes = self.pushes

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        last_pull_at: None | str | Unset
        if isinstance(self.last_pull_at, Unset):
            last_pull_at = UNSET
        elif isinstance(self.last_pull_at, datetime.datetime):
            last_pull_at = self.last_pull_at.isoformat()
        else:
            last_pull_at = self.last_pull_at

        last_push_at: None | str | Unset
        if isinstance(self.last_push_at, Unset):
            last_push_at = UNSET
        elif isinstance(self.last_push_at, datetime.datetime):
            last_push_at = self.last_push_at.isoformat()
        else:
            last_push_at = self.last_push_at

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        registered_at: None | str | Unset
        if isinstance(self.registered_at, Unset):
            registered_at = UNSET
        elif isinstance(self.registered_at, datetime.datetime):
            registered_at = self.registered_at.isoformat()
        else:
            registered_at = self.registered_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "device_id": device_id,
                "pushes": pushes,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if last_pull_at is not UNSET:
            field_dict["last_pull_at"] = last_pull_at
        if last_push_at is not UNSET:
            field_dict["last_push_at"] = last_push_at
        if name is not UNSET:
            field_dict["name"] = name
        if registered_at is not UNSET:
            field_dict["registered_at"] = registered_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        device_id = d.pop("device_id")

        pushes = d.pop("pushes")

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_last_pull_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_pull_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_pull_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_pull_at = _parse_last_pull_at(d.pop("last_pull_at", UNSET))

        def _parse_last_push_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_push_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_push_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_push_at = _parse_last_push_at(d.pop("last_push_at", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_registered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_at_type_0 = datetime.datetime.fromisoformat(data)

                return registered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        registered_at = _parse_registered_at(d.pop("registered_at", UNSET))

        device_out = cls(
            device_id=device_id,
            pushes=pushes,
            client_id=client_id,
            last_pull_at=last_pull_at,
            last_push_at=last_push_at,
            name=name,
            registered_at=registered_at,
        )

        return device_out
