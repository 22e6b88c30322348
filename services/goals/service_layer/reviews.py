"""Use cases of the weekly and quarterly reviews: the period asked for (or the default: the
last full ISO week, the current quarter so far), the member's network, plan, active goals and
objectives loaded, the review computed by domain/reviews.py. A malformed period, or one not
begun yet, is invalid input. Time comes from the injected clock.
"""
from __future__ import annotations

from typing import Any

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Invalid

from ..adapters.objectives import ObjectiveStore
from ..adapters.store import GoalStore
from ..domain import reviews as rules
from ..domain.picture import Picture
from ..domain.plan import plan_with_defaults
from .objectives import NetworkSource

GOAL_PAGE = 200


class Reviews:
    def __init__(self, objectives: ObjectiveStore, goals: GoalStore, network: NetworkSource,
                 clock: Clock = clocks.now):
        self.objectives = objectives
        self.goals = goals
        self.network = network
        self.clock = clock

    def _goals(self, scope: Scope) -> list[dict[str, Any]]:
        out, cursor = [], None
        while True:
            page, cursor = self.goals.page(scope, GOAL_PAGE, cursor)
            out += [g for g in page if g.get("status") == "active"]
            if cursor is None:
                return out

    def _inputs(self, scope: Scope) -> tuple[Picture, dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        plan = self.goals.plan(scope) or plan_with_defaults({})
        return self.network.picture(scope), plan, self._goals(scope), self.objectives.all(scope)

    def weekly(self, scope: Scope, week: str | None = None) -> dict[str, Any]:
        now = self.clock()
        try:
            period = rules.parse_week(week or rules.last_full_week(now), now)
        except ValueError as exc:
            raise Invalid("not a week to review", errors={"week": [str(exc)]}) from None
        return rules.review(*self._inputs(scope), period, now)

    def quarterly(self, scope: Scope, quarter: str | None = None) -> dict[str, Any]:
        now = self.clock()
        try:
            period = rules.parse_quarter(quarter or rules.current_quarter(now), now)
        except ValueError as exc:
            raise Invalid("not a quarter to review", errors={"quarter": [str(exc)]}) from None
        return rules.quarterly(*self._inputs(scope), period, now)
