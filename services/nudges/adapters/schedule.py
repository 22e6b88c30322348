"""When each member's rules run next, and which worker runs them.

A member's clock document records the partition their events live on (murmur2 of the
member id, as Kafka's default partitioner computes it), the next evaluation time, a
sequence bumped by every change, and a short lease. A worker's tick only looks at members
of partitions it owns; the lease keeps two workers overlapping during a rebalance from
evaluating one member at the same moment, and the sequence tells an evaluation that a
newer event arrived meanwhile (so the member stays due). Nothing lives in a worker's
memory: when one dies, the next owner of its partitions finds every due member here.

Finding the due members is answered by equality, the only filter every server (FerretDB
included) answers from an index: each clock also carries its `slot`, `<partition>:<minute>`
of its next evaluation. A sweep asks for the slots from the partition's watermark (the
oldest minute that may still hold a due member, kept in `nudge_sweeps`, one per partition) to
the current minute, and moves the watermark on over minutes found empty — never closer than
`SKEW` to now, so a member marked due by a process whose clock is a little behind is still
found. A partition without a watermark yet, or more than `CATCH_UP` behind (the workers were
away), is read once whole instead. Clocks written before slots existed are given theirs when
a worker starts (`give_slots`, once per database).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterable

from kafka.partitioner.default import murmur2
from pymongo import ReturnDocument
from pymongo.collection import Collection

from shared.guard import Guarded

from ..domain.engine import FAR_FUTURE

MINUTE = 60
SKEW = 1        # minutes the watermark stays behind now
CATCH_UP = 10   # minutes of slots asked one by one; further behind, the partition is read whole
SWEEPS = "nudge_sweeps"  # the watermark of each partition: {_id: <partition>, minute}
SLOTS_GIVEN = "slots-given"


def member_key(org_id: str, member_id: str) -> str:
    return f"{org_id}|{member_id}"


def minute_of(at: datetime) -> int:
    return int(at.timestamp() // MINUTE)


def slot(partition: int, at: datetime) -> str:
    return f"{partition}:{minute_of(at)}"


def partition_for(key: str, partitions: int) -> int:
    """Kafka's default partitioner (murmur2, positive, modulo), for a UTF-8 key."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


