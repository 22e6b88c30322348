"""Sync devices in the store: the member's registered devices, and each device's receipts of
the first results of its recent mutations."""
from __future__ import annotations

import zlib
from typing import Iterable

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from shared.db import Scope, Scoped

from .documents import SyncDevice, SyncReceipts


def devices(scope: Scope) -> Scoped:
    return Scoped(SyncDevice._get_collection(), scope)


class Receipts:
    """The first results of a device's recent mutations, in BUCKETS small documents."""

    BUCKETS = 16

    def __init__(self, scope: Scope, device_id: str, cap: int):
        self.coll = Scoped(SyncReceipts._get_collection(), scope)
        self.device_id = device_id
        self.per_bucket = max(8, cap // self.BUCKETS)

    def _bucket(self, mutation_id: str) -> str:
        return f"{self.device_id}:{zlib.crc32(mutation_id.encode()) % self.BUCKETS:02d}"

    def get(self, mutation_ids: Iterable[str]) -> dict[str, dict]:
        wanted: dict[str, list[str]] = {}
        for mid in mutation_ids:
            wanted.setdefault(self._bucket(mid), []).append(mid)
        found = {}
        for bucket, mids in wanted.items():
            doc = self.coll.find_one({"_id": bucket}, {f"receipts.{m}": 1 for m in mids})
            found.update((doc or {}).get("receipts") or {})
        return found

    def put(self, receipts: dict[str, dict]) -> None:
        by_bucket: dict[str, dict[str, dict]] = {}
        for mid, receipt in receipts.items():
            by_bucket.setdefault(self._bucket(mid), {})[mid] = receipt
        for bucket, items in by_bucket.items():
            update = {"$set": {f"receipts.{m}": r for m, r in items.items()}, "$inc": {"count": len(items)},
                      "$setOnInsert": {"device_id": self.device_id}}
            try:
                doc = self.coll.find_one_and_update({"_id": bucket}, update, upsert=True,
                                                    return_document=ReturnDocument.AFTER)
            except DuplicateKeyError:  # two pushes created the bucket at once
                doc = self.coll.find_one_and_update({"_id": bucket}, update, return_document=ReturnDocument.AFTER)
            if doc["count"] > self.per_bucket:
                self._trim(doc)

    def _trim(self, doc: dict) -> None:
        """Keep the newest three quarters of a full bucket. Receipts are a convenience window:
        records remember their recent mutation ids too, so nothing is ever applied twice."""
        bucket = doc["_id"]
        receipts = doc.get("receipts") or {}
        keep = self.per_bucket * 3 // 4
        oldest = sorted(receipts, key=lambda m: receipts[m].get("at", 0))[:max(0, len(receipts) - keep)]
        if oldest:
            self.coll.update_one({"_id": bucket}, {"$unset": {f"receipts.{m}": "" for m in oldest},
                                                   "$inc": {"count": -len(oldest)}})

    def forget(self) -> None:
        for i in range(self.BUCKETS):
            self.coll.raw.delete_one({"_id": f"{self.device_id}:{i:02d}", **self.coll.scope.filter()})
