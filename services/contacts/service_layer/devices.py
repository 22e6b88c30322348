"""Use cases of sync devices: register (or refresh), list and revoke a member's devices; a
push or pull names a registered device (docs/sync-protocol.md, devices)."""
from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from shared import clock
from shared.db import Scope
from shared.errors import Conflict, not_found

from ..adapters.changelog import upsert_one
from ..adapters.devices import devices as _devices, receipts as device_receipts


def device_view(doc: dict) -> dict:
    return {"device_id": doc["_id"], "name": doc.get("name"), "platform": doc.get("platform"),
            "app_version": doc.get("app_version"), "registered_at": doc["registered_at"],
            "last_push_at": doc.get("last_push_at"), "last_pull_at": doc.get("last_pull_at"),
            "server_time": clock.now()}


def register_device(scope: Scope, device_id: str, info: dict) -> tuple[dict, bool]:
    """Register (or refresh) one of the member's devices; a device of another member is refused."""
    devices = _devices(scope)
    update = {"$set": {k: info.get(k) for k in ("name", "platform", "app_version")},
              "$setOnInsert": {"registered_at": clock.now(), "pushes": 0},
              "$unset": {"revoked_at": ""}}
    try:
        result = upsert_one(devices, {"_id": device_id}, update)  # scoped: another member's id cannot match
    except DuplicateKeyError:
        raise Conflict("this device id is registered to another account; generate a new one",
                       slug="device-id-taken") from None
    return devices.find_one({"_id": device_id}), result.upserted_id is not None


def list_devices(scope: Scope) -> list[dict]:
    return list(_devices(scope).find({"revoked_at": None}).sort("_id", 1))


def revoke_device(scope: Scope, device_id: str) -> None:
    result = _devices(scope).update_one({"_id": device_id, "revoked_at": None}, {"$set": {"revoked_at": clock.now()}})
    if result.matched_count == 0:
        raise not_found("device")
    device_receipts(scope, device_id, 0).forget()


def require_device(scope: Scope, device_id: str) -> dict:
    """The member's registered (not revoked) device, or 409."""
    doc = _devices(scope).find_one({"_id": device_id, "revoked_at": None})
    if doc is None:
        raise Conflict("this device is not registered for sync of this account; register it with "
                       "POST /v1/sync/contacts/devices", slug="device-not-registered")
    return doc