class MemberSchedule:
    def __init__(self, collection: Collection, partitions: int):
        self.coll = Guarded(collection)  # the lease and the sequence are compare-and-swap
        self.sweeps = Guarded(collection.database[SWEEPS])
        self.partitions = partitions

    def touch(self, org_id: str, member_id: str, at: datetime) -> dict[str, Any]:
        """Something changed for this member: evaluate now (`at` is the caller's now). Returns
        the clock (with `erased` when the member was erased)."""
        partition = partition_for(member_id, self.partitions)
        return self.coll.find_one_and_update(
            {"_id": member_key(org_id, member_id)},
            {"$setOnInsert": {"org_id": org_id, "member_id": member_id, "partition": partition},
             "$min": {"next_eval_at": at}, "$set": {"slot": slot(partition, at)}, "$inc": {"seq": 1}},
            upsert=True, return_document=ReturnDocument.AFTER)  # (FerretDB: no projection here)

    def mark_erased(self, org_id: str, member_id: str, at: datetime) -> None:
        self.coll.update_one({"_id": member_key(org_id, member_id)},
                             {"$set": {"erased": True, "next_eval_at": at,
                                       "slot": slot(partition_for(member_id, self.partitions), at)},
                              "$inc": {"seq": 1}})

    def due(self, partitions: Iterable[int], now: datetime, limit: int) -> list[dict[str, Any]]:
        """The members of these partitions due by `now`, the longest waiting first."""
        due: list[dict[str, Any]] = []
        for partition in sorted(partitions):
            due += self._due_in(partition, now, limit)
        due.sort(key=lambda d: d["next_eval_at"])
        return due[:limit]

    def _due_in(self, partition: int, now: datetime, limit: int) -> list[dict[str, Any]]:
        current = minute_of(now)
        mark = self.sweeps.find_one({"_id": partition})
        fields = {"org_id": 1, "member_id": 1, "next_eval_at": 1}
        if mark is None or current - mark["minute"] > CATCH_UP:
            # read the partition whole once (MongoDB: from its (partition, next_eval_at) index)
            due = list(self.coll.find({"partition": partition, "next_eval_at": {"$lte": now}}, fields)
                       .sort("next_eval_at", 1).limit(limit))
            oldest = minute_of(due[0]["next_eval_at"]) if due else current
            self._move_watermark(partition, min(oldest, current - SKEW))
            return due
        due, empty_until = [], None
        for minute in range(min(mark["minute"], current), current + 1):
            found = [d for d in self.coll.find({"slot": f"{partition}:{minute}"}, fields) if d["next_eval_at"] <= now]
            if found or minute >= current - SKEW:
                empty_until = minute if empty_until is None else empty_until
            due += found
            if len(due) >= limit:
                break
        if empty_until is not None and empty_until > mark["minute"]:
            self._move_watermark(partition, empty_until)
        due.sort(key=lambda d: d["next_eval_at"])
        return due[:limit]

    def give_slots(self, now: datetime) -> int:
        """Clocks written before slots existed get theirs (once per database: a worker does it
        at start-up, then records that it is done). Returns how many were given one."""
        if self.sweeps.find_one({"_id": SLOTS_GIVEN}) is not None:
            return 0
        given = 0
        for old in self.coll.find({"slot": {"$exists": False}, "partition": {"$exists": True}},
                                  {"partition": 1, "next_eval_at": 1}):
            at = old.get("next_eval_at") or now
            given += self.coll.update_one({"_id": old["_id"], "slot": {"$exists": False}},
                                          {"$set": {"slot": slot(old["partition"], at)}}).modified_count
        self.sweeps.update_one({"_id": SLOTS_GIVEN}, {"$set": {"at": now}}, upsert=True)
        return given

    def _move_watermark(self, partition: int, minute: int) -> None:
        self.sweeps.update_one({"_id": partition}, {"$set": {"minute": minute}}, upsert=True)

    def claim(self, key: str, now: datetime, owner: str, lease: timedelta) -> dict[str, Any] | None:
        return self.coll.find_one_and_update(
            {"_id": key, "next_eval_at": {"$lte": now},
             "$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}]},
            {"$set": {"lease_owner": owner, "lease_until": now + lease}},
            return_document=ReturnDocument.AFTER)

    def release(self, key: str, owner: str, seq: int, next_at: datetime, partition: int, **fields: Any) -> bool:
        """Set the next evaluation, unless a change arrived meanwhile (then it stays due)."""
        unset = {"lease_owner": "", "lease_until": ""}
        next_at = next_at or FAR_FUTURE
        done = self.coll.update_one({"_id": key, "lease_owner": owner, "seq": seq},
                                    {"$set": {"next_eval_at": next_at, "slot": slot(partition, next_at), **fields},
                                     "$unset": unset})
        if done.modified_count:
            return True
        self.coll.update_one({"_id": key, "lease_owner": owner},
                             {"$unset": unset, **({"$set": fields} if fields else {})})
        return False

    def wake(self, org_id: str, member_id: str, at: datetime) -> None:
        """The API changed something (feedback, a snooze): evaluate no later than `at`."""
        key, moved = member_key(org_id, member_id), {"slot": slot(partition_for(member_id, self.partitions), at)}
        done = self.coll.update_one({"_id": key, "next_eval_at": {"$gt": at}},
                                    {"$set": {"next_eval_at": at, **moved}, "$inc": {"seq": 1}})
        if not done.matched_count:  # due already by then (or not known): only the sequence moves
            self.coll.update_one({"_id": key}, {"$inc": {"seq": 1}})

    def clock(self, org_id: str, member_id: str) -> dict[str, Any] | None:
        return self.coll.find_one({"_id": member_key(org_id, member_id)})
