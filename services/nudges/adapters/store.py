"""The nudge store: every read and write of nudge documents, scoped to one member.

Writes go through `shared.outbox`, so a nudge's state and its `nudge.*` events are one
atomic document write; changes are compare-and-swap on the document's `version`, tried again
while they lose their race (`shared.retry`: `Busy` after five losses).

A nudge remembers the sync mutations that wrote it (`applied_mutations`, shared.syncing), the
newest `REMEMBERED_MUTATIONS` of them, in the same write as their effect.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from pymongo.collection import Collection

from shared import outbox, syncing
from shared.db import Scope, Scoped
from shared.events import Event
from shared.retry import until_written

from ..domain.engine import fact_from
from ..domain.model import OPEN, NudgeFact

FACT_FIELDS = {"rule": 1, "kind": 1, "status": 1, "version": 1, "contact_id": 1, "goal_id": 1, "contact_ids": 1,
               "reason": 1, "issued_day": 1, "due_at": 1, "snoozed_until": 1, "updated_at": 1, "scrubbed": 1}
PUBLIC = {"outbox": 0, "outbox_pending": 0, "outbox_since": 0, "outbox_lease_owner": 0, "outbox_lease_until": 0,
          "applied_mutations": 0}
CHANGING = {name: 0 for name in PUBLIC if name != "applied_mutations"}  # a change also reads the memory
REMEMBERED_MUTATIONS = 32  # sync mutations a nudge remembers (the newest; receipts cover more)
LOST_RACE = "the nudge is changing too fast; try again"


@dataclass(frozen=True)
class Planned:
    """A planned change of one nudge: the fields to set and unset, the events to record with
    it, and the sync mutation it answers (`{"k": "<device>:<mutation id>", "s": status}`,
    remembered in the same write) if any."""

    sets: dict[str, Any]
    unset: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mutation: dict[str, Any] | None = None


# A change: given the current document, what to change, or None to leave it as it is.
Change = Callable[[dict[str, Any]], "Planned | None"]


class NudgeStore:
    def __init__(self, collection: Collection):
        self.coll = collection

    def scoped(self, scope: Scope) -> Scoped:
        return Scoped(self.coll, scope)

    # -- what the coach remembers ------------------------------------------------------------
    def facts(self, scope: Scope, since: datetime) -> list[NudgeFact]:
        """Open nudges, and every nudge touched since `since` (feedback, throttle, touches)."""
        docs = self.scoped(scope).find({"$or": [{"status": {"$in": list(OPEN)}}, {"updated_at": {"$gte": since}}]},
                                       FACT_FIELDS)
        return [fact_from(d) for d in docs]

    def existing(self, scope: Scope, ids: Iterable[str]) -> set[str]:
        ids = sorted(set(ids))
        if not ids:
            return set()
        # the member's equality answers it from the index; `_id: {$in}` is then checked on their nudges
        return {d["_id"] for d in self.scoped(scope).find({"_id": {"$in": ids}}, {"_id": 1})}

    # -- writes -------------------------------------------------------------------------------
    def insert_many(self, scope: Scope, items: list[tuple[dict[str, Any], list[Event]]]) -> list[dict[str, Any]]:
        """Insert new nudges with their events in one round trip; returns the ones stored (a
        nudge whose id exists already — another worker, a replay — is left as it is)."""
        skipped = outbox.insert_many(self.scoped(scope), items)
        return [doc for i, (doc, _) in enumerate(items) if i not in skipped]

    def change(self, scope: Scope, nudge_id: str, change: Change) -> tuple[dict[str, Any] | None, bool]:
        """Compare-and-swap one nudge, decided again on what is there while it loses its race.
        Returns (document after, whether it changed); the document is None when there is no
        such nudge for this member. Raises `shared.errors.Busy` after five lost races."""
        return until_written(lambda: self.try_change(scope, nudge_id, change), detail=LOST_RACE)

    def try_change(self, scope: Scope, nudge_id: str, change: Change) -> tuple[dict[str, Any] | None, bool] | None:
        """One attempt of `change`; None when another writer got there first."""
        coll = self.scoped(scope)
        doc = coll.find_one({"_id": nudge_id}, CHANGING)
        if doc is None:
            return None, False
        memory = doc.pop("applied_mutations", None)
        planned = change(doc)
        if planned is None:
            return doc, False
        sets = planned.sets
        if planned.mutation is not None:
            sets = {**sets, "applied_mutations": syncing.remember(
                memory, planned.mutation["k"], doc["version"] + 1, planned.mutation.get("s", "applied"),
                REMEMBERED_MUTATIONS)}
        after = outbox.update(coll, {"_id": nudge_id}, doc["version"], planned.events, set=sets, unset=planned.unset)
        if after is None:
            return None
        for name in PUBLIC:
            after.pop(name, None)
        return after, True

    def get(self, scope: Scope, nudge_id: str) -> dict[str, Any] | None:
        return self.scoped(scope).find_one({"_id": nudge_id}, PUBLIC)

    def find(self, scope: Scope, filter: dict[str, Any], sort: list[tuple[str, int]],
             limit: int) -> list[dict[str, Any]]:
        return list(self.scoped(scope).find(filter, PUBLIC).sort(sort).limit(limit))

    def mutation_result(self, scope: Scope, nudge_id: str, key: str) -> dict[str, Any] | None:
        """The result recorded inside a nudge for a pushed mutation (atomic with its effect)."""
        doc = self.scoped(scope).find_one({"_id": nudge_id, "applied_mutations.k": key}, {"applied_mutations": 1})
        if doc is None:
            return None
        return syncing.recall(doc.get("applied_mutations"), key)

    def erase(self, scope: Scope) -> int:
        return self.scoped(scope).delete_many({}).deleted_count

    def purge_tombstones(self, before: datetime) -> int:
        """Forget withdrawn nudges older than the sync tombstone retention (every member)."""
        return self.coll.delete_many({"status": "withdrawn", "updated_at": {"$lt": before}}).deleted_count



# -- an in-memory fake, for fast tests of the use cases ------------------------------------------


class InMemoryNudgeStore:
    """`NudgeStore`'s semantics without a server: nudges scoped per member, every change a
    compare-and-swap on `version` (retried by shared.retry, Busy after five losses), a change's
    events kept in the nudge's `outbox`, the mutation memory capped the same way. Times are kept
    at milliseconds, as the store keeps them.

    `interleave(scope, nudge_id)`, when set, runs between a change's read and its write: a test
    makes another writer win the race there."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.interleave: Callable[[Scope, str], object] | None = None

    @staticmethod
    def _key(scope: Scope, nudge_id: str) -> tuple[str, str, str]:
        return scope.org_id, scope.member_id, nudge_id

    def _mine(self, scope: Scope) -> list[dict[str, Any]]:
        return [d for (org, member, _), d in self.docs.items() if (org, member) == (scope.org_id, scope.member_id)]

    @staticmethod
    def _public(doc: dict[str, Any]) -> dict[str, Any]:
        return copy.deepcopy({k: v for k, v in doc.items() if k not in PUBLIC})

    # -- what the coach remembers --------------------------------------------------------------
    def facts(self, scope: Scope, since: datetime) -> list[NudgeFact]:
        return [fact_from(d) for d in self._mine(scope) if d["status"] in OPEN or d["updated_at"] >= since]

    def existing(self, scope: Scope, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if self._key(scope, i) in self.docs}

    # -- writes ---------------------------------------------------------------------------------
    def insert_many(self, scope: Scope, items: list[tuple[dict[str, Any], list[Event]]]) -> list[dict[str, Any]]:
        stored = []
        for doc, events in items:
            key = self._key(scope, doc["_id"])
            if key in self.docs:
                continue
            doc.update(version=1)
            self.docs[key] = {**_ms(copy.deepcopy(doc)), "org_id": scope.org_id, "member_id": scope.member_id,
                              "outbox": list(events)}
            stored.append(doc)
        return stored

    def change(self, scope: Scope, nudge_id: str, change: Change) -> tuple[dict[str, Any] | None, bool]:
        return until_written(lambda: self.try_change(scope, nudge_id, change), detail=LOST_RACE)

    def try_change(self, scope: Scope, nudge_id: str, change: Change) -> tuple[dict[str, Any] | None, bool] | None:
        current = self.docs.get(self._key(scope, nudge_id))
        if current is None:
            return None, False
        doc = self._public(current)
        planned = change(doc)
        if planned is None:
            return doc, False
        if self.interleave is not None:
            self.interleave(scope, nudge_id)
        current = self.docs.get(self._key(scope, nudge_id))
        if current is None or current["version"] != doc["version"]:
            return None  # another writer got there first
        current.update(_ms(copy.deepcopy(planned.sets)))
        for name in planned.unset:
            current.pop(name, None)
        if planned.mutation is not None:
            current["applied_mutations"] = syncing.remember(
                current.get("applied_mutations"), planned.mutation["k"], doc["version"] + 1,
                planned.mutation.get("s", "applied"), REMEMBERED_MUTATIONS)
        current["version"] += 1
        current.setdefault("outbox", []).extend(planned.events)
        return self._public(current), True

    def get(self, scope: Scope, nudge_id: str) -> dict[str, Any] | None:
        doc = self.docs.get(self._key(scope, nudge_id))
        return None if doc is None else self._public(doc)

    def find(self, scope: Scope, filter: dict[str, Any], sort: list[tuple[str, int]],
             limit: int) -> list[dict[str, Any]]:
        found = [d for d in self._mine(scope) if _matches(d, filter)]
        for name, direction in reversed(sort):
            found.sort(key=_field_value(name), reverse=direction < 0)
        return [self._public(d) for d in found[:limit]]

    def mutation_result(self, scope: Scope, nudge_id: str, key: str) -> dict[str, Any] | None:
        doc = self.docs.get(self._key(scope, nudge_id))
        return None if doc is None else syncing.recall(doc.get("applied_mutations"), key)

    def erase(self, scope: Scope) -> int:
        mine = [k for k in self.docs if k[:2] == (scope.org_id, scope.member_id)]
        for k in mine:
            del self.docs[k]
        return len(mine)

    def purge_tombstones(self, before: datetime) -> int:
        gone = [k for k, d in self.docs.items() if d["status"] == "withdrawn" and d["updated_at"] < before]
        for k in gone:
            del self.docs[k]
        return len(gone)


