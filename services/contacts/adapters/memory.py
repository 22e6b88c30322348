"""The record store in dictionaries, for use-case tests without a server: `InMemoryRecords`
holds every member's contacts, interactions and gatherings with the semantics a `Batch` relies
on (scoped by member, a new id refused when taken, a change only of a live record still at its
version, events kept with their write, versions logged in order); `lose_races` makes the next N
conditional writes lose, as if another writer always got there first.

    store = InMemoryRecords()
    records.create_record(kind, scope, fields, None, batches=store.batches)

Filters are the few a Batch's callers send: equality (a list field matches any of its items),
`$ne` and `$in`; projections include or exclude fields.
"""
from __future__ import annotations

import copy
import uuid
from typing import Any, Iterable

from shared.db import Scope
from shared.retry import LosesRaces

from .store import Batch


class InMemoryChangeLog:
    """A member's change log: the (coll, id, version) entries in the order they were logged,
    and the open intents."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, int]] = []
        self.intents: dict[str, list[tuple[str, str]]] = {}

    def intend(self, items: Iterable[tuple[str, str]]) -> str:
        token = uuid.uuid4().hex
        self.intents[token] = list(items)
        return token

    def intend_more(self, token: str, items: Iterable[tuple[str, str]]) -> None:
        self.intents[token] += list(items)

    def append(self, entries: Iterable[tuple[str, str, int]]) -> int | None:
        entries = list(entries)
        if not entries:
            return None
        self.entries += entries
        return len(self.entries)

    def done(self, token: str) -> None:
        self.intents.pop(token, None)


def _equal(value: Any, wanted: Any) -> bool:
    if isinstance(value, list) and not isinstance(wanted, list):
        return wanted in value
    return value == wanted


def _matches(doc: dict, filter: dict) -> bool:
    for name, condition in filter.items():
        value = doc.get(name)
        if isinstance(condition, dict) and condition and all(k.startswith("$") for k in condition):
            for op, arg in condition.items():
                if op == "$ne":
                    ok = not _equal(value, arg)
                elif op == "$in":
                    ok = any(_equal(value, a) for a in arg)
                else:
                    raise NotImplementedError(f"the in-memory records do not know {op}")
                if not ok:
                    return False
        elif not _equal(value, condition):
            return False
    return True


def _project(doc: dict, projection: dict | None) -> dict:
    if not projection:
        return copy.deepcopy(doc)
    if any(projection.values()):
        return {k: copy.deepcopy(v) for k, v in doc.items() if k == "_id" or projection.get(k)}
    return {k: copy.deepcopy(v) for k, v in doc.items() if k not in projection}


class MemberRecords:
    """One member's records (the `Records` port of adapters/store.py)."""

    def __init__(self, store: "InMemoryRecords", scope: Scope):
        self.store = store
        self.scope = scope
        self.log = store.logs.setdefault((scope.org_id, scope.member_id), InMemoryChangeLog())

    def _coll(self, coll: str) -> dict[str, dict]:
        return self.store.data.setdefault((self.scope.org_id, self.scope.member_id, coll), {})

    def read(self, coll: str, rid: str) -> dict | None:
        doc = self._coll(coll).get(rid)
        return None if doc is None else copy.deepcopy(doc)

    def read_many(self, coll: str, ids: list[str]) -> list[dict]:
        return [d for d in (self.read(coll, i) for i in ids) if d is not None]

    def find(self, coll: str, filter: dict, projection: dict) -> list[dict]:
        return [_project(d, projection) for _, d in sorted(self._coll(coll).items()) if _matches(d, filter)]

    def insert(self, coll: str, items: list[tuple[dict, list]]) -> set[int]:
        docs = self._coll(coll)
        taken = set()
        for i, (doc, events) in enumerate(items):
            if doc["_id"] in docs:
                taken.add(i)
                continue
            doc["version"] = 1
            docs[doc["_id"]] = copy.deepcopy(doc)
            self.store.events += list(events)
        return taken

    def write(self, coll: str, rid: str, version: int, events: list, sets: dict,
              unset: Iterable[str] = ()) -> dict | None:
        doc = self._coll(coll).get(rid)
        if doc is None or doc.get("deleted") or doc["version"] != version or self.store.lost_race():
            return None
        for name, value in sets.items():
            target = doc
            *path, last = name.split(".")
            for part in path:
                target = target.setdefault(part, {})
            target[last] = copy.deepcopy(value)
        for name in unset:
            doc.pop(name, None)
        doc["version"] = version + 1
        self.store.events += list(events)
        return copy.deepcopy(doc)


class InMemoryRecords(LosesRaces):
    """Every member's records, their events (`events`) and change logs (`logs`)."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str, str], dict[str, dict]] = {}
        self.logs: dict[tuple[str, str], InMemoryChangeLog] = {}
        self.events: list = []

    def of(self, scope: Scope) -> MemberRecords:
        return MemberRecords(self, scope)

    def batches(self, scope: Scope, *, correlation_id: str | None = None) -> Batch:
        """A Batch on these records (what the use cases' `batches` parameter takes)."""
        return Batch(scope, correlation_id=correlation_id, records=self.of(scope))
