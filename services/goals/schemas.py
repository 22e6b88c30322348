"""HTTP contract of the goals service."""
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, validates, validates_schema

from shared.schema import ApiSchema, PageArgs, Text, TextList, UtcDateTime, fields, validate

from .domain.channels import CHANNELS
from .domain.goals import HORIZONS, STATUSES
from .domain.plan import COMMITMENT_WHATS, PERIODS, STYLES, channel_errors
from .domain.questionnaire import QUESTIONS, Question

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


class CommitmentIn(ApiSchema):
    what = fields.String(required=True, validate=validate.OneOf(COMMITMENT_WHATS),
                         metadata={"description": "a channel, or `give_first`"})
    count = fields.Integer(required=True, validate=validate.Range(min=1, max=20))
    per = fields.String(required=True, validate=validate.OneOf(PERIODS))


def _check_channels(value):
    errors = channel_errors(value)
    if errors:
        raise ValidationError(errors)


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
    channels = fields.Dict(keys=fields.String(), values=fields.Float(), validate=_check_channels,
                           metadata={"description": f"channel → share of the weekly touches, summing to 1; "
                                                    f"channels: {', '.join(CHANNELS)}"})
    commitments = fields.List(fields.Nested(CommitmentIn), validate=validate.Length(max=20))

    @validates("commitments")
    def _once_each(self, value, **kwargs):
        seen = [(c.get("what"), c.get("per")) for c in value if isinstance(c, dict)]
        if len(seen) != len(set(seen)):
            raise ValidationError("one commitment per channel and period")

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
    channels = fields.Dict(keys=fields.String(), values=fields.Float())
    commitments = fields.List(fields.Dict(), metadata={"description": "{what, count, per: week | month}"})
    answers = fields.Dict(allow_none=True, metadata={"description": "the questionnaire's, when it set the plan"})
    reasoning = fields.List(fields.String(), metadata={"description": "which answer led to which choice"})
    version = fields.Integer()
    is_default = fields.Boolean()


class QuestionOut(ApiSchema):
    id = fields.String()
    text = fields.String()
    kind = fields.String(metadata={"description": "choice | multi | integer | scale | text_list"})
    required = fields.Boolean()
    options = fields.List(fields.String())
    min = fields.Integer(allow_none=True)
    max = fields.Integer(allow_none=True)


class QuestionnaireOut(ApiSchema):
    questions = fields.List(fields.Nested(QuestionOut))


def _answer_field(q: Question) -> fields.Field:
    """The marshmallow field that validates one question's answer."""
    common: dict[str, Any] = {"required": q.required, "metadata": {"description": q.text}}
    if not q.required:
        common["allow_none"] = True
    if q.kind == "choice":
        return fields.String(validate=validate.OneOf(q.options), **common)
    if q.kind == "multi":
        return fields.List(fields.String(validate=validate.OneOf(q.options)),
                           validate=validate.Length(min=q.min or 0, max=len(q.options)), **common)
    if q.kind in ("integer", "scale"):
        return fields.Integer(strict=True, validate=validate.Range(min=q.min, max=q.max), **common)
    return TextList(max_items=q.max or 20, max_length=200, **common)


Answers = ApiSchema.from_dict({q.id: _answer_field(q) for q in QUESTIONS}, name="Answers")


class QuestionnaireIn(ApiSchema):
    answers = fields.Nested(Answers, required=True)


SUGGESTION_STATUSES = ("proposed", "accepted", "declined", "expired")


class SuggestionArgs(ApiSchema):
    status = fields.String(load_default="proposed", validate=validate.OneOf(SUGGESTION_STATUSES))


class SuggestionOut(ApiSchema):
    id = fields.String(attribute="_id")
    rule = fields.String()
    status = fields.String()
    changes = fields.Dict(metadata={"description": "plan fields → the values they would take"})
    reason = fields.String()
    evidence = fields.Dict()
    plan_version = fields.Integer(allow_none=True)
    week = fields.String(metadata={"description": "ISO week it was proposed in, e.g. 2026-W18"})
    created_at = UtcDateTime()
    decided_at = UtcDateTime(allow_none=True)


class SuggestionList(ApiSchema):
    items = fields.List(fields.Nested(SuggestionOut))


class AcceptedOut(ApiSchema):
    suggestion = fields.Nested(SuggestionOut)
    plan = fields.Nested(PlanOut)
