"""Where the plan's suggestions are kept: `MongoSuggestionStore` (every query scoped to one
member) and `InMemorySuggestionStore` with the same semantics for use-case tests.

New proposals are inserted if absent (their id is deterministic, so a second run the same week
inserts nothing); a decision is compare-and-swap on `version` through `shared.outbox`, the
suggestion's event written with it.
"""
from __future__ import annotations

import copy
from typing import Iterable, Protocol, Sequence

from shared import outbox
from shared.db import Scope, Scoped
from shared.events import Event
from shared.retry import LosesRaces

from .documents import PlanSuggestion
from .store import without_outbox

PUBLIC = {"outbox": 0}


class SuggestionStore(Protocol):
    def all(self, scope: Scope) -> list[dict]: ...
    def listed(self, scope: Scope, status: str) -> list[dict]: ...
    def get(self, scope: Scope, suggestion_id: str) -> dict | None: ...
    def insert_new(self, scope: Scope, items: Sequence[tuple[dict, Iterable[Event]]]) -> int: ...
    def update(self, scope: Scope, suggestion_id: str, version: int, events: Iterable[Event],
               changes: dict) -> dict | None: ...


class MongoSuggestionStore:
    def _coll(self, scope: Scope) -> Scoped:
        return Scoped(PlanSuggestion._get_collection(), scope)

    def all(self, scope: Scope) -> list[dict]:
        return list(self._coll(scope).find({}, PUBLIC))

    def listed(self, scope: Scope, status: str) -> list[dict]:
        return list(self._coll(scope).find({"status": status}, PUBLIC).sort([("created_at", -1), ("_id", 1)]))

    def get(self, scope: Scope, suggestion_id: str) -> dict | None:
        return self._coll(scope).find_one({"_id": suggestion_id}, PUBLIC)

    def insert_new(self, scope: Scope, items: Sequence[tuple[dict, Iterable[Event]]]) -> int:
        """How many were new (an id already stored is left as it is)."""
        return len(items) - len(outbox.insert_many(self._coll(scope), items))

    def update(self, scope: Scope, suggestion_id: str, version: int, events: Iterable[Event],
               changes: dict) -> dict | None:
        return without_outbox(outbox.update(self._coll(scope), {"_id": suggestion_id}, version, events, set=changes))


class InMemorySuggestionStore(LosesRaces):
    def __init__(self) -> None:
        self.docs: dict[tuple[str, str, str], dict] = {}
        self.events: list[Event] = []

    def _mine(self, scope: Scope) -> list[dict]:
        return [copy.deepcopy(d) for (o, m, _), d in self.docs.items() if (o, m) == (scope.org_id, scope.member_id)]

    def all(self, scope: Scope) -> list[dict]:
        return self._mine(scope)

    def listed(self, scope: Scope, status: str) -> list[dict]:
        mine = sorted((d for d in self._mine(scope) if d["status"] == status), key=lambda d: d["_id"])
        return sorted(mine, key=lambda d: d["created_at"], reverse=True)

    def get(self, scope: Scope, suggestion_id: str) -> dict | None:
        doc = self.docs.get((scope.org_id, scope.member_id, suggestion_id))
        return copy.deepcopy(doc) if doc else None

    def insert_new(self, scope: Scope, items: Sequence[tuple[dict, Iterable[Event]]]) -> int:
        new = 0
        for doc, events in items:
            key = (scope.org_id, scope.member_id, doc["_id"])
            if key not in self.docs:
                self.docs[key] = {**copy.deepcopy(doc), "version": 1, "org_id": scope.org_id,
                                  "member_id": scope.member_id}
                self.events += list(events)
                new += 1
        return new

    def update(self, scope: Scope, suggestion_id: str, version: int, events: Iterable[Event],
               changes: dict) -> dict | None:
        key = (scope.org_id, scope.member_id, suggestion_id)
        doc = self.docs.get(key)
        if doc is None or doc["version"] != version or self.lost_race():
            return None
        self.docs[key] = {**doc, **copy.deepcopy(changes), "version": version + 1}
        self.events += list(events)
        return copy.deepcopy(self.docs[key])