def _ms(values: dict[str, Any]) -> dict[str, Any]:
    """Datetimes at the store's precision (milliseconds, UTC)."""
    for name, value in values.items():
        if isinstance(value, datetime):
            value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
            values[name] = value.replace(microsecond=value.microsecond // 1000 * 1000)
    return values


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "$in": lambda v, arg: v in arg, "$lt": lambda v, arg: v is not None and v < arg,
    "$lte": lambda v, arg: v is not None and v <= arg, "$gt": lambda v, arg: v is not None and v > arg,
    "$gte": lambda v, arg: v is not None and v >= arg, "$ne": lambda v, arg: v != arg}


def _field_value(name: str) -> Callable[[dict[str, Any]], Any]:
    """A sort key: the document's `name` field (None when it has none)."""
    def value(doc: dict[str, Any]) -> Any:
        return doc.get(name)
    return value


def _matches(doc: dict[str, Any], filter: dict[str, Any]) -> bool:
    """The part of the query language the use cases speak: $and, $or, equality and comparisons."""
    for name, cond in filter.items():
        if name == "$and":
            if not all(_matches(doc, f) for f in cond):
                return False
        elif name == "$or":
            if not any(_matches(doc, f) for f in cond):
                return False
        elif isinstance(cond, dict) and cond and all(op.startswith("$") for op in cond):
            if not all(_COMPARE[op](doc.get(name), arg) for op, arg in cond.items()):
                return False
        elif doc.get(name) != cond:
            return False
    return True
