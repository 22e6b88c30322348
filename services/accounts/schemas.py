"""HTTP contract of the accounts service."""
from shared.schema import ApiSchema, UtcDateTime, fields


class MemberOut(ApiSchema):
    id = fields.String(attribute="_id")
    org_id = fields.String()
    email = fields.String()
    display_name = fields.String()
    timezone = fields.String()
    roles = fields.List(fields.String())
    status = fields.String()
    created_at = UtcDateTime()
