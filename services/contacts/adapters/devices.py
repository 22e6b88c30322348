"""Sync devices in the store: the sync state of each of a member's devices (`sync_devices`),
and each device's receipts of the first results of its recent mutations."""
from __future__ import annotations

from shared import syncing
from shared.db import Scope, Scoped

from .documents import SyncDevice, SyncReceipts


def devices(scope: Scope) -> Scoped:
    return Scoped(SyncDevice._get_collection(), scope)


def receipts(scope: Scope, device_id: str, cap: int) -> syncing.Receipts:
    """The device's size-capped receipts (shared.syncing), in `sync_receipts`."""
    return syncing.Receipts(SyncReceipts._get_collection(), scope, device_id, cap)
