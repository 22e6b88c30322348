"""Sync state per device: what the contacts scope keeps of each of a member's devices.

A device is a device session of the accounts service: signing in registers it, and its id is
the access tokens' `sid` (docs/sync-protocol.md, devices). Contacts keep no registry of their
own; `sync_devices` is a projection of the accounts events (`account.device_registered`:
name, client and when; `account.device_revoked`: when, and the device's receipts are
forgotten) joined with what sync itself records (last push and pull, pushes). Events may come
late, twice or out of order, and a push may come before its device's event: every write here
is an upsert that only adds what it knows, and a revoked device stays revoked.
"""
from __future__ import annotations

import logging

from pymongo.errors import DuplicateKeyError

from shared import clock
from shared.db import Scope

from ..adapters.changelog import upsert_one
from ..adapters.devices import devices as _devices, receipts as device_receipts

log = logging.getLogger(__name__)

REGISTERED, REVOKED = "account.device_registered", "account.device_revoked"
EVENTS = (REGISTERED, REVOKED)


def device_view(doc: dict) -> dict:
    return {"device_id": doc["_id"], "name": doc.get("name"), "client_id": doc.get("client_id"),
            "registered_at": doc.get("registered_at"), "last_push_at": doc.get("last_push_at"),
            "last_pull_at": doc.get("last_pull_at"), "pushes": doc.get("pushes") or 0}


def list_devices(scope: Scope) -> list[dict]:
    """The sync state of the member's devices not known to be revoked, by id."""
    return list(_devices(scope).find({"revoked_at": None}).sort("_id", 1))


def synced(scope: Scope, device_id: str, *, pushed: bool) -> None:
    """Record a push or a pull of the device (creating its row when its registration has not
    arrived yet: the signed token is the proof)."""
    now = clock.now()
    change: dict = {"$set": {"last_push_at" if pushed else "last_pull_at": now}}
    if pushed:
        change["$inc"] = {"pushes": 1}
    else:
        change["$setOnInsert"] = {"pushes": 0}
    _upsert(scope, device_id, change)


def registered(scope: Scope, data: dict) -> None:
    """`account.device_registered`: the device's name, client and registration time (again
    the same values when the event comes twice; a revocation that came first stays)."""
    _upsert(scope, data["device_id"], {"$set": {"name": data.get("name") or None, "client_id": data.get("client_id"),
                                                "registered_at": data["registered_at"]},
                                       "$setOnInsert": {"pushes": 0}})


def revoked(scope: Scope, data: dict) -> None:
    """`account.device_revoked`: the device is marked revoked (the earliest time it was, however
    often the event comes) and its receipts are forgotten; what its mutations wrote stays."""
    _upsert(scope, data["device_id"], {"$min": {"revoked_at": data["revoked_at"]},
                                       "$set": {"revoked_reason": data.get("reason")},
                                       "$setOnInsert": {"pushes": 0}})
    device_receipts(scope, data["device_id"], 0).forget()


def _upsert(scope: Scope, device_id: str, change: dict) -> None:
    try:
        upsert_one(_devices(scope), {"_id": device_id}, change)  # scoped: another member's row cannot match
    except DuplicateKeyError:  # another member's row has this id (a device id made up before sign-in)
        log.warning("a device id of another member: its sync state is not kept",
                    extra={"org_id": scope.org_id, "member_id": scope.member_id, "device_id": device_id})
