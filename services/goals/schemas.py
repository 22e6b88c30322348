"""HTTP contract of the goals service: goals and their paths, coverage, the plan, sync.

Long because the contract reads best in one place: every schema is a short declaration.
"""
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, validates, validates_schema

from shared.schema import ApiSchema, FreeForm, Id, PageArgs, Text, TextList, UtcDateTime, fields, validate
from shared.syncing import ConflictOut

from .domain.channels import CHANNELS
from .domain.goals import HORIZONS, MILESTONE_KINDS, MILESTONE_STATUSES, STATUSES
from .domain.plan import COMMITMENT_WHATS, PERIODS, STYLES, channel_errors
from .domain.questionnaire import QUESTIONS, Question
from .objectives_schemas import ObjectiveOut


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
    fitting = fields.Integer(metadata={"description": "how many contacts fit"})
    contacts = fields.List(fields.Nested(CoveringContact), metadata={"description": "who fits, strongest first "
                                                                                   "(the first 20)"})
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


# -- sync (docs/sync-protocol.md) ---------------------------------------------------------------

SYNC_COLLECTIONS = ("goals", "objectives", "plan")


class SyncMutationIn(ApiSchema):
    mutation_id = Id(required=True, metadata={"description": "made up by the device, unique per device"})
    collection = fields.String(required=True, validate=validate.OneOf(SYNC_COLLECTIONS))
    op = fields.String(required=True, validate=validate.OneOf(("upsert", "delete")))
    id = Id(required=True, metadata={"description": "the record's id (made up by the device for a new one: a UUID)"})
    base_version = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1),
                                  metadata={"description": "the version the device last saw; none for new records"})
    fields_ = FreeForm(data_key="fields", attribute="fields", load_default=dict, metadata={
        "description": "upsert: validated like the REST body (POST's schema for a new record, PATCH's for an edit)"})
    client_time = UtcDateTime(allow_none=True, load_default=None, metadata={"description": "informational"})


class SyncPushIn(ApiSchema):
    device_id = Id(required=True, metadata={
        "description": "the device pushing: the one the token was signed in on (its `sid`), else 409 "
                       "device-not-registered"})
    mutations = fields.List(fields.Raw(), required=True, metadata={
        "description": "at most 100; each {mutation_id, collection, id, op, base_version, fields, client_time}"})


class SyncResult(ApiSchema):
    mutation_id = fields.String(allow_none=True)
    collection = fields.String(allow_none=True)
    id = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": ["applied", "merged", "duplicate", "conflict", "rejected"]})
    version = fields.Integer(metadata={"description": "the record's version after this mutation (server's on "
                                                      "conflict)"})
    first_status = fields.String(metadata={"description": "duplicate: the status the first attempt got"})
    reason = fields.String(metadata={"description": "rejected: invalid, not_found, deleted, base_version_ahead, "
                                                   "not_deletable, ultimate_goal_exists"})
    errors = fields.Dict(metadata={"description": "rejected: each bad field named"})
    conflicts = fields.List(fields.Nested(ConflictOut))
    record = fields.Dict(metadata={"description": "conflict: the server's record now (as GET returns it)"})


class SyncPushOut(ApiSchema):
    server_time = UtcDateTime()
    results = fields.List(fields.Nested(SyncResult))


class SyncTombstone(ApiSchema):
    id = fields.String()
    version = fields.Integer()
    deleted_at = UtcDateTime()


class GoalChanges(ApiSchema):
    upserted = fields.List(fields.Nested(GoalOut))
    deleted = fields.List(fields.Nested(SyncTombstone))


class SyncPlanOut(PlanOut):
    id = fields.String(attribute="_id", metadata={"description": "the member's id: one plan each"})


class ObjectiveChanges(ApiSchema):
    upserted = fields.List(fields.Nested(ObjectiveOut), metadata={
        "description": "without `progress` (it moves with the network: GET /v1/objectives computes it)"})
    deleted = fields.List(fields.Nested(SyncTombstone))


class PlanChanges(ApiSchema):
    upserted = fields.List(fields.Nested(SyncPlanOut))
    deleted = fields.List(fields.Nested(SyncTombstone), metadata={"description": "always empty: a plan stays"})


class SyncChanges(ApiSchema):
    goals = fields.Nested(GoalChanges)
    objectives = fields.Nested(ObjectiveChanges)
    plan = fields.Nested(PlanChanges)


class SyncPullOut(ApiSchema):
    server_time = UtcDateTime()
    changes = fields.Nested(SyncChanges)
    next_cursor = fields.String(metadata={"description": "pass to the next pull"})
    has_more = fields.Boolean()
