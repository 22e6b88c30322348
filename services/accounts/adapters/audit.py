"""The audit log of admin actions: `MongoAuditLog` (collection `audit`) and `InMemoryAuditLog`,
the same semantics for use-case tests without a server.

**An action that happened is never missing from the log.** There are no multi-document
transactions here (README, What the code relies on), so an entry written to `audit` before the
change could tell of a change that never happened, and one written after it is lost when the
process dies in between. Instead the entry travels with the change, as events do (shared.outbox):

1. The change's own conditional write carries its entry: the changed document gets it in
   `audit_pending` (and `audit_pending_org`, the organisation, by which pending entries are
   found), in the same single-document write that makes the change — `carry(entry)` for an
   update through `shared.outbox.update(..., extra=carry(entry))`, `carry_into(doc, entry)` for
   an insert. No change without its entry, no entry without its change; a write that loses
   its race or fails carries nothing.
2. Right after, `settle(carrier, doc_id, org_id)` copies the document's pending entries into
   `audit` (each by its own `_id`: a copy already there is skipped) and then empties
   `audit_pending`, conditional on the version it read (a document written meanwhile, which may
   carry a newer entry, is read again).
3. Every read of the log first settles the organisation's pending entries (`recover`, one
   indexed query per carrier collection): a process that died between 1 and 2, or inside 2,
   left them in the document, so whatever an admin reads holds every action that happened.
   An entry keeps the time it was made at, so one settled late sorts where it belongs.

Crash points: before 1, nothing changed and nothing is logged; after 1, the entry is pending
and the next settle or read moves it; after the copy, before the removal, the entry is in the
log and still pending, and the next settle copies it again (skipped: the same `_id`) and
removes it. A collection whose documents carry entries is listed in `CARRIERS` and declares
the two fields (adapters/documents.py, `Member`), and its carrying writes bump `version`.
"""
from __future__ import annotations

import copy
from typing import Any, Protocol

from pymongo.errors import BulkWriteError

from shared import db, guard, pagination

from .documents import AuditEntry

PENDING = "audit_pending"          # entries written with a change, not yet in `audit`
PENDING_ORG = "audit_pending_org"  # the organisation of those entries, present while there are any
CARRIERS = ("members", "org_sso")  # collections whose documents may carry pending entries
SETTLE_ATTEMPTS = 5


def carry(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The update operators that put `entry` into a change's own write (`extra=` of
    `shared.outbox.update`)."""
    return {"$push": {PENDING: entry}, "$set": {PENDING_ORG: entry["org_id"]}}


def carry_into(doc: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """`doc` (a document about to be inserted, or a fake's) carrying `entry` as well."""
    doc[PENDING] = [*(doc.get(PENDING) or []), entry]
    doc[PENDING_ORG] = entry["org_id"]
    return doc


class AuditLog(Protocol):
    def settle(self, carrier: str, doc_id: str, org_id: str) -> int: ...
    def recover(self, org_id: str) -> int: ...
    def page(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]: ...


def _after(cursor: str | None) -> dict[str, Any]:
    """The filter of the entries after an instant cursor, newest first (empty without one)."""
    after = pagination.decode_instant(cursor)
    if after is None:
        return {}
    at, entry_id = after
    return {"$or": [{"at": {"$lt": at}}, {"at": at, "_id": {"$lt": entry_id}}]}


def _next_cursor(found: list[dict], limit: int) -> str | None:
    return pagination.encode_instant(found[limit - 1]["at"], found[limit - 1]["_id"]) if len(found) > limit else None


class MongoAuditLog:
    def __init__(self, carriers: tuple[str, ...] = CARRIERS):
        self.carriers = carriers

    def _log(self) -> guard.Guarded:
        return guard.Guarded(AuditEntry._get_collection())

    def _carrier(self, name: str) -> guard.Guarded:
        if name not in self.carriers:
            raise ValueError(f"{name!r} is not an audit carrier (adapters/audit.py CARRIERS)")
        return guard.Guarded(db.database()[name])

    def _copy(self, entries: list[dict]) -> None:
        if not entries:
            return
        try:
            self._log().insert_many(copy.deepcopy(entries), ordered=False)
        except BulkWriteError as exc:
            if not db.is_duplicate_key(exc):
                raise  # the entries stay pending; a later settle copies them

    def settle(self, carrier: str, doc_id: str, org_id: str) -> int:
        """Move the document's pending entries into the log; how many it moved."""
        coll = self._carrier(carrier)
        for _ in range(SETTLE_ATTEMPTS):
            doc = coll.find_one({"_id": doc_id, PENDING_ORG: org_id}, {PENDING: 1, "version": 1})
            if doc is None:
                return 0
            entries = doc.get(PENDING) or []
            self._copy(entries)
            done = coll.update_one({"_id": doc_id, PENDING_ORG: org_id, "version": doc.get("version")},
                                   {"$set": {PENDING: []}, "$unset": {PENDING_ORG: ""}})
            if done.modified_count:
                return len(entries)
        return 0  # written again and again meanwhile: copied, and removed by a later settle

    def recover(self, org_id: str) -> int:
        """Settle every pending entry of the organisation (what a process that died left)."""
        moved = 0
        for name in self.carriers:
            coll = self._carrier(name)
            for doc in list(coll.find({PENDING_ORG: org_id}, {"_id": 1})):
                moved += self.settle(name, doc["_id"], org_id)
        return moved

    def page(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        """The organisation's entries, newest first, after `cursor`; pending ones settled first."""
        self.recover(org_id)
        query = {"org_id": org_id, **_after(cursor)}
        found = list(self._log().find(query).sort([("at", -1), ("_id", -1)]).limit(limit + 1))
        return found[:limit], _next_cursor(found, limit)


class InMemoryAuditLog:
    """The same log in a dictionary, over the fakes' documents (`carriers`: collection name →
    that fake's documents by `_id`). `dies_before_settling = n`: the next n settles do nothing,
    as if the process had died right after the change's write."""

    dies_before_settling = 0

    def __init__(self, carriers: dict[str, dict[str, dict]]):
        self.carriers = carriers
        self.entries: dict[str, dict] = {}

    def settle(self, carrier: str, doc_id: str, org_id: str) -> int:
        if self.dies_before_settling:
            self.dies_before_settling -= 1
            return 0
        doc = self.carriers[carrier].get(doc_id)
        if doc is None or doc.get(PENDING_ORG) != org_id:
            return 0
        entries = doc.get(PENDING) or []
        for entry in entries:
            self.entries.setdefault(entry["_id"], copy.deepcopy(entry))
        doc[PENDING] = []
        doc.pop(PENDING_ORG, None)
        return len(entries)

    def recover(self, org_id: str) -> int:
        return sum(self.settle(name, doc_id, org_id) for name, docs in self.carriers.items()
                   for doc_id, doc in list(docs.items()) if doc.get(PENDING_ORG) == org_id)

    def page(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        self.recover(org_id)
        after = pagination.decode_instant(cursor)
        found = sorted((e for e in self.entries.values() if e["org_id"] == org_id
                        and (after is None or (e["at"], e["_id"]) < after)),
                       key=lambda e: (e["at"], e["_id"]), reverse=True)[:limit + 1]
        return [copy.deepcopy(e) for e in found[:limit]], _next_cursor(found, limit)
