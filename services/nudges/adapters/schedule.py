"""When each member's rules run next, and which worker runs them.

A member's clock document records the partition their events live on (murmur2 of the
member id, as Kafka's default partitioner computes it), the next evaluation time, a
sequence bumped by every change, and a short lease. A worker's tick only looks at members
of partitions it owns; the lease keeps two workers overlapping during a rebalance from
evaluating one member at the same moment, and the sequence tells an evaluation that a
newer event arrived meanwhile (so the member stays due). Nothing lives in a worker's
memory: when one dies, the next owner of its partitions finds every due member here.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Iterable

from kafka.partitioner.default import murmur2
from pymongo import ReturnDocument
from pymongo.collection import Collection

from shared.guard import Guarded

from ..domain.engine import FAR_FUTURE


def member_key(org_id: str, member_id: str) -> str:
    return f"{org_id}|{member_id}"


def partition_for(key: str, partitions: int) -> int:
    """Kafka's default partitioner (murmur2, positive, modulo), for a UTF-8 key."""
    return (murmur2(key.encode()) & 0x7FFFFFFF) % partitions


class MemberSchedule:
    def __init__(self, collection: Collection, partitions: int):
        self.coll = Guarded(collection)  # the lease and the sequence are compare-and-swap
        self.partitions = partitions

    def touch(self, org_id: str, member_id: str, at: datetime) -> dict[str, Any]:
        """Something changed for this member: evaluate no later than `at`. Returns the clock
        (with `erased` when the member was erased)."""
        return self.coll.find_one_and_update(
            {"_id": member_key(org_id, member_id)},
            {"$setOnInsert": {"org_id": org_id, "member_id": member_id,
                              "partition": partition_for(member_id, self.partitions)},
             "$min": {"next_eval_at": at}, "$inc": {"seq": 1}},
            upsert=True, return_document=ReturnDocument.AFTER)  # (FerretDB: no projection here)

    def mark_erased(self, org_id: str, member_id: str, at: datetime) -> None:
        self.coll.update_one({"_id": member_key(org_id, member_id)},
                             {"$set": {"erased": True, "next_eval_at": at}, "$inc": {"seq": 1}})

    def due(self, partitions: Iterable[int], now: datetime, limit: int) -> list[dict[str, Any]]:
        """The members of these partitions due by `now`, the longest waiting first. One query
        per partition: an equality is answered from the index on every server, where FerretDB
        would decode the whole collection for `$in`."""
        due: list[dict[str, Any]] = []
        for partition in sorted(partitions):
            due += self.coll.find({"partition": partition, "next_eval_at": {"$lte": now}},
                                  {"org_id": 1, "member_id": 1, "next_eval_at": 1}).sort("next_eval_at", 1).limit(limit)
        due.sort(key=lambda d: d["next_eval_at"])
        return due[:limit]

    def claim(self, key: str, now: datetime, owner: str, lease: timedelta) -> dict[str, Any] | None:
        return self.coll.find_one_and_update(
            {"_id": key, "next_eval_at": {"$lte": now},
             "$or": [{"lease_until": None}, {"lease_until": {"$lt": now}}]},
            {"$set": {"lease_owner": owner, "lease_until": now + lease}},
            return_document=ReturnDocument.AFTER)

    def release(self, key: str, owner: str, seq: int, next_at: datetime, **fields: Any) -> bool:
        """Set the next evaluation, unless a change arrived meanwhile (then it stays due)."""
        unset = {"lease_owner": "", "lease_until": ""}
        done = self.coll.update_one({"_id": key, "lease_owner": owner, "seq": seq},
                                    {"$set": {"next_eval_at": next_at or FAR_FUTURE, **fields}, "$unset": unset})
        if done.modified_count:
            return True
        self.coll.update_one({"_id": key, "lease_owner": owner}, {"$unset": unset, **({"$set": fields} if fields else {})})
        return False

    def wake(self, org_id: str, member_id: str, at: datetime) -> None:
        """The API changed something (feedback, a snooze): evaluate no later than `at`."""
        self.coll.update_one({"_id": member_key(org_id, member_id)}, {"$min": {"next_eval_at": at}, "$inc": {"seq": 1}})

    def clock(self, org_id: str, member_id: str) -> dict[str, Any] | None:
        return self.coll.find_one({"_id": member_key(org_id, member_id)})
