"""Events published by the goals service on `rapport.goals.v1`.

- `goal.created|updated|deleted`: the goal with its milestones (state transfer). A relationship
  milestone names the role, organisation and/or sector the member needs to know; a position or
  experience milestone may name the relationships that usually open it (`opened_by`). An interim
  goal hangs off its ultimate goal (`parent_goal_id`); a goal set by a change of direction names
  the goal it replaces (`previous_goal_id`).
- `milestone.status_changed`: one milestone moved (open → done …), beside the `goal.updated` of
  the same write.
- `objective.created|updated|deleted|met`: a networking objective, with its progress when it was
  last computed (`met` once, when progress first reached the target).
- `plan.updated`: the plan (and, from the questionnaire, the answers and the reasoning);
  `plan.suggested`, `plan.suggestion_accepted|declined|expired`: an adjustment the plan proposes
  from outcomes, and the member's decision (or four weeks without one).

Consumers read leniently: every field added after version 1 has a default.
"""
from marshmallow import fields

from ..events import contract
from ..schema import EventSchema

_GOAL = {
    "goal_id": "g-1", "version": 1, "title": "Chief Technology Officer", "horizon": "ultimate",
    "status": "active", "target_date": "2031-01-01",
    "milestones": [
        {"milestone_id": "ms-1", "kind": "relationship", "title": "Know a sitting CTO",
         "role": "CTO", "organisation": None, "status": "open"},
        {"milestone_id": "ms-2", "kind": "position", "title": "Engineering manager",
         "role": None, "organisation": None, "status": "open", "done_when": "Hired as an engineering manager",
         "due_date": "2028-01-01", "opened_by": [{"role": "VP Engineering", "organisation": None, "sector": None}]},
    ],
    "parent_goal_id": None, "previous_goal_id": None,
}


class TargetState(EventSchema):
    role = fields.String(allow_none=True, load_default=None)
    organisation = fields.String(allow_none=True, load_default=None)
    sector = fields.String(allow_none=True, load_default=None)


class MilestoneState(EventSchema):
    milestone_id = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    role = fields.String(allow_none=True, load_default=None)
    organisation = fields.String(allow_none=True, load_default=None)
    sector = fields.String(allow_none=True, load_default=None)
    status = fields.String(load_default="open")
    done_when = fields.String(allow_none=True, load_default=None)
    due_date = fields.String(allow_none=True, load_default=None)
    opened_by = fields.List(fields.Nested(TargetState), load_default=list)


class GoalState(EventSchema):
    goal_id = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    horizon = fields.String(required=True)
    status = fields.String(load_default="active")
    target_date = fields.Date(allow_none=True, load_default=None)
    milestones = fields.List(fields.Nested(MilestoneState), load_default=list)
    parent_goal_id = fields.String(allow_none=True, load_default=None)
    previous_goal_id = fields.String(allow_none=True, load_default=None)


contract("goal.created", 1, _GOAL)(GoalState)


@contract("goal.updated", 1, _GOAL)
class GoalUpdated(GoalState):
    pass


@contract("goal.deleted", 1, {"goal_id": "g-1", "version": 2})
class GoalDeleted(EventSchema):
    goal_id = fields.String(required=True)
    version = fields.Integer(required=True)


@contract("milestone.status_changed", 1, {"goal_id": "g-1", "version": 3, "milestone_id": "ms-1",
                                          "status": "done", "previous_status": "open"})
class MilestoneStatusChanged(EventSchema):
    goal_id = fields.String(required=True)
    version = fields.Integer(required=True)  # the goal's version this change made
    milestone_id = fields.String(required=True)
    status = fields.String(required=True)
    previous_status = fields.String(allow_none=True, load_default=None)


_OBJECTIVE = {"objective_id": "o-1", "version": 1, "title": "Meet two product leaders at fintechs by March",
              "kind": "meet", "target": 2, "per": None, "starts_on": "2026-12-01", "due_date": "2027-03-31",
              "goal_id": "g-1", "milestone_id": "ms-1",
              "criteria": {"role": "product", "organisation": None, "sector": "fintech", "tier": None},
              "status": "active", "progress": {"count": 1, "target": 2, "met": False, "period": None}}


