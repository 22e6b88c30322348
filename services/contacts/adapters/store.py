"""The record store: the one way records (contacts, interactions, gatherings) are read and written.

Every write goes through a `Batch`: it records an intent, writes each record together with
its events (`shared.outbox`, one atomic document write, conditional on the version), keeps
per-field versions for field-level merges, remembers the mutation ids that wrote a record,
and finally logs the new versions in the member's change log for sync pulls. New records
are buffered and inserted together (one round trip) unless something needs them sooner.

A Batch keeps its records through a `Records` port: `MongoRecords` (the member's scoped
collections, written through `shared.outbox`, and their `ChangeLog`), or the in-memory fake of
`adapters/memory.py` for use-case tests without a server.
"""
from __future__ import annotations

import logging
from typing import Any, Iterable, Protocol

from pymongo.errors import PyMongoError

from shared import clock
from shared import outbox, syncing
from shared.db import Scope, Scoped
from shared.events import new_event

from ..domain.model import COLLECTIONS, CONTACTS, GATHERINGS, INTERACTIONS, RECENT_MUTATIONS
from ..domain.records import Kind
from .changelog import ChangeLog
from .documents import Contact, Gathering, Interaction

log = logging.getLogger(__name__)

SOURCE = "rapport/contacts"
POINT_READS = 16
NO_OUTBOX = {"outbox": 0, "outbox_pending": 0, "outbox_since": 0, "outbox_lease_owner": 0, "outbox_lease_until": 0}
DOCUMENTS = {CONTACTS: Contact, INTERACTIONS: Interaction, GATHERINGS: Gathering}



def collection(kind: str, scope: Scope) -> Scoped:
    """The member's records of one kind (`contacts`, `interactions`, `gatherings`), scoped."""
    return Scoped(DOCUMENTS[kind]._get_collection(), scope)


class Log(Protocol):
    """What a Batch asks of a member's change log (`ChangeLog`)."""

    def intend(self, items: Iterable[tuple[str, str]]) -> str: ...
    def intend_more(self, token: str, items: Iterable[tuple[str, str]]) -> None: ...
    def append(self, entries: Iterable[tuple[str, str, int]]) -> int | None: ...
    def done(self, token: str) -> None: ...


class Records(Protocol):
    """One member's records of every kind as a Batch reads and writes them (without the outbox
    fields), and their change log."""

    @property
    def log(self) -> Log: ...  # read-only: an implementation's own change log type fits

    def read(self, coll: str, rid: str) -> dict | None: ...
    def read_many(self, coll: str, ids: list[str]) -> list[dict]: ...
    def find(self, coll: str, filter: dict, projection: dict) -> list[dict]: ...
    def insert(self, coll: str, items: list[tuple[dict, list]]) -> set[int]:
        """Insert new records at version 1 with their events; the positions whose id was taken."""
    def write(self, coll: str, rid: str, version: int, events: list, sets: dict,
              unset: Iterable[str] = ()) -> dict | None:
        """Change a live record still at `version` (+1) with its events; None when it is not."""


class MongoRecords:
    """The member's collections (scoped), written through `shared.outbox`, and their change log."""

    def __init__(self, scope: Scope):
        self.log = ChangeLog(scope)
        self.colls = {name: collection(name, scope) for name in COLLECTIONS}

    def read(self, coll: str, rid: str) -> dict | None:
        return self.colls[coll].find_one({"_id": rid}, NO_OUTBOX)

    def read_many(self, coll: str, ids: list[str]) -> list[dict]:
        return list(self.colls[coll].find({"_id": {"$in": ids}}, NO_OUTBOX))

    def find(self, coll: str, filter: dict, projection: dict) -> list[dict]:
        return list(self.colls[coll].find(filter, projection))

    def insert(self, coll: str, items: list[tuple[dict, list]]) -> set[int]:
        return outbox.insert_many(self.colls[coll], items)

    def write(self, coll: str, rid: str, version: int, events: list, sets: dict,
              unset: Iterable[str] = ()) -> dict | None:
        return outbox.update(self.colls[coll], {"_id": rid, "deleted": {"$ne": True}}, version, events, set=sets,
                             unset=unset)


