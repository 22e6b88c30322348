"""The nudge store: every read and write of nudge documents, scoped to one member.

Writes go through `shared.outbox`, so a nudge's state and its `nudge.*` events are one
atomic document write; changes are compare-and-swap on the document's `version`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Iterable

from pymongo.collection import Collection

from shared import outbox, syncing
from shared.db import Scope, Scoped
from shared.events import Event

from ..domain.engine import fact_from
from ..domain.model import OPEN, NudgeFact

FACT_FIELDS = {"rule": 1, "kind": 1, "status": 1, "version": 1, "contact_id": 1, "goal_id": 1, "contact_ids": 1,
               "reason": 1, "issued_day": 1, "due_at": 1, "snoozed_until": 1, "updated_at": 1, "scrubbed": 1}
PUBLIC = {"outbox": 0, "outbox_pending": 0, "outbox_since": 0, "outbox_lease_owner": 0, "outbox_lease_until": 0,
          "applied_mutations": 0}
CAS_ATTEMPTS = 5

# A change: given the current document, what to set/unset and which events to record,
# or None to leave it as it is.
Change = Callable[[dict[str, Any]], "tuple[dict[str, Any], list[str], list[Event], dict[str, Any]] | None"]


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
        """Compare-and-swap one nudge. Returns (document after, whether it changed); the
        document is None when there is no such nudge for this member."""
        coll = self.scoped(scope)
        for _ in range(CAS_ATTEMPTS):
            doc = coll.find_one({"_id": nudge_id}, PUBLIC)
            if doc is None:
                return None, False
            planned = change(doc)
            if planned is None:
                return doc, False
            sets, unset, events, extra = planned
            after = outbox.update(coll, {"_id": nudge_id}, doc["version"], events, set=sets, unset=unset, extra=extra)
            if after is not None:
                for name in PUBLIC:
                    after.pop(name, None)
                return after, True
        raise ConflictError(nudge_id)

    def get(self, scope: Scope, nudge_id: str) -> dict[str, Any] | None:
        return self.scoped(scope).find_one({"_id": nudge_id}, PUBLIC)

    def find(self, scope: Scope, filter: dict[str, Any], sort: list[tuple[str, int]], limit: int) -> list[dict[str, Any]]:
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


class ConflictError(RuntimeError):
    """A nudge kept changing under us; the caller answers 409 or retries later."""
