"""HTTP contract of the goals service."""
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, validates, validates_schema

from shared.schema import ApiSchema, PageArgs, Text, TextList, UtcDateTime, fields, validate

from .domain.goals import HORIZONS, MILESTONE_KINDS, MILESTONE_STATUSES, STATUSES
from .domain.plan import STYLES


class TargetIn(ApiSchema):
    """Whom to know: a role (as job titles say it), an organisation, a sector — at least one."""

    role = Text(200, allow_none=True, metadata={"description": "e.g. CTO, product lead"})
    organisation = Text(200, allow_none=True, metadata={"description": "e.g. Acme"})
    sector = Text(200, allow_none=True, metadata={"description": "e.g. fintech (matched in company, title, tags)"})

    @validates_schema
    def _someone(self, data, **kwargs):
        if not any(data.get(k) for k in ("role", "organisation", "sector")):
            raise ValidationError("name a role, an organisation or a sector")


class MilestoneIn(ApiSchema):
    kind = fields.String(required=True, validate=validate.OneOf(MILESTONE_KINDS))
    title = Text(required=True, min_length=1)
    role = Text(allow_none=True, metadata={"description": "relationship milestones: the role to know, e.g. CTO"})
    organisation = Text(allow_none=True, metadata={"description": "relationship milestones: where"})
    sector = Text(allow_none=True, metadata={"description": "relationship milestones: in which sector"})
    done_when = Text(500, allow_none=True, metadata={"description": "what done means, in the member's words"})
    due_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(MILESTONE_STATUSES), metadata={
        "description": "default: open for a new milestone, unchanged for a known one (same kind and title)"})
    opened_by = fields.List(fields.Nested(TargetIn), validate=validate.Length(max=10), metadata={
        "description": "positions and experience: the relationships that usually open them"})

    @validates_schema
    def _opened_by(self, data, **kwargs):
        if data.get("opened_by") and data.get("kind") not in ("position", "experience"):
            raise ValidationError("only positions and experience are opened by relationships", "opened_by")
        if data.get("kind") != "relationship" and any(data.get(k) for k in ("role", "organisation", "sector")):
            raise ValidationError("role, organisation and sector name whom a relationship milestone needs; "
                                  "a position or experience names them in opened_by", "kind")


class GoalIn(ApiSchema):
    title = Text(required=True, min_length=1)
    horizon = fields.String(required=True, validate=validate.OneOf(HORIZONS))
    target_date = fields.Date(allow_none=True)
    why = Text(2000, allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneIn), validate=validate.Length(max=50), load_default=list)
    parent_goal_id = fields.String(allow_none=True, validate=validate.Length(max=64), metadata={
        "description": "interim goals: the ultimate goal they serve"})


class DirectionIn(ApiSchema):
    """The new ultimate goal (its horizon is ultimate whatever is sent)."""

    title = Text(required=True, min_length=1)
    target_date = fields.Date(allow_none=True)
    why = Text(2000, allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneIn), validate=validate.Length(max=50), load_default=list)


class TargetOut(ApiSchema):
    role = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)
    sector = fields.String(allow_none=True)


class MilestoneOut(ApiSchema):
    milestone_id = fields.String()
    kind = fields.String()
    title = fields.String()
    role = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)
    sector = fields.String(allow_none=True)
    done_when = fields.String(allow_none=True)
    due_date = fields.String(allow_none=True)
    status = fields.String()
    opened_by = fields.List(fields.Nested(TargetOut))


class GoalOut(ApiSchema):
    id = fields.String(attribute="_id")
    version = fields.Integer()
    title = fields.String()
    horizon = fields.String()
    status = fields.String()
    target_date = fields.String(allow_none=True)
    why = fields.String(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneOut))
    parent_goal_id = fields.String(allow_none=True)
    previous_goal_id = fields.String(allow_none=True, metadata={"description": "the goal this one replaced"})
    replaced_by = fields.String(allow_none=True, metadata={"description": "after a change of direction: "
                                                                          "the goal that replaced this one"})
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class StrengthOut(ApiSchema):
    level = fields.String(metadata={"description": "strong (a close tier, or 2 touches in 180 days) or weak"})
    tier = fields.String(allow_none=True)
    recent_touches = fields.Integer()
    window_days = fields.Integer()
    given = fields.Integer(metadata={"description": "favours given in the last 365 days"})
    received = fields.Integer()
    leaning = fields.String(metadata={"description": "even, giving, receiving or none"})
    reason = fields.String()


class CoveringContact(ApiSchema):
    contact_id = fields.String()
    display_name = fields.String()
    title = fields.String(allow_none=True)
    company = fields.String(allow_none=True)
    strength = fields.Nested(StrengthOut)


class NeedCoverage(ApiSchema):
    need = fields.String(metadata={"description": "self (a relationship milestone's own) or opened_by.<n>"})
    role = fields.String(allow_none=True)
    organisation = fields.String(allow_none=True)
    sector = fields.String(allow_none=True)
    verdict = fields.String(metadata={"description": "covered, weak or missing"})
    reason = fields.String()
    contacts = fields.List(fields.Nested(CoveringContact), metadata={"description": "who fits, strongest first"})
    connector = fields.Nested(CoveringContact, allow_none=True,
                              metadata={"description": "missing: who could introduce the member"})


class MilestoneCoverage(ApiSchema):
    milestone_id = fields.String()
    kind = fields.String()
    title = fields.String()
    status = fields.String()
    verdict = fields.String(allow_none=True, metadata={"description": "its weakest need's; null: it needs nobody"})
    needs = fields.List(fields.Nested(NeedCoverage))


class CoverageCounts(ApiSchema):
    covered = fields.Integer()
    weak = fields.Integer()
    missing = fields.Integer()


class CoverageOut(ApiSchema):
    goal_id = fields.String()
    title = fields.String()
    status = fields.String()
    as_of = UtcDateTime()
    contacts_considered = fields.Integer()
    counts = fields.Nested(CoverageCounts, metadata={"description": "needs of open milestones, by verdict"})
    milestones = fields.List(fields.Nested(MilestoneCoverage))


class DirectionOut(ApiSchema):
    previous = fields.Nested(GoalOut, metadata={"description": "the goal left behind, archived"})
    goal = fields.Nested(GoalOut, metadata={"description": "the new ultimate goal"})
    coverage = fields.Nested(CoverageOut, metadata={"description": "who in the network already covers the new path"})


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
    parent_goal_id = fields.String(allow_none=True, validate=validate.Length(max=64))

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
