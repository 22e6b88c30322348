"""Use cases of networking objectives: set, list, change and delete them (each returned with
its progress, computed from the member's network at read time), propose the first one from the
plan's offers, and `refresh`: mark the objectives whose progress reached the target as met
(and those past their due day, not met, as missed).

Each write is one conditional write with its `objective.*` event (adapters/objectives.py); a
lost race is tried again (shared.retry). A goal or milestone an objective names must be one of
the member's (the goals store says). Time comes from the injected clock.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Invalid, not_found
from shared.events import new_event
from shared.retry import until_written
from shared.versions import with_field_versions

from ..adapters.objectives import ObjectiveStore
from ..adapters.store import GoalStore
from ..domain import objectives as rules
from ..domain.picture import Picture
from ..domain.plan import plan_with_defaults

SOURCE = "rapport/goals"
RACE = "the objective is changing too fast; try again"


class NetworkSource(Protocol):
    """The member's network (the goals read model), as a Picture."""

    def picture(self, scope: Scope) -> Picture: ...


class Objectives:
    def __init__(self, store: ObjectiveStore, goals: GoalStore, network: NetworkSource, clock: Clock = clocks.now):
        self.store = store
        self.goals = goals
        self.network = network
        self.clock = clock

    def _with_progress(self, docs: list[dict], picture: Picture, now: datetime) -> list[dict]:
        return [{**d, "progress": rules.progress(d, picture, now)} for d in docs]

    def _event(self, type_: str, scope: Scope, data: dict, correlation_id: str | None):
        return new_event(type_, org_id=scope.org_id, member_id=scope.member_id, data=data, source=SOURCE,
                         correlation_id=correlation_id)

    def _check(self, scope: Scope, doc: dict) -> None:
        """Invalid when the objective breaks a rule or names a goal or milestone not the member's."""
        errors = rules.problems(doc)
        if doc.get("goal_id") and "milestone_id" not in errors:
            goal = self.goals.goal(scope, doc["goal_id"])
            if goal is None:
                errors["goal_id"] = ["no such goal of yours"]
            elif doc.get("milestone_id") and doc["milestone_id"] not in {
                    m.get("milestone_id") for m in goal.get("milestones") or []}:
                errors["milestone_id"] = ["no such milestone of that goal"]
        if errors:
            raise Invalid("the objective is not valid", errors=errors)

    def create(self, scope: Scope, data: dict[str, Any], correlation_id: str | None = None,
               objective_id: str | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new objective (`objective_id`: one a device made up; `extra`: more to store, e.g.
        sync's memory of the mutation); publishes `objective.created`."""
        now = self.clock()
        doc = {**rules.new_objective(data, now), **({"_id": objective_id} if objective_id else {}), **(extra or {})}
        self._check(scope, doc)
        picture = self.network.picture(scope)
        state = rules.objective_state(doc, rules.progress(doc, picture, now))
        written = self.store.insert(scope, doc, [self._event("objective.created", scope, state, correlation_id)])
        return self._with_progress([written], picture, now)[0]

    def list_objectives(self, scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        items, next_cursor = self.store.page(scope, limit, cursor)
        return self._with_progress(items, self.network.picture(scope), self.clock()), next_cursor

    def _doc(self, scope: Scope, objective_id: str) -> dict[str, Any]:
        doc = self.store.get(scope, objective_id)
        if doc is None:
            raise not_found("objective")
        return doc

    def get(self, scope: Scope, objective_id: str) -> dict[str, Any]:
        doc = self._doc(scope, objective_id)
        return self._with_progress([doc], self.network.picture(scope), self.clock())[0]

    def update(self, scope: Scope, objective_id: str, changes: dict[str, Any],
               correlation_id: str | None = None) -> dict[str, Any]:
        """Change an objective; publishes `objective.updated`."""
        picture = self.network.picture(scope)  # one read of the network for every attempt and the answer

        def attempt():
            doc = self._doc(scope, objective_id)
            return self.write_change(scope, doc, self.changed(doc, changes), correlation_id, picture)
        written = until_written(attempt, detail=RACE)
        return self._with_progress([written], picture, self.clock())[0]

    def changed(self, doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        """What to set on `doc` for `changes`, with the version at which each field last changed."""
        return with_field_versions(doc, rules.changed(changes, self.clock()), rules.SYNCED_FIELDS)

    def write_change(self, scope: Scope, doc: dict[str, Any], new: dict[str, Any], correlation_id: str | None,
                     picture: Picture | None = None) -> dict[str, Any] | None:
        """One conditional write of `new` over `doc` with its `objective.updated` (Invalid when
        the result breaks a rule); None when it lost its race. `picture`: the network, if read already."""
        merged = {**doc, **new, "version": doc["version"] + 1}
        self._check(scope, merged)
        picture = picture if picture is not None else self.network.picture(scope)
        state = rules.objective_state(merged, rules.progress(merged, picture, self.clock()))
        return self.store.update(scope, doc["_id"], doc["version"],
                                 [self._event("objective.updated", scope, state, correlation_id)], new)

    def delete(self, scope: Scope, objective_id: str, correlation_id: str | None = None) -> None:
        """Delete an objective (a tombstone); publishes `objective.deleted`."""
        until_written(lambda: self.write_delete(scope, self._doc(scope, objective_id), None, correlation_id),
                      detail=RACE)

    def write_delete(self, scope: Scope, doc: dict[str, Any], extra: dict[str, Any] | None,
                     correlation_id: str | None) -> dict[str, Any] | None:
        """One conditional write turning `doc` into a tombstone; None when it lost its race."""
        event = self._event("objective.deleted", scope, {"objective_id": doc["_id"], "version": doc["version"] + 1},
                            correlation_id)
        return self.store.update(scope, doc["_id"], doc["version"], [event],
                                 {**rules.deleted(self.clock()), **(extra or {})})

    def refresh(self, scope: Scope, now: datetime | None = None, picture: Picture | None = None
                ) -> list[dict[str, Any]]:
        """Move the member's active objectives on at `now`: those whose progress reached the
        target are met (`objective.met`, once), those past their due day unmet are missed
        (`objective.updated`). Returns the objectives it changed. `picture`: the network, if read already."""
        now = now or self.clock()
        picture = picture if picture is not None else self.network.picture(scope)
        moved = []
        for doc in self.store.all(scope):
            if doc.get("status") != "active":
                continue

            def attempt(objective_id=doc["_id"]):
                current = self.store.get(scope, objective_id)
                if current is None:
                    return False
                p = rules.progress(current, picture, now)
                status = rules.outcome(current, p, now)
                if status is None:
                    return False
                new = {"status": status, "updated_at": now, **({"met_at": now} if status == "met" else {})}
                state = rules.objective_state({**current, **new, "version": current["version"] + 1}, p)
                kind = "objective.met" if status == "met" else "objective.updated"
                return self.store.update(scope, objective_id, current["version"],
                                         [self._event(kind, scope, state, None)], new)
            written = until_written(attempt, detail=RACE)
            if isinstance(written, dict):
                moved.append(written)
        return moved

    def proposals(self, scope: Scope) -> list[dict[str, Any]]:
        """The first objective, proposed from the plan's offers and the contacts' needs."""
        plan = self.goals.plan(scope) or plan_with_defaults({})
        return rules.proposals(plan.get("offers") or [], self.network.picture(scope), self.clock().date())
