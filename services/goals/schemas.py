"""HTTP contract of the goals service."""
from shared.schema import ApiSchema, PageArgs, Text, UtcDateTime, fields, validate

HORIZONS = ("ultimate", "interim")
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
