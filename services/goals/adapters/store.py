"""Where goals and plans are kept: `MongoGoalStore` (MongoDB or FerretDB, every query scoped
to one member) and `InMemoryGoalStore`, the same semantics for use-case tests without a server.

Writes go through `shared.outbox` (state and events in one document write); changes are
compare-and-swap on `version`: a lost race returns None and the use case tries again
(shared.retry). A second active ultimate goal is refused by the store itself
(`UltimateGoalTaken`, from the unique `ultimate_key` index; see domain/goals.py).
"""
from __future__ import annotations

import copy
from typing import Iterable, Protocol, TypeVar

from pymongo.errors import DuplicateKeyError

from shared import outbox, pagination
from shared.db import Scope, Scoped
from shared.events import Event
from shared.retry import LosesRaces

from ..domain.goals import UltimateGoalTaken
from .documents import Goal, Plan

LIVE = {"deleted": {"$ne": True}}
PUBLIC = {"outbox": 0}


class IdTaken(Exception):
    """A goal has this id already (a device's made-up id: this member's, or another's)."""


class GoalStore(Protocol):
    def insert_goal(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict: ...
    def goal(self, scope: Scope, goal_id: str) -> dict | None: ...
    def goal_or_tombstone(self, scope: Scope, goal_id: str) -> dict | None: ...
    def page(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]: ...
    def update_goal(self, scope: Scope, goal_id: str, version: int, events: Iterable[Event],
                    changes: dict) -> dict | None: ...
    def plan(self, scope: Scope) -> dict | None: ...
    def insert_plan(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict | None: ...
    def update_plan(self, scope: Scope, version: int, events: Iterable[Event], changes: dict) -> dict | None: ...


class MongoGoalStore:
    def _goals(self, scope: Scope) -> Scoped:
        return Scoped(Goal._get_collection(), scope)

    def _plans(self, scope: Scope) -> Scoped:
        return Scoped(Plan._get_collection(), scope)

    def insert_goal(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict:
        """The goal inserted; `UltimateGoalTaken` for a second active ultimate goal, `IdTaken`
        when a goal (this member's or another's) has the id already (ids a device made up)."""
        try:
            return without_outbox(outbox.insert(self._goals(scope), doc, events))
        except DuplicateKeyError:
            if Goal._get_collection().find_one({"_id": doc["_id"]}, {"_id": 1}) is not None:
                raise IdTaken() from None
            raise UltimateGoalTaken() from None

    def goal(self, scope: Scope, goal_id: str) -> dict | None:
        return self._goals(scope).find_one({"_id": goal_id, **LIVE}, PUBLIC)

    def goal_or_tombstone(self, scope: Scope, goal_id: str) -> dict | None:
        return self._goals(scope).find_one({"_id": goal_id}, PUBLIC)

    def changed_goals(self, scope: Scope, query: dict, limit: int) -> list[dict]:
        """Goals and tombstones matching `query`, in write order (`updated_at`, then id)."""
        return list(self._goals(scope).find(query, PUBLIC).sort([("updated_at", 1), ("_id", 1)]).limit(limit))

    def page(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        return pagination.page_by_id(self._goals(scope), LIVE, limit, cursor, PUBLIC)

    def update_goal(self, scope: Scope, goal_id: str, version: int, events: Iterable[Event],
                    changes: dict) -> dict | None:
        try:
            return without_outbox(outbox.update(self._goals(scope), {"_id": goal_id}, version, events, set=changes))
        except DuplicateKeyError:
            raise UltimateGoalTaken() from None

    def plan(self, scope: Scope) -> dict | None:
        return self._plans(scope).find_one({"_id": scope.member_id}, PUBLIC)

    def changed_plans(self, scope: Scope, query: dict, limit: int) -> list[dict]:
        """The member's plan if it matches `query` (sync's pull: one record per member)."""
        return list(self._plans(scope).find(query, PUBLIC).sort([("updated_at", 1), ("_id", 1)]).limit(limit))

    def members_with_plans(self, after: str | None, limit: int) -> list[Scope]:
        """The members who set a plan, in (org, member) order after `after` ("org|member"): the
        follower's upkeep sweeps them (each one's own data is then read scoped to them)."""
        query: dict = {}
        if after:
            org, _, member = after.partition("|")
            query = {"$or": [{"org_id": {"$gt": org}}, {"org_id": org, "member_id": {"$gt": member}}]}
        found = Plan._get_collection().find(query, {"org_id": 1, "member_id": 1}).sort(
            [("org_id", 1), ("member_id", 1)]).limit(limit)
        return [Scope(d["org_id"], d["member_id"]) for d in found]

    def insert_plan(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict | None:
        """None when the member's plan exists already (another request made it first)."""
        try:
            return without_outbox(outbox.insert(self._plans(scope), {"_id": scope.member_id, **doc}, events))
        except DuplicateKeyError:
            return None

    def update_plan(self, scope: Scope, version: int, events: Iterable[Event], changes: dict) -> dict | None:
        return without_outbox(outbox.update(self._plans(scope), {"_id": scope.member_id}, version, events, set=changes))


_Doc = TypeVar("_Doc", bound=dict | None)


def without_outbox(doc: _Doc) -> _Doc:
    """The document without its outbox (None stays None: no write happened)."""
    if doc is not None:
        doc.pop("outbox", None)
    return doc


class InMemoryGoalStore(LosesRaces):
    """The same store in dictionaries: scoped by member, versions compared, one active
    ultimate goal per member; `lose_races` makes the next N conditional writes lose."""

    def __init__(self) -> None:
        self.goals: dict[tuple[str, str, str], dict] = {}
        self.plans: dict[tuple[str, str], dict] = {}
        self.events: list[Event] = []

    def _check_ultimate(self, scope: Scope, doc: dict) -> None:
        for (org, member, gid), other in self.goals.items():
            if (org, member) == (scope.org_id, scope.member_id) and gid != doc["_id"] \
                    and other["ultimate_key"] == doc["ultimate_key"]:
                raise UltimateGoalTaken()

    def insert_goal(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict:
        doc = {**copy.deepcopy(doc), "version": 1, "org_id": scope.org_id, "member_id": scope.member_id}
        if any(gid == doc["_id"] for (_, _, gid) in self.goals):
            raise IdTaken()
        self._check_ultimate(scope, doc)
        self.goals[(scope.org_id, scope.member_id, doc["_id"])] = doc
        self.events += list(events)
        return copy.deepcopy(doc)

    def goal(self, scope: Scope, goal_id: str) -> dict | None:
        doc = self.goals.get((scope.org_id, scope.member_id, goal_id))
        return None if doc is None or doc.get("deleted") else copy.deepcopy(doc)

    def goal_or_tombstone(self, scope: Scope, goal_id: str) -> dict | None:
        return copy.deepcopy(self.goals.get((scope.org_id, scope.member_id, goal_id)))

    def page(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        after = pagination.decode(cursor, 1)
        live = sorted((d for (o, m, _), d in self.goals.items()
                       if (o, m) == (scope.org_id, scope.member_id) and not d.get("deleted")
                       and (after is None or d["_id"] > after[0])), key=lambda d: d["_id"])
        more = len(live) > limit
        return [copy.deepcopy(d) for d in live[:limit]], pagination.encode([live[limit - 1]["_id"]]) if more else None

    def update_goal(self, scope: Scope, goal_id: str, version: int, events: Iterable[Event],
                    changes: dict) -> dict | None:
        key = (scope.org_id, scope.member_id, goal_id)
        doc = self.goals.get(key)
        if doc is None or doc["version"] != version or self.lost_race():
            return None
        new = {**doc, **copy.deepcopy(changes), "version": version + 1}
        self._check_ultimate(scope, new)
        self.goals[key] = new
        self.events += list(events)
        return copy.deepcopy(new)

    def plan(self, scope: Scope) -> dict | None:
        doc = self.plans.get((scope.org_id, scope.member_id))
        return copy.deepcopy(doc) if doc else None

    def insert_plan(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict | None:
        key = (scope.org_id, scope.member_id)
        if key in self.plans or self.lost_race():
            return None
        self.plans[key] = {"_id": scope.member_id, **copy.deepcopy(doc), "version": 1}
        self.events += list(events)
        return copy.deepcopy(self.plans[key])

    def update_plan(self, scope: Scope, version: int, events: Iterable[Event], changes: dict) -> dict | None:
        key = (scope.org_id, scope.member_id)
        doc = self.plans.get(key)
        if doc is None or doc["version"] != version or self.lost_race():
            return None
        self.plans[key] = {**doc, **copy.deepcopy(changes), "version": version + 1}
        self.events += list(events)
        return copy.deepcopy(self.plans[key])

