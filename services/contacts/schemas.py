"""HTTP contract of the contacts service (validation and OpenAPI from one place)."""
from shared.schema import ApiSchema, Id, PageArgs, Text, TextList, UtcDateTime, fields, validate

TIERS = ("mentor", "guardian", "sponsor", "peer", "acquaintance")


class ContactIn(ApiSchema):
    display_name = Text(required=True, min_length=1)
    emails = fields.List(fields.Email(validate=validate.Length(max=254)), validate=validate.Length(max=20),
                         load_default=list)
    phones = TextList(max_items=20, max_length=40, load_default=list)
    company = Text(allow_none=True)
    title = Text(allow_none=True)
    tier = fields.String(allow_none=True, validate=validate.OneOf(TIERS))
    tags = TextList(max_items=50, max_length=50, load_default=list)
    notes = Text(10_000, allow_none=True)
    needs = TextList(max_items=20, max_length=500, load_default=list)
    offers = TextList(max_items=20, max_length=500, load_default=list)
    goal_links = fields.List(Id(), validate=validate.Length(max=20), load_default=list)
    gathering_id = Id(allow_none=True)
    met_at = UtcDateTime(allow_none=True)


class ContactOut(ApiSchema):
    id = fields.String(attribute="_id")
    version = fields.Integer()
    display_name = fields.String()
    emails = fields.List(fields.String())
    phones = fields.List(fields.String())
    company = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    tier = fields.String(allow_none=True)
    tags = fields.List(fields.String())
    notes = fields.String(allow_none=True)
    needs = fields.List(fields.String())
    offers = fields.List(fields.String())
    goal_links = fields.List(fields.String())
    gathering_id = fields.String(allow_none=True)
    met_at = UtcDateTime(allow_none=True)
    source = fields.String()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class ContactPage(ApiSchema):
    items = fields.List(fields.Nested(ContactOut))
    next_cursor = fields.String(allow_none=True)


class ContactListArgs(PageArgs):
    pass
