"""Where objectives are kept: `MongoObjectiveStore` (every query scoped to one member) and
`InMemoryObjectiveStore` with the same semantics.

Writes go through `shared.outbox` (state and events in one document write), changes are
compare-and-swap on `version`: a lost race returns None and the use case tries again.
"""
from __future__ import annotations

import copy
from typing import Iterable, Protocol

from pymongo.errors import DuplicateKeyError

from shared import outbox, pagination
from shared.db import Scope, Scoped
from shared.events import Event
from shared.retry import LosesRaces

from .documents import Objective
from .store import IdTaken, without_outbox

LIVE = {"deleted": {"$ne": True}}
PUBLIC = {"outbox": 0}


class ObjectiveStore(Protocol):
    def insert(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict: ...
    def get(self, scope: Scope, objective_id: str) -> dict | None: ...
    def get_or_tombstone(self, scope: Scope, objective_id: str) -> dict | None: ...
    def page(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]: ...
    def all(self, scope: Scope) -> list[dict]: ...
    def update(self, scope: Scope, objective_id: str, version: int, events: Iterable[Event],
               changes: dict) -> dict | None: ...


class MongoObjectiveStore:
    def _coll(self, scope: Scope) -> Scoped:
        return Scoped(Objective._get_collection(), scope)

    def insert(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict:
        """The objective inserted; `IdTaken` when one (this member's or another's) has the id."""
        try:
            return without_outbox(outbox.insert(self._coll(scope), doc, events))
        except DuplicateKeyError:
            raise IdTaken() from None

    def get(self, scope: Scope, objective_id: str) -> dict | None:
        return self._coll(scope).find_one({"_id": objective_id, **LIVE}, PUBLIC)

    def get_or_tombstone(self, scope: Scope, objective_id: str) -> dict | None:
        return self._coll(scope).find_one({"_id": objective_id}, PUBLIC)

    def changed_since(self, scope: Scope, query: dict, limit: int) -> list[dict]:
        """Objectives and tombstones matching `query`, in write order (`updated_at`, then id)."""
        return list(self._coll(scope).find(query, PUBLIC).sort([("updated_at", 1), ("_id", 1)]).limit(limit))

    def page(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        return pagination.page_by_id(self._coll(scope), LIVE, limit, cursor, PUBLIC)

    def all(self, scope: Scope) -> list[dict]:
        return list(self._coll(scope).find(LIVE, PUBLIC).sort("_id", 1))

    def update(self, scope: Scope, objective_id: str, version: int, events: Iterable[Event],
               changes: dict) -> dict | None:
        return without_outbox(outbox.update(self._coll(scope), {"_id": objective_id}, version, events, set=changes))


class InMemoryObjectiveStore(LosesRaces):
    """The same store in a dictionary; `lose_races` makes the next N conditional writes lose."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str, str], dict] = {}
        self.events: list[Event] = []

    def _live(self, scope: Scope) -> list[dict]:
        return sorted((d for (o, m, _), d in self.docs.items()
                       if (o, m) == (scope.org_id, scope.member_id) and not d.get("deleted")), key=lambda d: d["_id"])

    def insert(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict:
        doc = {**copy.deepcopy(doc), "version": 1, "org_id": scope.org_id, "member_id": scope.member_id}
        if any(oid == doc["_id"] for (_, _, oid) in self.docs):
            raise IdTaken()
        self.docs[(scope.org_id, scope.member_id, doc["_id"])] = doc
        self.events += list(events)
        return copy.deepcopy(doc)

    def get(self, scope: Scope, objective_id: str) -> dict | None:
        doc = self.docs.get((scope.org_id, scope.member_id, objective_id))
        return None if doc is None or doc.get("deleted") else copy.deepcopy(doc)

    def get_or_tombstone(self, scope: Scope, objective_id: str) -> dict | None:
        return copy.deepcopy(self.docs.get((scope.org_id, scope.member_id, objective_id)))

    def page(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        after = pagination.decode(cursor, 1)
        live = [d for d in self._live(scope) if after is None or d["_id"] > after[0]]
        more = len(live) > limit
        return [copy.deepcopy(d) for d in live[:limit]], pagination.encode([live[limit - 1]["_id"]]) if more else None

    def all(self, scope: Scope) -> list[dict]:
        return [copy.deepcopy(d) for d in self._live(scope)]

    def update(self, scope: Scope, objective_id: str, version: int, events: Iterable[Event],
               changes: dict) -> dict | None:
        key = (scope.org_id, scope.member_id, objective_id)
        doc = self.docs.get(key)
        if doc is None or doc["version"] != version or self.lost_race():
            return None
        self.docs[key] = {**doc, **copy.deepcopy(changes), "version": version + 1}
        self.events += list(events)
        return copy.deepcopy(self.docs[key])


