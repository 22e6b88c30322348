"""HTTP contract of the goals service."""
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, validates, validates_schema

from shared.schema import ApiSchema, PageArgs, Text, TextList, UtcDateTime, fields, validate

from .domain.goals import HORIZONS, STATUSES
from .domain.plan import STYLES

MILESTONE_KINDS = ("position", "training", "experience", "relationship")


class MilestoneIn(ApiSchema):
    kind = fields.String(required=True, validate=validate.OneOf(MILESTONE_KINDS))
    title = Text(required=True, min_length=1)
    role = Text(allow_none=True, metadata={"description": "relationship milestones: the role to know, e.g. CTO"})
    organisation = Text(allow_none=True, metadata={"description": "relationship milestones: where"})
    due_date = fields.Date(allow_none=True)


class GoalIn(ApiSchema):
    title = Text(required=True, min_length=1)
    horizon = fields.String(required=True, validate=validate.OneOf(HORIZONS))
    target_date = fields.Date(allow_none=True)
    why = Text(2000, allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneIn), validate=validate.Length(max=50), load_default=list)


class MilestoneOut(ApiSchema):
    milestone_id = fields.String()
    kind = fields.String()
    title = fields.String()
    role = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)
    due_date = fields.String(allow_none=True)
    status = fields.String()


class GoalOut(ApiSchema):
    id = fields.String(attribute="_id")
    version = fields.Integer()
    title = fields.String()
    horizon = fields.String()
    status = fields.String()
    target_date = fields.String(allow_none=True)
    why = fields.String(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneOut))
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class GoalPage(ApiSchema):
    items = fields.List(fields.Nested(GoalOut))
    next_cursor = fields.String(allow_none=True)


class GoalListArgs(PageArgs):
    pass


class GoalPatch(ApiSchema):
    """The fields to change; at least one (an empty change would store a new version and publish
    `goal.updated` for nothing)."""

    title = Text(min_length=1)
    status = fields.String(validate=validate.OneOf(STATUSES))
    target_date = fields.Date(allow_none=True)
    why = Text(2000, allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneIn), validate=validate.Length(max=50))

    @validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ValidationError("name at least one field to change")


_HHMM = validate.Regexp(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", error="must be HH:MM (24 h)")


class WorkingHours(ApiSchema):
    start = fields.String(required=True, validate=_HHMM)
    end = fields.String(required=True, validate=_HHMM)
    days = fields.List(fields.Integer(validate=validate.Range(min=1, max=7)), validate=validate.Length(min=1, max=7),
                       load_default=lambda: [1, 2, 3, 4, 5],
                       metadata={"description": "ISO weekdays to be nudged on: Monday = 1 … Sunday = 7"})

    @validates_schema
    def _order(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["start"] >= data["end"]:
            raise ValidationError("must end after it starts", "end")


class PlanIn(ApiSchema):
    style = fields.String(required=True, validate=validate.OneOf(STYLES))
    weekly_budget = fields.Integer(validate=validate.Range(min=0, max=50),
                                   metadata={"description": "networking touches a week; default by style"})
    follow_up_days = fields.Integer(validate=validate.Range(min=0, max=30))
    max_nudges_per_day = fields.Integer(validate=validate.Range(min=1, max=20))
    timezone = fields.String(validate=validate.Length(max=64),
                             metadata={"description": "IANA zone, e.g. Europe/Berlin; default: the account's zone"})
    working_hours = fields.Nested(WorkingHours)
    offers = TextList(max_items=20, max_length=200,
                      metadata={"description": "what the member can give others (for give-first nudges)"})

    @validates("timezone")
    def _zone(self, value, **kwargs):
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"unknown IANA time zone {value!r}") from None


class PlanOut(ApiSchema):
    style = fields.String()
    weekly_budget = fields.Integer()
    follow_up_days = fields.Integer()
    max_nudges_per_day = fields.Integer()
    timezone = fields.String(allow_none=True)
    working_hours = fields.Dict()
    offers = fields.List(fields.String())
    version = fields.Integer()
    is_default = fields.Boolean()
