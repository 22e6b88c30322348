"""The goals service: goals, the plan, objectives and reviews."""
from __future__ import annotations

import builtins
from collections.abc import Iterator

from .._generated.goals import models as m
from .._generated.goals.api.goals import (
    delete_v1_goals_goal_id, get_v1_goals, get_v1_goals_goal_id, get_v1_goals_goal_id_coverage, patch_v1_goals_goal_id,
    post_v1_goals, post_v1_goals_goal_id_change_direction)
from .._generated.goals.api.objectives import (
    delete_v1_objectives_objective_id, get_v1_objectives, get_v1_objectives_objective_id, get_v1_objectives_proposals,
    patch_v1_objectives_objective_id, post_v1_objectives)
from .._generated.goals.api.plan import (
    get_v1_plan, get_v1_plan_questionnaire, get_v1_plan_suggestions, post_v1_plan_questionnaire,
    post_v1_plan_suggestions_suggestion_id_accept, post_v1_plan_suggestions_suggestion_id_decline, put_v1_plan)
from .._generated.goals.api.reviews import get_v1_reviews_quarterly, get_v1_reviews_weekly
from ._base import Body, Caller, Group, body, enum, given, items


class Goals(Group):
    """`/v1/goals`"""

    def list(self, *, page_size: int | None = None) -> Iterator[m.GoalOut]:
        return self._caller.pages(get_v1_goals, m.GoalOut, page_size=page_size)

    def get(self, goal_id: str) -> m.GoalOut:
        return self._caller.call(get_v1_goals_goal_id, goal_id)

    def create(self, goal: m.GoalIn | Body) -> m.GoalOut:
        return self._caller.call(post_v1_goals, body=body(goal))

    def patch(self, goal_id: str, changes: m.GoalPatch | Body) -> m.GoalOut:
        return self._caller.call(patch_v1_goals_goal_id, goal_id, body=body(changes))

    def delete(self, goal_id: str) -> None:
        self._caller.call(delete_v1_goals_goal_id, goal_id)

    def coverage(self, goal_id: str) -> m.CoverageOut:
        return self._caller.call(get_v1_goals_goal_id_coverage, goal_id)

    def change_direction(self, goal_id: str, direction: m.DirectionIn | Body) -> m.DirectionOut:
        return self._caller.call(post_v1_goals_goal_id_change_direction, goal_id, body=body(direction))


class Suggestions(Group):
    """`/v1/plan/suggestions`"""

    def list(self, *, status: str | None = None) -> builtins.list[m.SuggestionOut]:
        return items(self._caller.call(
            get_v1_plan_suggestions, **given(status=enum(m.GetV1PlanSuggestionsStatus, status))))

    def accept(self, suggestion_id: str) -> m.AcceptedOut:
        return self._caller.call(post_v1_plan_suggestions_suggestion_id_accept, suggestion_id)

    def decline(self, suggestion_id: str) -> m.SuggestionOut:
        return self._caller.call(post_v1_plan_suggestions_suggestion_id_decline, suggestion_id)


class Plan(Group):
    """`/v1/plan`: the member's plan, its questionnaire and the suggestions made from it."""

    def __init__(self, caller: Caller):
        super().__init__(caller)
        self.suggestions = Suggestions(caller)

    def get(self) -> m.PlanOut:
        return self._caller.call(get_v1_plan)

    def put(self, plan: m.PlanIn | Body) -> m.PlanOut:
        return self._caller.call(put_v1_plan, body=body(plan))

    def questionnaire(self) -> m.QuestionnaireOut:
        return self._caller.call(get_v1_plan_questionnaire)

    def answer_questionnaire(self, answers: m.QuestionnaireIn | Body) -> m.PlanOut:
        return self._caller.call(post_v1_plan_questionnaire, body=body(answers))


class Objectives(Group):
    """`/v1/objectives`"""

    def list(self, *, page_size: int | None = None) -> Iterator[m.ObjectiveOut]:
        return self._caller.pages(get_v1_objectives, m.ObjectiveOut, page_size=page_size)

    def get(self, objective_id: str) -> m.ObjectiveOut:
        return self._caller.call(get_v1_objectives_objective_id, objective_id)

    def create(self, objective: m.ObjectiveIn | Body) -> m.ObjectiveOut:
        return self._caller.call(post_v1_objectives, body=body(objective))

    def patch(self, objective_id: str, changes: m.ObjectivePatch | Body) -> m.ObjectiveOut:
        return self._caller.call(patch_v1_objectives_objective_id, objective_id, body=body(changes))

    def delete(self, objective_id: str) -> None:
        self._caller.call(delete_v1_objectives_objective_id, objective_id)

    def proposals(self) -> builtins.list[m.ProposalOut]:
        return items(self._caller.call(get_v1_objectives_proposals))


class Reviews(Group):
    """`/v1/reviews`"""

    def weekly(self, week: str | None = None) -> m.ReviewOut:
        return self._caller.call(get_v1_reviews_weekly, **given(week=week))

    def quarterly(self, quarter: str | None = None) -> m.QuarterlyReviewOut:
        return self._caller.call(get_v1_reviews_quarterly, **given(quarter=quarter))
