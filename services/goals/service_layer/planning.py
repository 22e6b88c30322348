"""Use cases of the networking plan: read and set it, set it from the questionnaire, let it
learn from outcomes (suggestions), and accept or decline what it suggests.

The plan changes only when the member says so: `learn` stores proposals, never a plan. Writes
go through the stores with their events (`plan.updated` on the plan, `plan.suggested|
suggestion_accepted|suggestion_declined` on the suggestion); a lost race is tried again
(shared.retry); time comes from the injected clock or the caller's `now`.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Conflict, not_found
from shared.events import new_event
from shared.retry import until_written
from shared.versions import with_field_versions

from ..adapters.store import GoalStore
from ..adapters.suggestions import SuggestionStore
from ..domain.learning import OPEN_FOR, Proposal, applied, propose
from ..domain.picture import Picture
from ..domain.plan import PLAN_FIELDS, plan_fields, plan_with_defaults
from ..domain.questionnaire import QUESTIONS, plan_from_answers

SOURCE = "rapport/goals"
DECIDED = "suggestion-decided"
STATE = ("rule", "status", "changes", "plan_version", "reason", "evidence")


def _state(doc: dict[str, Any]) -> dict[str, Any]:
    return {"suggestion_id": doc["_id"], **{k: doc.get(k) for k in STATE}}


class Planning:
    def __init__(self, plans: GoalStore, suggestions: SuggestionStore, clock: Clock = clocks.now):
        self.plans = plans
        self.suggestions = suggestions
        self.clock = clock

    # the plan

    def get_plan(self, scope: Scope) -> dict[str, Any]:
        """The member's plan; until they set one, their style's defaults (`is_default`). A plan
        stored before channels and commitments existed reads with its style's."""
        doc = self.plans.plan(scope)
        if doc is None:
            return {**plan_with_defaults({}), "version": 0, "is_default": True}
        return self.shown(doc)

    def put_plan(self, scope: Scope, fields: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
        """Replace the plan; fields left out take the style's defaults (and a plan set by hand
        keeps no questionnaire answers). Publishes `plan.updated`."""
        plan = plan_with_defaults(fields)
        return self._write(scope, lambda _: plan, correlation_id)

    def questionnaire(self) -> list[dict[str, Any]]:
        return [q.describe() for q in QUESTIONS]

    def answer(self, scope: Scope, answers: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
        """Set the plan from the questionnaire's (validated) answers; `plan.updated` carries the
        answers and the reasoning."""
        plan = plan_from_answers(answers)
        return self._write(scope, lambda _: plan, correlation_id)

    def _write(self, scope: Scope, make: Callable[[dict[str, Any]], dict[str, Any]],
               correlation_id: str | None) -> dict[str, Any]:
        """Write `make(current plan fields)` as the next version, with its `plan.updated`."""
        def attempt():
            current = self.plans.plan(scope)
            return self.write_plan(scope, current, make(self.fields_of(current)), None, correlation_id)
        return self.shown(until_written(attempt, detail="the plan is changing too fast; try again"))

    @staticmethod
    def fields_of(current: dict[str, Any] | None) -> dict[str, Any]:
        """The plan's fields as they read now (a plan from before a field existed: its style's default)."""
        return plan_with_defaults(plan_fields(current)) if current else plan_with_defaults({})

    @staticmethod
    def shown(doc: dict[str, Any]) -> dict[str, Any]:
        """A stored plan as GET /v1/plan shows it."""
        return {**plan_with_defaults(plan_fields(doc)), "_id": doc["_id"], "version": doc["version"],
                "updated_at": doc["updated_at"], "is_default": False}

    def write_plan(self, scope: Scope, current: dict[str, Any] | None, plan: dict[str, Any],
                   extra: dict[str, Any] | None, correlation_id: str | None) -> dict[str, Any] | None:
        """One conditional write of `plan` over `current` (None: the member has none yet) with its
        `plan.updated` and the version at which each field last changed; None when it lost its race."""
        version = current["version"] + 1 if current else 1
        event = new_event("plan.updated", org_id=scope.org_id, member_id=scope.member_id,
                          data={**plan, "version": version}, source=SOURCE, correlation_id=correlation_id)
        sets = {**with_field_versions(current or {"version": 0}, plan, PLAN_FIELDS), "updated_at": self.clock(),
                **(extra or {})}
        if current is None:
            return self.plans.insert_plan(scope, sets, [event])
        return self.plans.update_plan(scope, current["version"], [event], sets)

    # suggestions

    def learn(self, scope: Scope, picture: Picture, now: datetime) -> int:
        """Store what the outcomes in the member's picture propose (each with `plan.suggested`);
        how many were new. An open suggestion older than four weeks is expired first (it no
        longer blocks its rule)."""
        decided = self.suggestions.all(scope)
        for s in decided:
            if s["status"] == "proposed" and now - _aware(s["created_at"]) >= OPEN_FOR:
                event = new_event("plan.suggestion_expired", org_id=scope.org_id, member_id=scope.member_id,
                                  data=_state({**s, "status": "expired"}), source=SOURCE)
                self.suggestions.update(scope, s["_id"], s["version"], [event],
                                        {"status": "expired", "decided_at": now})
                s["status"] = "expired"
        plan = self.get_plan(scope)
        if plan["is_default"]:
            return 0  # no plan of theirs yet: nothing to adjust (the defaults are no promise they made)
        proposals = propose(plan, picture, now, decided, org_id=scope.org_id, member_id=scope.member_id)
        return self.suggestions.insert_new(scope, [self._stored(scope, p, now) for p in proposals])

    def _stored(self, scope: Scope, p: Proposal, now: datetime) -> tuple[dict, list]:
        doc = {"_id": p.suggestion_id, "rule": p.rule, "status": "proposed", "changes": p.changes,
               "reason": p.reason, "evidence": p.evidence, "plan_version": p.plan_version, "week": p.week,
               "created_at": now}
        return doc, [new_event("plan.suggested", org_id=scope.org_id, member_id=scope.member_id, data=_state(doc),
                               source=SOURCE)]

    def list_suggestions(self, scope: Scope, status: str = "proposed") -> list[dict[str, Any]]:
        return self.suggestions.listed(scope, status)

    def _decide(self, scope: Scope, suggestion_id: str, status: str, event_type: str,
                correlation_id: str | None) -> dict[str, Any]:
        now = self.clock()

        def attempt():
            doc = self.suggestions.get(scope, suggestion_id)
            if doc is None:
                raise not_found("suggestion")
            if doc["status"] != "proposed":
                raise Conflict(f"the suggestion is {doc['status']} already", slug=DECIDED,
                               suggestion_status=doc["status"])
            event = new_event(event_type, org_id=scope.org_id, member_id=scope.member_id,
                              data=_state({**doc, "status": status}), source=SOURCE, correlation_id=correlation_id)
            return self.suggestions.update(scope, suggestion_id, doc["version"], [event],
                                           {"status": status, "decided_at": now})
        return until_written(attempt, detail="the suggestion is changing too fast; try again")

    def accept(self, scope: Scope, suggestion_id: str, correlation_id: str | None = None) -> dict[str, Any]:
        """Accept a proposed suggestion and apply its `changes` to the plan (`plan.updated`,
        version + 1, and `plan.suggestion_accepted`). Should the plan have changed since the
        suggestion's `plan_version`, the changes are still applied on top of the plan as it is
        now: they name only the fields they change. A suggestion not proposed (any more) is a
        conflict, `suggestion-decided`."""
        try:
            suggestion = self._decide(scope, suggestion_id, "accepted", "plan.suggestion_accepted", correlation_id)
        except Conflict:
            unapplied = self._unapplied(scope, suggestion_id)
            if unapplied is None:
                raise
            suggestion = unapplied
        plan = self._write(scope, lambda current: applied(current, suggestion["changes"]), correlation_id)
        return {"suggestion": suggestion, "plan": plan}

    def _unapplied(self, scope: Scope, suggestion_id: str) -> dict[str, Any] | None:
        """An accepted suggestion whose changes are not in the plan: its acceptance was written but
        the plan's write then failed (the store went away). Accepting it again completes it."""
        doc = self.suggestions.get(scope, suggestion_id)
        if doc is None or doc["status"] != "accepted":
            return None
        current = self.get_plan(scope)
        return doc if applied(current, doc["changes"]) != current else None

    def decline(self, scope: Scope, suggestion_id: str, correlation_id: str | None = None) -> dict[str, Any]:
        """Decline a proposed suggestion (`plan.suggestion_declined`); its rule proposes nothing
        for four weeks."""
        return self._decide(scope, suggestion_id, "declined", "plan.suggestion_declined", correlation_id)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)
