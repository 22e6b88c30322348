"""Use cases of the goals service: goals with their milestones (the plan's are in planning.py).

Each loads through a `GoalStore` (adapters/store.py), decides with the domain's rules, makes
one conditional write with its events, and says what went wrong with domain errors
(shared.errors). A write that loses its race is tried again (shared.retry); time comes from
the injected clock.
"""
from __future__ import annotations

from typing import Any

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Conflict, Invalid, not_found
from shared.events import Event, new_event
from shared.retry import until_written

from ..adapters.store import GoalStore, IdTaken
from ..domain.coverage import goal_coverage
from ..domain.goals import (UltimateGoalTaken, changed, deleted, goal_state, new_goal, status_changes,
                            successor_id)
from ..domain.picture import Picture
from .objectives import NetworkSource

SOURCE = "rapport/goals"
ULTIMATE_EXISTS = "ultimate-goal-exists"

class NoNetwork:
    """A member with no network known (use cases that need none, in tests and tools)."""

    def picture(self, scope: Scope) -> Picture:
        return Picture()


NO_NETWORK = NoNetwork()


class Goals:
    def __init__(self, store: GoalStore, clock: Clock = clocks.now, network: NetworkSource = NO_NETWORK):
        self.store = store
        self.clock = clock
        self.network = network  # the member's network from the read model (adapters/network.py)

    def _event(self, type_: str, scope: Scope, data: dict[str, Any], correlation_id: str | None) -> Event:
        return new_event(type_, org_id=scope.org_id, member_id=scope.member_id, data=data, source=SOURCE,
                         correlation_id=correlation_id)

    def create_goal(self, scope: Scope, data: dict[str, Any], correlation_id: str | None = None,
                    goal_id: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new goal (`goal_id`: one a device made up; `extra`: more to store, e.g. sync's memory
        of the mutation); publishes `goal.created`. A second active ultimate goal is a conflict;
        an interim goal's `parent_goal_id` must be one of the member's ultimate goals."""
        self._check_parent(scope, data)
        doc = {**new_goal(data, self.clock(), goal_id=goal_id), **(extra or {})}
        try:
            return self.store.insert_goal(scope, doc, [self._event("goal.created", scope, goal_state(doc),
                                                                   correlation_id)])
        except UltimateGoalTaken:
            raise Conflict("there is already an active ultimate goal; archive it before setting a new one "
                           "(or change direction: POST /v1/goals/{id}/change-direction)",
                           slug=ULTIMATE_EXISTS) from None

    def _check_parent(self, scope: Scope, data: dict[str, Any]) -> None:
        parent_id = data.get("parent_goal_id")
        if not parent_id:
            return
        if data.get("horizon", "interim") != "interim":
            raise Invalid("only an interim goal hangs off another goal",
                          errors={"parent_goal_id": ["only for interim goals"]})
        parent = self.store.goal(scope, parent_id)
        if parent is None or parent["horizon"] != "ultimate":
            raise Invalid("the parent goal must be one of your ultimate goals",
                          errors={"parent_goal_id": ["no such ultimate goal"]})

    def list_goals(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        return self.store.page(scope, limit, cursor)

    def get_goal(self, scope: Scope, goal_id: str) -> dict[str, Any]:
        doc = self.store.goal(scope, goal_id)
        if doc is None:
            raise not_found("goal")
        return doc

    def update_goal(self, scope: Scope, goal_id: str, changes: dict[str, Any],
                    correlation_id: str | None = None) -> dict[str, Any]:
        """Change a goal; publishes `goal.updated`. Re-activating an ultimate goal while another
        is active is a conflict."""
        if "parent_goal_id" in changes:
            self._check_parent(scope, {"horizon": self.get_goal(scope, goal_id)["horizon"], **changes})

        def attempt():
            doc = self.get_goal(scope, goal_id)
            return self.write_change(scope, doc, changed(doc, changes, self.clock()), correlation_id)
        return until_written(attempt, detail="the goal is changing too fast; try again")

    def write_change(self, scope: Scope, doc: dict[str, Any], new: dict[str, Any],
                      correlation_id: str | None) -> dict[str, Any] | None:
        """One conditional write of `new` over `doc`: `goal.updated`, and `milestone.status_changed`
        for each milestone that moved. None when it lost its race."""
        version = doc["version"] + 1
        events = [self._event("goal.updated", scope, goal_state({**doc, **new, "version": version}), correlation_id)]
        events += [self._event("milestone.status_changed", scope, {"goal_id": doc["_id"], "version": version, **moved},
                               correlation_id)
                   for moved in status_changes(doc.get("milestones", []), new.get("milestones", doc["milestones"]))]
        try:
            return self.store.update_goal(scope, doc["_id"], doc["version"], events, new)
        except UltimateGoalTaken:
            raise Conflict("another ultimate goal is active; archive it first", slug=ULTIMATE_EXISTS) from None

    def change_direction(self, scope: Scope, goal_id: str, data: dict[str, Any],
                         correlation_id: str | None = None) -> dict[str, Any]:
        """Archive the active ultimate goal `goal_id` and set `data` as the new ultimate goal, which
        names it (`previous_goal_id`); the old one names its successor (`replaced_by`). Contacts,
        interactions and the old goal stay. Safe to retry: the successor's id is fixed by the
        archived goal, so a retry after a failure between the two writes completes the change."""
        def archive():
            doc = self.get_goal(scope, goal_id)
            if doc.get("replaced_by"):
                return doc  # archived by an earlier attempt of this change
            if doc["horizon"] != "ultimate" or doc["status"] != "active":
                raise Conflict("only the active ultimate goal can change direction", slug="not-active-ultimate")
            new = changed(doc, {"status": "archived"}, self.clock())
            return self.write_change(scope, doc, {**new, "replaced_by": successor_id(doc)}, correlation_id)
        old = until_written(archive, detail="the goal is changing too fast; try again")
        existing = self.store.goal(scope, old["replaced_by"])
        if existing is None:
            try:
                existing = self.create_goal(scope, {**data, "horizon": "ultimate", "previous_goal_id": goal_id},
                                            correlation_id, goal_id=old["replaced_by"])
            except (Conflict, IdTaken):  # a retry racing this one set it first, or another goal is active
                existing = self.store.goal(scope, old["replaced_by"])
                if existing is None:
                    raise
        return {"previous": old, "goal": existing, "coverage": self.coverage(scope, existing["_id"])}

    def coverage(self, scope: Scope, goal_id: str) -> dict[str, Any]:
        """Who in the member's network covers each need of the goal's milestones, how strongly,
        and what is missing (domain/coverage.py), as of now."""
        return goal_coverage(self.get_goal(scope, goal_id), self.network.picture(scope), self.clock())

    def delete_goal(self, scope: Scope, goal_id: str, correlation_id: str | None = None) -> None:
        """Delete a goal (a tombstone); publishes `goal.deleted`."""
        until_written(lambda: self.write_delete(scope, self.get_goal(scope, goal_id), None, correlation_id),
                      detail="the goal is changing too fast; try again")

    def write_delete(self, scope: Scope, doc: dict[str, Any], extra: dict[str, Any] | None,
                     correlation_id: str | None) -> dict[str, Any] | None:
        """One conditional write turning `doc` into a tombstone; None when it lost its race."""
        event = self._event("goal.deleted", scope, {"goal_id": doc["_id"], "version": doc["version"] + 1},
                            correlation_id)
        return self.store.update_goal(scope, doc["_id"], doc["version"], [event],
                                      {**deleted(doc, self.clock()), **(extra or {})})