# -- writing --------------------------------------------------------------------------------

class Batch:
    """One unit of writes for one member. Use as a context manager: on exit the written
    versions are logged for sync and the intent is cleared."""

    def __init__(self, scope: Scope, *, correlation_id: str | None = None, records: Records | None = None):
        self.scope = scope
        self.correlation_id = correlation_id
        self.records: Records = records if records is not None else MongoRecords(scope)
        self.log = self.records.log
        self.cache: dict[tuple[str, str], dict | None] = {}
        self.buffer: dict[tuple[str, str], tuple[dict, list]] = {}
        self.written: list[tuple[str, str, int]] = []
        self.intended: set[tuple[str, str]] = set()
        self.intent: str | None = None

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.flush()
        self.buffer.clear()
        self.log.append(self.written)
        if self.intent:
            try:
                self.log.done(self.intent)
            except PyMongoError:  # harmless: a pull re-logs its records (no-op) and clears it later
                log.warning("could not clear a sync intent", exc_info=True)

    # -- reading ---------------------------------------------------------------------------
    def prefetch(self, coll: str, ids: Iterable[str]) -> None:
        wanted = [i for i in set(ids) if (coll, i) not in self.cache]
        if not wanted:
            return
        for i in wanted:
            self.cache[(coll, i)] = None
        # by _id one by one: cheap everywhere (FerretDB decodes the whole collection for $in)
        if len(wanted) <= POINT_READS:
            for i in wanted:
                self.cache[(coll, i)] = self.records.read(coll, i)
            return
        for doc in self.records.read_many(coll, wanted):
            self.cache[(coll, doc["_id"])] = doc

    def get(self, coll: str, rid: str, *, fresh: bool = False) -> dict | None:
        key = (coll, rid)
        if key in self.buffer:
            return self.buffer[key][0]
        if fresh or key not in self.cache:
            self.cache[key] = self.records.read(coll, rid)
        return self.cache[key]

    def buffered(self, coll: str, rid: str) -> bool:
        return (coll, rid) in self.buffer

    def known(self, coll: str, rid: str) -> bool:
        """Whether this batch already read or wrote the record (no lookup needed)."""
        return (coll, rid) in self.buffer or (coll, rid) in self.cache

    def find(self, coll: str, filter: dict, projection: dict | None = None) -> list[dict]:
        return self.records.find(coll, filter, projection or NO_OUTBOX)

    # -- intents ---------------------------------------------------------------------------
    def expect(self, items: Iterable[tuple[str, str]]) -> None:
        """Declare records about to be written (before writing them)."""
        new = [i for i in dict.fromkeys(items) if i not in self.intended]
        if not new:
            return
        if self.intent is None:
            self.intent = self.log.intend(new)
        else:
            self.log.intend_more(self.intent, new)
        self.intended.update(new)

    def _event(self, type_: str, data: dict):
        return new_event(type_, org_id=self.scope.org_id, member_id=self.scope.member_id, data=data,
                         source=SOURCE, correlation_id=self.correlation_id)

    @staticmethod
    def _recent(doc: dict | None, mutation: str | None, version: int, status: str = "applied") -> list:
        """The record's memory of the mutations that wrote it, with this write's (shared.syncing)."""
        return syncing.remember((doc or {}).get("recent_mutations"), mutation, version, status, RECENT_MUTATIONS)

    # -- writing ---------------------------------------------------------------------------
    def create(self, kind: Kind, rid: str, data: dict, *, mutation: str | None = None,
               extra: dict | None = None) -> dict:
        """Buffer a new record at version 1 (inserted by `flush`)."""
        self.expect([(kind.name, rid)])
        now = clock.now()
        doc = {"_id": rid, **data, **(extra or {}), "field_versions": {},
               "recent_mutations": self._recent(None, mutation, 1),
               "created_at": now, "updated_at": now, "deleted": False, "version": 1}
        doc.update(kind.derive(doc))
        event = self._event(kind.created, kind.state(doc))
        self.buffer[(kind.name, rid)] = (doc, [event])
        return doc

    def flush(self) -> list[tuple[str, str]]:
        """Insert the buffered records; return those whose id already existed (not inserted)."""
        if not self.buffer:
            return []
        items = list(self.buffer.items())
        self.buffer.clear()
        failed: list[tuple[str, str]] = []
        by_coll: dict[str, list] = {}
        for key, (doc, events) in items:
            by_coll.setdefault(key[0], []).append((key, doc, events))
        for coll, group in by_coll.items():
            positions = self.records.insert(coll, [(doc, events) for _, doc, events in group])
            for i, (key, doc, _) in enumerate(group):
                if i in positions:
                    failed.append(key)
                    self.cache.pop(key, None)
                else:
                    for k in list(NO_OUTBOX):
                        doc.pop(k, None)
                    self.cache[key] = doc
                    self.written.append((coll, key[1], 1))
        return failed

    def update(self, kind: Kind, doc: dict, changes: dict, *, mutation: str | None = None,
               server: dict | None = None, status: str = "applied") -> dict | None:
        """Write `changes` (data fields; their field versions move) and `server` fields on top of
        `doc` if it is still at its version. None: someone else wrote first (reload, decide again).
        `mutation` (and the `status` it is answered with) is remembered in the same write."""
        rid = doc["_id"]
        assert (kind.name, rid) not in self.buffer, "flush before updating a buffered record"
        self.expect([(kind.name, rid)])
        version = doc["version"]
        new = {**doc, **changes, **(server or {}), "version": version + 1}
        sets: dict[str, Any] = {**changes, **(server or {})}
        for name in changes:
            sets[f"field_versions.{name}"] = version + 1
        for name, value in kind.derive(new).items():
            if doc.get(name) != value:
                sets[name] = value
        sets["recent_mutations"] = new["recent_mutations"] = self._recent(doc, mutation, version + 1, status)
        sets["updated_at"] = new["updated_at"] = clock.now()
        event = self._event(kind.updated, kind.state(new))
        result = self.records.write(kind.name, rid, version, [event], sets)
        return self._written(kind, rid, result)

    def tombstone(self, kind: Kind, doc: dict, *, mutation: str | None = None,
                  merged_into: str | None = None) -> dict | None:
        """Delete: keep only a tombstone (id, version, when, merged_into). None: lost a race."""
        rid = doc["_id"]
        assert (kind.name, rid) not in self.buffer, "flush before deleting a buffered record"
        self.expect([(kind.name, rid)])
        version = doc["version"]
        now = clock.now()
        sets = {"deleted": True, "deleted_at": now, "updated_at": now,
                "recent_mutations": self._recent(doc, mutation, version + 1)}
        if merged_into:
            sets["merged_into"] = merged_into
            event = self._event("contact.merged",
                                {"contact_id": rid, "merged_into": merged_into, "version": version + 1})
        else:
            event = self._event(kind.deleted, kind.deleted_data({**doc, "version": version + 1}))
        keep = {"contact_id"} if kind.name == INTERACTIONS else set()
        unset = [f for f in (*kind.fields, "search", "dedupe_keys", "field_versions", "import_keys", "import_mark",
                             "merged_from", "given_name", "source") if f not in keep and f in doc]
        result = self.records.write(kind.name, rid, version, [event], sets, unset)
        return self._written(kind, rid, result)

    def _written(self, kind: Kind, rid: str, result: dict | None) -> dict | None:
        key = (kind.name, rid)
        if result is None:
            self.cache.pop(key, None)
            return None
        for k in NO_OUTBOX:
            result.pop(k, None)
        self.cache[key] = result
        self.written.append((kind.name, rid, result["version"]))
        return result
