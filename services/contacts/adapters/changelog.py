"""A member's change log: the total order that sync pulls follow.

Every write of a record (create, update, delete, merge) is followed by appending a *slot*
`(seq, coll, rid, v)` to the member's log. The slot's `_id` is `<member key>:<seq>`, so a
sequence number is taken by exactly one insert: the number and the change become visible
in one single-document write. A writer tries the next number after the highest it knows
and, when an insert loses the race, moves up past the taken numbers. A number is tried only
after the one below it was seen taken, so the taken numbers are always a contiguous run:
a number lower than a visible one can never appear later. A pull therefore reads slots
after its cursor in order and can never miss or repeat one, whatever writes concurrently.

Records are written first and logged second, so a crash in between would leave a write out
of the log: before writing, a batch records an *intent* (the records it will touch); the
intent is removed once their versions are logged, and an intent left behind by a crash is
repaired later (the current versions of its records are logged; logging a version twice is
refused by the unique (coll, rid, v) index, so repairs and retries are harmless).

Slots of superseded versions and of purged tombstones are removed only once they are older
than tombstone retention, long after any writer could still be working from an older
head; the slot at the head is never removed, so numbers are never reused.
"""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Iterable

from pymongo.errors import BulkWriteError, DuplicateKeyError

from shared import clock
from shared.db import Scope, Scoped, is_duplicate_key

from .documents import SyncChange, SyncHead, SyncIntent

WIDTH = 12  # digits of seq in slot ids: ids sort like numbers


def upsert_one(coll, filter: dict, update: dict):
    """update_one with upsert, retried once: two upserts racing to create the same document
    make one fail with a duplicate key (MongoDB and FerretDB alike); the retry then updates."""
    try:
        return coll.update_one(filter, update, upsert=True)
    except DuplicateKeyError:
        return coll.update_one(filter, update, upsert=True)


def member_key(scope: Scope) -> str:
    return hashlib.sha256(f"{scope.org_id}\x00{scope.member_id}".encode()).hexdigest()[:24]


class ChangeLog:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.key = member_key(scope)
        self.slots = Scoped(SyncChange._get_collection(), scope)
        self.heads = Scoped(SyncHead._get_collection(), scope)
        self.intents = Scoped(SyncIntent._get_collection(), scope)

    # -- writing -----------------------------------------------------------------------------
    def slot_id(self, seq: int) -> str:
        return f"{self.key}:{seq:0{WIDTH}d}"

    def _taken(self, seq: int) -> bool:
        return self.slots.raw.find_one({"_id": self.slot_id(seq)}, {"_id": 1}) is not None

    def _first_free(self, start: int) -> int:
        """The lowest free number from `start` on (taken numbers above the head are contiguous)."""
        if not self._taken(start):
            return start
        taken, step = start, 1
        while self._taken(taken + step):
            taken += step
            step *= 2
        free = taken + step
        while free - taken > 1:
            mid = (taken + free) // 2
            if self._taken(mid):
                taken = mid
            else:
                free = mid
        return free

    def append(self, entries: Iterable[tuple[str, str, int]]) -> int | None:
        """Log (coll, rid, version) entries in order; return the last number taken."""
        pending = list(entries)
        if not pending:
            return None
        head = self.heads.raw.find_one({"_id": self.key}, {"seq": 1})
        seq = (head or {}).get("seq", 0) + 1
        last = None
        now = clock.now()
        while pending:
            docs = [{"_id": self.slot_id(seq + i), "org_id": self.scope.org_id, "member_id": self.scope.member_id,
                     "seq": seq + i, "coll": coll, "rid": rid, "v": version, "at": now}
                    for i, (coll, rid, version) in enumerate(pending)]
            try:
                self.slots.raw.insert_many(docs, ordered=True)
                last = seq + len(docs) - 1
                break
            except BulkWriteError as exc:
                done = exc.details.get("nInserted", 0)
                if not is_duplicate_key(exc):  # ordered: the one refused slot, whose number or version was taken
                    raise
                if done:
                    last = seq + done - 1
                failed = seq + done
                pending = pending[done:]
                if self._taken(failed):
                    seq = self._first_free(failed + 1)   # another writer took the number
                else:
                    pending = pending[1:]                # this version is already logged
                    seq = failed
        if last is not None:
            # the scoped filter puts org_id and member_id into a new head
            upsert_one(self.heads, {"_id": self.key}, {"$max": {"seq": last}, "$setOnInsert": {"purged_seq": 0}})
        return last

    # -- intents -----------------------------------------------------------------------------
    def intend(self, items: Iterable[tuple[str, str]]) -> str:
        token = uuid.uuid4().hex
        self.intents.insert_one({"_id": token, "items": [f"{c}/{r}" for c, r in items], "at": clock.now()})
        return token

    def intend_more(self, token: str, items: Iterable[tuple[str, str]]) -> None:
        self.intents.update_one({"_id": token}, {"$push": {"items": {"$each": [f"{c}/{r}" for c, r in items]}}})

    @staticmethod
    def intended(intent: dict) -> list[tuple[str, str]]:
        """The (coll, id) pairs of an intent (stored as "coll/id": no nested arrays in FerretDB)."""
        return [tuple(item.split("/", 1)) for item in intent.get("items") or []]

    def done(self, token: str) -> None:
        self.intents.raw.delete_one({"_id": token})

    def stale_intents(self, older_than: timedelta) -> list[dict]:
        return list(self.intents.find({"at": {"$lt": clock.now() - older_than}}).limit(50))

    # -- reading -----------------------------------------------------------------------------
    def head(self) -> dict:
        return self.heads.find_one({"_id": self.key}) or {"seq": 0, "purged_seq": 0}

    def read(self, after: int, limit: int) -> list[dict]:
        """Up to `limit` + 1 slots after `after`, in order (the extra one says there is more)."""
        return list(self.slots.find({"seq": {"$gt": after}}, {"seq": 1, "coll": 1, "rid": 1, "v": 1})
                    .sort("seq", 1).limit(limit + 1))

    def exists(self, seq: int) -> bool:
        return self._taken(seq)

    # -- retention ---------------------------------------------------------------------------
    def mark_purged(self, seq: int) -> None:
        """Cursors before `seq` can no longer be served (raised before anything is removed)."""
        upsert_one(self.heads, {"_id": self.key},
                   {"$max": {"purged_seq": seq}, "$set": {"purged_at": clock.now()}, "$setOnInsert": {"seq": 0}})

    def slots_of(self, coll: str, rids: list[str]) -> list[dict]:
        return list(self.slots.find({"coll": coll, "rid": {"$in": rids}}, {"seq": 1, "rid": 1, "v": 1}))

    def old_slots(self, before: datetime, below_seq: int, limit: int = 5000) -> list[dict]:
        return list(self.slots.find({"at": {"$lt": before}, "seq": {"$lt": below_seq}},
                                    {"seq": 1, "coll": 1, "rid": 1, "v": 1}).limit(limit))

    def remove(self, slot_ids: list[str]) -> int:
        if not slot_ids:
            return 0
        return self.slots.delete_many({"_id": {"$in": slot_ids}}).deleted_count
