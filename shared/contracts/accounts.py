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


@contract("account.member_roles_changed", 1, {"member_id": "m-1", "roles": ["member", "admin"]})
class MemberRolesChanged(EventSchema):
    """An admin changed the member's roles: `roles` is the whole new list. Access tokens carry
    roles, so the change reaches other services with the member's next token (within an access
    token's lifetime)."""
    member_id = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)


@contract("account.member_left", 1, {"member_id": "m-1", "left_at": "2026-05-01T09:00:00.000Z"})
class MemberLeft(EventSchema):
    member_id = fields.String(required=True)
    left_at = UtcDateTime(required=True)


@contract("account.member_erased", 1, {"member_id": "m-1", "erased_at": "2026-05-01T09:00:00.000Z"})
class MemberErased(EventSchema):
    member_id = fields.String(required=True)
    erased_at = UtcDateTime(required=True)


@contract("account.device_registered", 1, {"member_id": "m-1", "device_id": "d-1", "client_id": "rapport-web",
                                           "name": "Firefox on Android", "registered_at": "2026-05-01T09:00:00.000Z"})
class DeviceRegistered(EventSchema):
    """A sign-in made a device session: its id is the access tokens' `sid` claim and what sync
    registers against (docs/sign-in.md)."""
    member_id = fields.String(required=True)
    device_id = fields.String(required=True)
    client_id = fields.String(required=True)
    name = fields.String(load_default="")
    registered_at = UtcDateTime(required=True)


@contract("account.device_revoked", 1, {"member_id": "m-1", "device_id": "d-1", "reason": "signed_out",
                                        "revoked_at": "2026-05-01T09:00:00.000Z"})
class DeviceRevoked(EventSchema):
    """The device session ended (sign-out, revoked by the member, a reused refresh token, the
    member offboarded or erased): every service refuses access tokens with this `sid` from now
    until they would have expired anyway."""
    member_id = fields.String(required=True)
    device_id = fields.String(required=True)
    reason = fields.String(required=True)
    revoked_at = UtcDateTime(required=True)
