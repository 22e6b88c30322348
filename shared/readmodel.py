"""The workers' read model: one record per aggregate, moving only forward by version.

`MongoReadModel` keeps it in MongoDB (or FerretDB), one document per member: an upsert
guarded by "this aggregate's version is missing or older" either moves the record forward or
fails with a duplicate key because a newer (or the same) version is already there — then
nothing changes except the earliest time the aggregate was seen (`$min`, order-independent).
`apply_many` does the same for all of one member's changes of a poll in one read and one write.
`InMemoryReadModel` has the same semantics for tests that need no server.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any, Protocol

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from .guard import Guarded

from .strategy.projection import Change


def record_id(org_id: str, member_id: str, kind: str, agg_id: str) -> str:
    return f"{org_id}|{member_id}|{kind}|{agg_id}"


class ReadModel(Protocol):
    def apply(self, org_id: str, member_id: str, change: Change) -> bool: ...
    def apply_many(self, org_id: str, member_id: str, changes: list[Change]) -> int: ...
    def erase(self, org_id: str, member_id: str) -> None: ...
    def records(self, org_id: str, member_id: str) -> list[dict[str, Any]]: ...


class MongoReadModel:
    """One document per member (`_id` org|member): `a.<kind>.<id>` holds each aggregate's
    version, tombstone flag and state, `t.<kind>.<id>` when it was first seen. A member's
    whole picture is one read by `_id`; each event is one conditional update of it."""

    def __init__(self, collection: Collection):
        self.coll = Guarded(collection)

    def apply(self, org_id: str, member_id: str, change: Change) -> bool:
        """True when the record moved forward; False for a stale or repeated event."""
        moved = self._move(org_id, member_id, [change])
        if moved is None:  # the member holds this version or a newer one now: only the sighting counts
            slot = f"{change.kind}.{_field(change.agg_id)}"
            self.coll.update_one({"_id": f"{org_id}|{member_id}"}, {"$min": {f"t.{slot}": change.seen_at}})
            return False
        return bool(moved)

    def apply_many(self, org_id: str, member_id: str, changes: list[Change]) -> int:
        """All of one member's changes in one read and one write. Returns how many aggregates
        moved forward. A writer that raced in between (the write's guard no longer holds) has
        the changes sent one by one instead."""
        moved = self._move(org_id, member_id, changes)
        if moved is None:
            return sum(self.apply(org_id, member_id, c) for c in changes)
        return moved

    def _move(self, org_id: str, member_id: str, changes: list[Change]) -> int | None:
        """One read of the member's document and one guarded write: each aggregate moves to the
        newest version among `changes` (if newer than the stored one) and keeps the earliest
        time it was seen. Returns how many moved forward, or None when another writer stored a
        version at least as new in between (the guard in the filter refused the write)."""
        key = f"{org_id}|{member_id}"
        newest: dict[str, Change] = {}
        first_seen: dict[str, datetime] = {}
        for change in changes:
            slot = f"{change.kind}.{_field(change.agg_id)}"
            if slot not in newest or change.version > newest[slot].version:
                newest[slot] = change
            first_seen[slot] = min(first_seen.get(slot, change.seen_at), change.seen_at)
        fields = {f"a.{slot}.v": 1 for slot in newest} | {f"t.{slot}": 1 for slot in newest}
        stored = self.coll.find_one({"_id": key}, fields) or {}
        sets: dict[str, Any] = {}
        seen: dict[str, datetime] = {}
        guard: dict[str, Any] = {"_id": key}
        for slot, change in newest.items():
            kind, name = slot.split(".", 1)
            version = _at(stored, "a", kind, name, "v")
            if version is None or version < change.version:
                sets[f"a.{slot}"] = {"i": change.agg_id, "v": change.version, "d": change.deleted, "s": change.state}
                guard[f"a.{slot}.v"] = {"$not": {"$gte": change.version}}  # missing, or older
            was = _at(stored, "t", kind, name)
            if was is None or first_seen[slot] < was:
                seen[f"t.{slot}"] = first_seen[slot]
        if not sets and not seen:
            return 0  # replays and duplicates stop here
        update: dict[str, Any] = {"$min": seen} if seen else {}
        if sets:
            update["$set"] = {**sets, "org_id": org_id, "member_id": member_id}
        try:
            result = self.coll.update_one(guard, update, upsert=bool(sets))
        except DuplicateKeyError:  # the member exists and no longer matches the guard
            return None
        if result.matched_count == 0 and result.upserted_id is None:
            return None
        return len(sets)

    def erase(self, org_id: str, member_id: str) -> None:
        self.coll.delete_one({"_id": f"{org_id}|{member_id}"})

    def records(self, org_id: str, member_id: str) -> list[dict[str, Any]]:
        doc = self.coll.find_one({"_id": f"{org_id}|{member_id}"}) or {}
        out = []
        for kind, entries in (doc.get("a") or {}).items():
            for slot, e in entries.items():
                out.append({"_id": record_id(org_id, member_id, kind, e["i"]), "kind": kind, "agg_id": e["i"],
                            "version": e["v"], "deleted": e["d"], "state": e["s"],
                            "seen_at": ((doc.get("t") or {}).get(kind) or {}).get(slot)})
        return out


def _at(doc: dict[str, Any], *path: str) -> Any:
    value: Any = doc
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    return value


_SAFE = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def _field(agg_id: str) -> str:
    """A field name for an id: ids of letters, digits, - and _ as they are; anything else
    (dots and dollars would be paths and operators) as a hash. The id itself is stored inside."""
    return agg_id if _SAFE.match(agg_id) else "h" + hashlib.sha256(agg_id.encode()).hexdigest()[:40]


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

    def apply_many(self, org_id: str, member_id: str, changes: list[Change]) -> int:
        return sum(self.apply(org_id, member_id, c) for c in changes)

    def erase(self, org_id: str, member_id: str) -> None:
        for _id in [k for k, d in self.docs.items() if (d["org_id"], d["member_id"]) == (org_id, member_id)]:
            del self.docs[_id]

    def records(self, org_id: str, member_id: str) -> list[dict[str, Any]]:
        return [dict(d) for d in self.docs.values() if (d["org_id"], d["member_id"]) == (org_id, member_id)]
