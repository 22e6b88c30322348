"""Events published by the goals service on `rapport.goals.v1`.

Goal events carry the goal with its milestones (state transfer); a relationship
milestone names the role or organisation the member needs to know.
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
         "role": None, "organisation": None, "status": "open"},
    ],
}


class MilestoneState(EventSchema):
    milestone_id = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    role = fields.String(allow_none=True, load_default=None)
    organisation = fields.String(allow_none=True, load_default=None)
    status = fields.String(load_default="open")


class GoalState(EventSchema):
    goal_id = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    horizon = fields.String(required=True)
    status = fields.String(load_default="active")
    target_date = fields.Date(allow_none=True, load_default=None)
    milestones = fields.List(fields.Nested(MilestoneState), load_default=list)


contract("goal.created", 1, _GOAL)(GoalState)


@contract("goal.updated", 1, _GOAL)
class GoalUpdated(GoalState):
    pass


@contract("goal.deleted", 1, {"goal_id": "g-1", "version": 2})
class GoalDeleted(EventSchema):
    goal_id = fields.String(required=True)
    version = fields.Integer(required=True)


@contract("plan.updated", 1, {"version": 1, "style": "introvert", "weekly_budget": 3,
                              "follow_up_days": 2, "max_nudges_per_day": 3, "timezone": "Europe/Berlin",
                              "working_hours": {"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]},
                              "offers": ["code review", "intros to Python meetups"]})
class PlanUpdated(EventSchema):
    version = fields.Integer(required=True)
    style = fields.String(required=True)
    weekly_budget = fields.Integer(required=True)
    follow_up_days = fields.Integer(required=True)
    max_nudges_per_day = fields.Integer(required=True)
    timezone = fields.String(allow_none=True, load_default=None)  # None: the account's zone
    working_hours = fields.Dict(load_default=lambda: {"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]})
    offers = fields.List(fields.String(), load_default=list)
