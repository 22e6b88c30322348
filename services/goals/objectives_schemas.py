"""HTTP contract of networking objectives and the reviews."""
from marshmallow import ValidationError, validates_schema

from shared.schema import ApiSchema, Id, PageArgs, Text, UtcDateTime, fields, validate
from shared.strategy.network import TIERS

from .domain.channels import CHANNELS
from .domain.objectives import KINDS, MAX_TARGET, PERIODS, SETTABLE_STATUSES, STATUSES


class CriteriaIn(ApiSchema):
    role = Text(allow_none=True, metadata={"description": "as job titles say it, e.g. product"})
    organisation = Text(allow_none=True)
    sector = Text(allow_none=True, metadata={"description": "e.g. fintech"})
    tier = fields.String(allow_none=True, validate=validate.OneOf(TIERS))
    channel = fields.String(allow_none=True, validate=validate.OneOf(CHANNELS),
                            metadata={"description": "touches objectives: the channel counted"})


def _target(**kwargs):
    return fields.Integer(validate=validate.Range(min=1, max=MAX_TARGET), **kwargs)


class ObjectiveIn(ApiSchema):
    title = Text(required=True, min_length=1)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    target = _target(load_default=1)
    per = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(PERIODS),
                        metadata={"description": "give_first and touches: counted per week or month"})
    starts_on = fields.Date(allow_none=True, load_default=None, metadata={"description": "default: today"})
    due_date = fields.Date(required=True)
    goal_id = Id(allow_none=True, load_default=None)
    milestone_id = Id(allow_none=True, load_default=None)
    criteria = fields.Nested(CriteriaIn, load_default=dict)


class ObjectivePatch(ApiSchema):
    """The fields to change; at least one."""

    title = Text(min_length=1)
    kind = fields.String(validate=validate.OneOf(KINDS))
    target = _target()
    per = fields.String(allow_none=True, validate=validate.OneOf(PERIODS))
    starts_on = fields.Date()
    due_date = fields.Date()
    goal_id = Id(allow_none=True)
    milestone_id = Id(allow_none=True)
    criteria = fields.Nested(CriteriaIn)
    status = fields.String(validate=validate.OneOf(SETTABLE_STATUSES),
                           metadata={"description": "met and missed follow from progress"})

    @validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ValidationError("name at least one field to change")


class Point(ApiSchema):
    label = fields.String()
    value = fields.Integer()


class ProgressOut(ApiSchema):
    count = fields.Integer()
    target = fields.Integer()
    met = fields.Boolean()
    period = fields.String(allow_none=True, metadata={"description": "the current week (2026-W49) or month"})
    series = fields.List(fields.Nested(Point), metadata={"description": "periodic objectives: each period so far"})
    contact_ids = fields.List(fields.String())
    due_in_days = fields.Integer(allow_none=True)


class ObjectiveOut(ApiSchema):
    id = fields.String(attribute="_id")
    version = fields.Integer()
    title = fields.String()
    kind = fields.String()
    target = fields.Integer()
    per = fields.String(allow_none=True)
    starts_on = fields.String(allow_none=True)
    due_date = fields.String(allow_none=True)
    goal_id = fields.String(allow_none=True)
    milestone_id = fields.String(allow_none=True)
    criteria = fields.Dict()
    status = fields.String(validate=validate.OneOf(STATUSES))
    met_at = UtcDateTime(allow_none=True)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    progress = fields.Nested(ProgressOut)


class ObjectivePage(ApiSchema):
    items = fields.List(fields.Nested(ObjectiveOut))
    next_cursor = fields.String(allow_none=True)


class ObjectiveListArgs(PageArgs):
    pass


class ProposalOut(ApiSchema):
    objective = fields.Dict(allow_none=True, metadata={"description": "POST it to /v1/objectives to accept"})
    contact_ids = fields.List(fields.String())
    matches = fields.List(fields.Dict(), metadata={"description": "{contact_id, need, offer, words}"})
    reason = fields.String()


class ProposalList(ApiSchema):
    items = fields.List(fields.Nested(ProposalOut))


class WeekArgs(ApiSchema):
    week = fields.String(load_default=None, metadata={"description": "ISO week, e.g. 2026-W48; default: the last "
                                                                     "full week"})


class QuarterArgs(ApiSchema):
    quarter = fields.String(load_default=None, metadata={"description": "e.g. 2026-Q4; default: this quarter so far"})


class ChannelRow(ApiSchema):
    label = fields.String()
    planned = fields.Float(allow_none=True, metadata={"description": "null when the plan has no channel mix"})
    actual = fields.Integer()


class TouchesOut(ApiSchema):
    planned_total = fields.Float()
    actual_total = fields.Integer()
    by_channel = fields.List(fields.Nested(ChannelRow))


class FollowUpsOut(ApiSchema):
    follow_up_days = fields.Integer()
    met = fields.Integer()
    series = fields.List(fields.Nested(Point), metadata={"description": "within, later, not_yet"})


class GivingOut(ApiSchema):
    given = fields.Integer()
    received = fields.Integer()
    series = fields.List(fields.Nested(Point))


class NewRelationshipsOut(ApiSchema):
    total = fields.Integer()
    by_tier = fields.List(fields.Nested(Point))


class Listed(ApiSchema):
    count = fields.Integer()
    items = fields.List(fields.Dict())


class WeekRow(ApiSchema):
    label = fields.String()
    planned = fields.Float()
    actual = fields.Integer()
    given = fields.Integer()
    received = fields.Integer()
    new_contacts = fields.Integer()


class ReviewOut(ApiSchema):
    period = fields.String()
    starts_at = UtcDateTime()
    ends_at = UtcDateTime(metadata={"description": "exclusive; now for a period under way"})
    touches = fields.Nested(TouchesOut)
    follow_ups = fields.Nested(FollowUpsOut)
    giving = fields.Nested(GivingOut)
    new_relationships = fields.Nested(NewRelationshipsOut)
    milestones_covered = fields.Nested(Listed)
    objectives_met = fields.Nested(Listed)


class QuarterlyReviewOut(ReviewOut):
    weeks = fields.List(fields.Nested(WeekRow))