class ObjectiveState(EventSchema):
    objective_id = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    target = fields.Integer(required=True)
    per = fields.String(allow_none=True, load_default=None)  # week | month; None: in total
    starts_on = fields.String(allow_none=True, load_default=None)
    due_date = fields.String(allow_none=True, load_default=None)
    goal_id = fields.String(allow_none=True, load_default=None)
    milestone_id = fields.String(allow_none=True, load_default=None)
    criteria = fields.Dict(load_default=dict)
    status = fields.String(load_default="active")
    progress = fields.Dict(allow_none=True, load_default=None)


contract("objective.created", 1, _OBJECTIVE)(ObjectiveState)


@contract("objective.updated", 1, _OBJECTIVE)
class ObjectiveUpdated(ObjectiveState):
    pass


@contract("objective.met", 1, {**_OBJECTIVE, "status": "met", "progress": {"count": 2, "target": 2, "met": True,
                                                                            "period": None}})
class ObjectiveMet(ObjectiveState):
    pass


@contract("objective.deleted", 1, {"objective_id": "o-1", "version": 2})
class ObjectiveDeleted(EventSchema):
    objective_id = fields.String(required=True)
    version = fields.Integer(required=True)


_SUGGESTION = {"suggestion_id": "s-1", "rule": "too_many_nudges", "status": "proposed",
               "changes": {"max_nudges_per_day": 2}, "plan_version": 3,
               "reason": "You dismissed 4 nudges as too many in the last four weeks.",
               "evidence": {"dismissed_too_many": 4, "window_days": 28}}


class SuggestionState(EventSchema):
    suggestion_id = fields.String(required=True)
    rule = fields.String(required=True)
    status = fields.String(required=True)  # proposed | accepted | declined | expired
    changes = fields.Dict(required=True)
    plan_version = fields.Integer(allow_none=True, load_default=None)  # the plan it was made for
    reason = fields.String(required=True)
    evidence = fields.Dict(load_default=dict)


contract("plan.suggested", 1, _SUGGESTION)(SuggestionState)


@contract("plan.suggestion_accepted", 1, {**_SUGGESTION, "status": "accepted"})
class SuggestionAccepted(SuggestionState):
    pass


@contract("plan.suggestion_declined", 1, {**_SUGGESTION, "status": "declined"})
class SuggestionDeclined(SuggestionState):
    pass


@contract("plan.suggestion_expired", 1, {**_SUGGESTION, "status": "expired"})
class SuggestionExpired(SuggestionState):
    """Left open four weeks: it no longer blocks its rule."""


@contract("plan.updated", 1, {"version": 1, "style": "introvert", "weekly_budget": 3,
                              "follow_up_days": 2, "max_nudges_per_day": 3, "timezone": "Europe/Berlin",
                              "working_hours": {"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]},
                              "offers": ["code review", "intros to Python meetups"],
                              "channels": {"coffee": 0.5, "online": 0.3, "events": 0.2},
                              "commitments": [{"what": "coffee", "count": 2, "per": "week"},
                                              {"what": "give_first", "count": 1, "per": "week"},
                                              {"what": "events", "count": 1, "per": "month"}],
                              "answers": None, "reasoning": []})
class PlanUpdated(EventSchema):
    version = fields.Integer(required=True)
    style = fields.String(required=True)
    weekly_budget = fields.Integer(required=True)
    follow_up_days = fields.Integer(required=True)
    max_nudges_per_day = fields.Integer(required=True)
    timezone = fields.String(allow_none=True, load_default=None)  # None: the account's zone
    working_hours = fields.Dict(load_default=lambda: {"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]})
    offers = fields.List(fields.String(), load_default=list)
    channels = fields.Dict(load_default=dict)           # channel → share of the weekly touches
    commitments = fields.List(fields.Dict(), load_default=list)  # {what, count, per: week | month}
    answers = fields.Dict(allow_none=True, load_default=None)    # the questionnaire's, when it set the plan
    reasoning = fields.List(fields.String(), load_default=list)  # why the plan is as it is
