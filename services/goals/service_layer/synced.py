"""The collections of the `goals` sync scope as sync reads and writes them (service_layer/sync.py
decides; these store): goals with their milestones, networking objectives, the plan. Each
validates with the REST schemas and writes through the REST use cases, with the mutation's
memory in the same write, so a change made offline follows every rule a change made online does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import Schema

from shared.db import Scope
from shared.errors import Invalid
from shared.versions import moved

from ..adapters.objectives import MongoObjectiveStore
from ..adapters.store import IdTaken, MongoGoalStore
from ..domain.goals import SYNCED_FIELDS, changed
from ..domain.objectives import SYNCED_FIELDS as OBJECTIVE_FIELDS
from ..domain.plan import PLAN_FIELDS, plan_with_defaults
from ..objectives_schemas import ObjectiveIn, ObjectiveOut, ObjectivePatch
from ..schemas import GoalIn, GoalOut, GoalPatch, PlanIn, SyncPlanOut
from .goals import Goals
from .objectives import Objectives
from .planning import Planning
from .sync import MEMORY


@dataclass
class SyncedGoals:
    """Goals with their milestones: the REST schemas and use cases, written with the mutation's memory."""

    goals: Goals
    store: MongoGoalStore
    name: str = "goals"
    deletable: bool = True
    creating: Schema = GoalIn()
    editing: Schema = GoalPatch()

    def get(self, scope: Scope, record_id: str) -> dict[str, Any] | None:
        return self.store.goal_or_tombstone(scope, record_id)

    def create(self, scope, record_id, fields, memory, correlation_id):
        return self.goals.create_goal(scope, fields, correlation_id, goal_id=record_id, extra={MEMORY: memory})

    def edit(self, doc, fields):
        new = changed(doc, fields, self.goals.clock())
        return new, moved(doc, new, SYNCED_FIELDS)

    def write(self, scope, doc, new, correlation_id):
        return self.goals.write_change(scope, doc, new, correlation_id)

    def delete(self, scope, doc, memory, correlation_id):
        return self.goals.write_delete(scope, doc, {MEMORY: memory}, correlation_id)

    def changed_since(self, scope, query, limit):
        return self.store.changed_goals(scope, query, limit)

    def out(self, doc):
        return GoalOut().dump(doc)


@dataclass
class SyncedObjectives:
    """Networking objectives: the REST schemas and use cases (progress is not synced: it moves with
    the network, not with the record; GET /v1/objectives computes it)."""

    objectives: Objectives
    store: MongoObjectiveStore
    name: str = "objectives"
    deletable: bool = True
    creating: Schema = ObjectiveIn()
    editing: Schema = ObjectivePatch()

    def get(self, scope, record_id):
        return self.store.get_or_tombstone(scope, record_id)

    def create(self, scope, record_id, fields, memory, correlation_id):
        return self.objectives.create(scope, fields, correlation_id, objective_id=record_id, extra={MEMORY: memory})

    def edit(self, doc, fields):
        new = self.objectives.changed(doc, fields)
        return new, moved(doc, new, OBJECTIVE_FIELDS)

    def write(self, scope, doc, new, correlation_id):
        return self.objectives.write_change(scope, doc, new, correlation_id)

    def delete(self, scope, doc, memory, correlation_id):
        return self.objectives.write_delete(scope, doc, {MEMORY: memory}, correlation_id)

    def changed_since(self, scope, query, limit):
        return self.store.changed_since(scope, query, limit)

    def out(self, doc):
        return ObjectiveOut().dump(doc)


@dataclass
class SyncedPlan:
    """The plan: one record per member, its id the member's id; created by the first upsert
    (`style` required, as PUT /v1/plan), edited field by field, never deleted."""

    planning: Planning
    store: MongoGoalStore
    name: str = "plan"
    deletable: bool = False
    creating: Schema = PlanIn()
    editing: Schema = PlanIn(partial=True)

    def get(self, scope, record_id):
        return self.store.plan(scope) if record_id == scope.member_id else None

    def create(self, scope, record_id, fields, memory, correlation_id):
        if record_id != scope.member_id:
            raise Invalid("the plan's id is the member's id", errors={"id": [f"must be {scope.member_id}"]})
        written = self.planning.write_plan(scope, None, plan_with_defaults(fields), {MEMORY: memory}, correlation_id)
        if written is None:
            raise IdTaken()  # another device set the plan first: decided again, as an edit
        return written

    def edit(self, doc, fields):
        plan = {**self.planning.fields_of(doc), **fields}
        return plan, moved(doc, plan, PLAN_FIELDS)

    def write(self, scope, doc, new, correlation_id):
        plan = {k: v for k, v in new.items() if k != MEMORY}
        return self.planning.write_plan(scope, doc, plan, {MEMORY: new[MEMORY]}, correlation_id)

    def delete(self, scope, doc, memory, correlation_id):  # never called: not deletable
        raise AssertionError("the plan is not deletable")

    def changed_since(self, scope, query, limit):
        return self.store.changed_plans(scope, query, limit)

    def out(self, doc):
        return SyncPlanOut().dump(self.planning.shown(doc))
