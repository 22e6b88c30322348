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
from shared.errors import Conflict, not_found
from shared.events import new_event
from shared.retry import until_written

from ..adapters.store import GoalStore
from ..domain.goals import UltimateGoalTaken, changed, deleted, goal_state, new_goal

SOURCE = "rapport/goals"
ULTIMATE_EXISTS = "ultimate-goal-exists"


class Goals:
    def __init__(self, store: GoalStore, clock: Clock = clocks.now):
        self.store = store
        self.clock = clock

    def create_goal(self, scope: Scope, data: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
        """A new goal; publishes `goal.created`. A second active ultimate goal is a conflict."""
        doc = new_goal(data, self.clock())
        event = new_event("goal.created", org_id=scope.org_id, member_id=scope.member_id, data=goal_state(doc),
                          source=SOURCE, correlation_id=correlation_id)
        try:
            return self.store.insert_goal(scope, doc, [event])
        except UltimateGoalTaken:
            raise Conflict("there is already an active ultimate goal; archive it before setting a new one",
                           slug=ULTIMATE_EXISTS) from None

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
        def attempt():
            doc = self.get_goal(scope, goal_id)
            new = changed(doc, changes, self.clock())
            state = goal_state({**doc, **new, "version": doc["version"] + 1})
            event = new_event("goal.updated", org_id=scope.org_id, member_id=scope.member_id, data=state,
                              source=SOURCE, correlation_id=correlation_id)
            try:
                return self.store.update_goal(scope, goal_id, doc["version"], [event], new)
            except UltimateGoalTaken:
                raise Conflict("another ultimate goal is active; archive it first", slug=ULTIMATE_EXISTS) from None
        return until_written(attempt, detail="the goal is changing too fast; try again")

    def delete_goal(self, scope: Scope, goal_id: str, correlation_id: str | None = None) -> None:
        """Delete a goal (a tombstone); publishes `goal.deleted`."""
        def attempt():
            doc = self.get_goal(scope, goal_id)
            event = new_event("goal.deleted", org_id=scope.org_id, member_id=scope.member_id,
                              data={"goal_id": goal_id, "version": doc["version"] + 1}, source=SOURCE,
                              correlation_id=correlation_id)
            return self.store.update_goal(scope, goal_id, doc["version"], [event], deleted(doc, self.clock()))
        until_written(attempt, detail="the goal is changing too fast; try again")
