"""HTTP contract of the accounts service."""
from shared.schema import ApiSchema, Text, UtcDateTime, fields, validate


class MemberOut(ApiSchema):
    id = fields.String(attribute="_id")
    org_id = fields.String()
    email = fields.String()
    display_name = fields.String()
    timezone = fields.String()
    roles = fields.List(fields.String())
    status = fields.String()
    created_at = UtcDateTime()


class MemberIn(ApiSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    display_name = Text(required=True, min_length=1)
    roles = fields.List(fields.String(validate=validate.OneOf(("member", "admin"))),
                        validate=validate.Length(min=1, max=2), load_default=lambda: ["member"])
    timezone = fields.String(load_default="UTC", validate=validate.Length(max=64))


class MemberPage(ApiSchema):
    items = fields.List(fields.Nested(MemberOut))
    next_cursor = fields.String(allow_none=True)
