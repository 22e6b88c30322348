"""HTTP contract of the nudges service."""
from shared.schema import ApiSchema, PageArgs, UtcDateTime, fields, validate

STATUSES = ("pending", "done", "snoozed", "dismissed", "withdrawn")


class NudgeOut(ApiSchema):
    id = fields.String(attribute="_id")
    version = fields.Integer()
    kind = fields.String()
    contact_id = fields.String(allow_none=True)
    goal_id = fields.String(allow_none=True)
    sentence = fields.String()
    why = fields.Dict()
    priority = fields.Integer()
    due_at = UtcDateTime()
    status = fields.String()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class NudgePage(ApiSchema):
    items = fields.List(fields.Nested(NudgeOut))
    next_cursor = fields.String(allow_none=True)


class NudgeListArgs(PageArgs):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))
