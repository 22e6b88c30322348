"""Events published by the accounts service on `rapport.accounts.v1`."""
from marshmallow import fields

from ..events import contract
from ..schema import EventSchema, UtcDateTime


@contract("account.org_created", 1, {"org_id": "org-1", "name": "Acme"})
class OrgCreated(EventSchema):
    org_id = fields.String(required=True)
    name = fields.String(required=True)


@contract("account.member_joined", 1, {"member_id": "m-1", "display_name": "Ada Lovelace",
                                       "email": "ada@example.org", "timezone": "Europe/London",
                                       "roles": ["member"]})
class MemberJoined(EventSchema):
    member_id = fields.String(required=True)
    display_name = fields.String(required=True)
    email = fields.String(required=True)
    timezone = fields.String(load_default="UTC")
    roles = fields.List(fields.String(), load_default=list)


@contract("account.member_left", 1, {"member_id": "m-1", "left_at": "2026-05-01T09:00:00.000Z"})
class MemberLeft(EventSchema):
    member_id = fields.String(required=True)
    left_at = UtcDateTime(required=True)


@contract("account.member_erased", 1, {"member_id": "m-1", "erased_at": "2026-05-01T09:00:00.000Z"})
class MemberErased(EventSchema):
    member_id = fields.String(required=True)
    erased_at = UtcDateTime(required=True)
