"""The workers' read model: one record per aggregate, moving only forward by version.

`MongoReadModel` keeps it in MongoDB (or FerretDB): an upsert guarded by
`version < new` either moves the record forward or fails with a duplicate key because a
newer (or the same) version is already there — then nothing changes except the earliest
time the aggregate was seen (`$min`, which is order-independent). `InMemoryReadModel` has
the same semantics for tests that need no server.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from ..domain.projection import Change


def record_id(org_id: str, member_id: str, kind: str, agg_id: str) -> str:
    return f"{org_id}|{member_id}|{kind}|{agg_id}"


class ReadModel(Protocol):
    def apply(self, org_id: str, member_id: str, change: Change) -> bool: ...
    def erase(self, org_id: str, member_id: str) -> None: ...
    def records(self, org_id: str, member_id: str) -> list[dict[str, Any]]: ...


class MongoReadModel:
    def __init__(self, collection: Collection):
        self.coll = collection

    def apply(self, org_id: str, member_id: str, change: Change) -> bool:
        """True when the record moved forward; False for a stale or repeated event."""
        _id = record_id(org_id, member_id, change.kind, change.agg_id)
        try:
            self.coll.update_one(
                {"_id": _id, "version": {"$lt": change.version}},
                {"$set": {"org_id": org_id, "member_id": member_id, "kind": change.kind, "agg_id": change.agg_id,
                          "version": change.version, "deleted": change.deleted, "state": change.state},
                 "$min": {"seen_at": change.seen_at}},
                upsert=True)
            return True
        except DuplicateKeyError:
            self.coll.update_one({"_id": _id}, {"$min": {"seen_at": change.seen_at}})
            return False

    def erase(self, org_id: str, member_id: str) -> None:
        self.coll.delete_many({"org_id": org_id, "member_id": member_id})

    def records(self, org_id: str, member_id: str) -> list[dict[str, Any]]:
        return list(self.coll.find({"org_id": org_id, "member_id": member_id},
                                   {"kind": 1, "agg_id": 1, "version": 1, "deleted": 1, "state": 1, "seen_at": 1}))


class InMemoryReadModel:
    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}

    def apply(self, org_id: str, member_id: str, change: Change) -> bool:
        _id = record_id(org_id, member_id, change.kind, change.agg_id)
        doc = self.docs.get(_id)
        if doc is not None and doc["version"] >= change.version:
            doc["seen_at"] = min(doc["seen_at"], change.seen_at)
            return False
        seen: datetime = change.seen_at if doc is None else min(doc["seen_at"], change.seen_at)
        self.docs[_id] = {"_id": _id, "org_id": org_id, "member_id": member_id, "kind": change.kind,
                          "agg_id": change.agg_id, "version": change.version, "deleted": change.deleted,
                          "state": change.state, "seen_at": seen}
        return True

    def erase(self, org_id: str, member_id: str) -> None:
        for _id in [k for k, d in self.docs.items() if (d["org_id"], d["member_id"]) == (org_id, member_id)]:
            del self.docs[_id]

    def records(self, org_id: str, member_id: str) -> list[dict[str, Any]]:
        return [dict(d) for d in self.docs.values() if (d["org_id"], d["member_id"]) == (org_id, member_id)]
