"""`/v1/sync/<scope>/push|pull`, raw: the bodies as dicts (the sync engine, rapport_sdk.sync, builds
and reads them). The scopes are the services that sync: contacts, goals, nudges."""
from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any

from .._generated.contacts.api.sync import get_v1_sync_contacts_devices, get_v1_sync_contacts_pull, \
    post_v1_sync_contacts_push
from .._generated.goals.api.goals_sync import get_v1_sync_goals_pull, post_v1_sync_goals_push
from .._generated.nudges.api.nudges_sync import get_v1_sync_nudges_pull, post_v1_sync_nudges_push
from ..sync.transport import SCHEMA_VERSION
from ._base import Group, body, given

ENDPOINTS: dict[str, tuple[ModuleType, ModuleType]] = {
    "contacts": (post_v1_sync_contacts_push, get_v1_sync_contacts_pull),
    "goals": (post_v1_sync_goals_push, get_v1_sync_goals_pull),
    "nudges": (post_v1_sync_nudges_push, get_v1_sync_nudges_pull),
}


def _endpoints(scope: str) -> tuple[ModuleType, ModuleType]:
    try:
        return ENDPOINTS[scope]
    except KeyError:
        raise ValueError(f"scope: one of {', '.join(ENDPOINTS)}, not {scope!r}") from None


class Sync(Group):
    scopes = tuple(ENDPOINTS)

    def push(self, scope: str, changes: Mapping[str, Any], *, schema_version: int = SCHEMA_VERSION) -> dict[str, Any]:
        """`POST /v1/sync/<scope>/push` with `changes` as sent; the answer's body."""
        push, _ = _endpoints(scope)
        return self._caller.request(push, body=body(changes), x_rapport_schema_version=schema_version).json()

    def pull(self, scope: str, *, cursor: str | None = None, limit: int | None = None, device_id: str | None = None,
             schema_version: int = SCHEMA_VERSION) -> dict[str, Any]:
        """`GET /v1/sync/<scope>/pull`: one page of changes since `cursor`; the answer's body."""
        _, pull = _endpoints(scope)
        return self._caller.request(pull, x_rapport_schema_version=schema_version, **given(
            cursor=cursor, limit=limit, device_id=device_id)).json()

    def devices(self, *, schema_version: int = SCHEMA_VERSION) -> dict[str, Any]:
        """`GET /v1/sync/contacts/devices`: the member's devices that sync."""
        return self._caller.request(get_v1_sync_contacts_devices, x_rapport_schema_version=schema_version).json()
