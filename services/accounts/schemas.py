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
    invited_by = fields.String(metadata={"description": "the admin who invited the member, if invited"})
    invited_at = UtcDateTime(metadata={"description": "when the last invitation was sent (or tried)"})


class MemberIn(ApiSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    display_name = Text(required=True, min_length=1)
    roles = fields.List(fields.String(validate=validate.OneOf(("member", "admin"))),
                        validate=validate.Length(min=1, max=2), load_default=lambda: ["member"])
    timezone = fields.String(load_default="UTC", validate=validate.Length(max=64))


class MemberPage(ApiSchema):
    items = fields.List(fields.Nested(MemberOut))
    next_cursor = fields.String(allow_none=True)


class DeviceOut(ApiSchema):
    """A device session: one sign-in of the member on one device."""

    id = fields.String(attribute="_id", metadata={"description": "the access tokens' `sid`; what sync registers"})
    client_id = fields.String()
    name = fields.String()
    created_at = UtcDateTime()
    last_used_at = UtcDateTime(allow_none=True)
    expires_at = UtcDateTime(metadata={"description": "the session ends then, used or not"})
    current = fields.Boolean(metadata={"description": "the session of the token making this request"})


class DevicePage(ApiSchema):
    items = fields.List(fields.Nested(DeviceOut))


class OAuthError(ApiSchema):
    """An OAuth error response (RFC 6749 §5.2): what the token, revocation and device
    authorization endpoints answer instead of a problem document, as OAuth clients expect."""

    error = fields.String(required=True, metadata={"description": "invalid_request, invalid_grant, invalid_client, "
                                                   "unauthorized_client, unsupported_grant_type, invalid_scope, "
                                                   "authorization_pending, slow_down, expired_token, access_denied"})
    error_description = fields.String()


class TokenOut(ApiSchema):
    access_token = fields.String(required=True, metadata={"description": "ES256 JWT (`typ` at+jwt), 15 minutes"})
    token_type = fields.String(required=True, metadata={"description": "Bearer"})
    expires_in = fields.Integer(required=True)
    refresh_token = fields.String(required=True, metadata={"description": "works once; each use gives a new one"})
    scope = fields.String()
    device_id = fields.String(metadata={"description": "the device session (the access token's `sid`)"})
    id_token = fields.String(metadata={"description": "when `openid` was asked: ES256, `aud` the client"})
# Organisation sign-in through the organisation's own OpenID provider (sso_api.py)

class SsoConfigIn(ApiSchema):
    issuer = Text(max_length=500, min_length=1, required=True, metadata={
        "description": "exactly as the provider's discovery document names it (`issuer`), a trailing slash too",
        "example": "https://login.example.org/"})
    client_id = Text(max_length=500, min_length=1, required=True, metadata={"description": "Rapport's client there"})
    client_secret = Text(max_length=500, min_length=1, load_only=True, load_default=None, metadata={
        "description": "write-only: never answered; leave out to keep the one configured (same issuer and client id)"})
    allowed_domains = fields.List(Text(max_length=253, min_length=1), required=True,
                                  validate=validate.Length(min=1, max=50), metadata={
                                      "description": "email domains whose people sign in through this provider; "
                                                     "each one organisation's only",
                                      "example": ["example.org"]})


class SsoConfigOut(ApiSchema):
    org_id = fields.String()
    issuer = fields.String()
    client_id = fields.String()
    allowed_domains = fields.List(fields.String())
    updated_at = UtcDateTime()
    redirect_uri = fields.String(metadata={"description": "register this redirect URI with the provider"})
# -- admin: invitations, roles, the audit log ------------------------------------------------

class InvitationIn(MemberIn):
    """Who to invite: the same fields as a new member."""


class InvitationOut(ApiSchema):
    sent = fields.Boolean(required=True, metadata={
        "description": "false when the mail server refused the message or could not be reached: the member "
                       "exists; send the invitation again with POST /v1/members/{id}/invitation"})
    link = fields.String(required=True, metadata={
        "description": "the sign-in link the email carries (`<public base>/signin?login_hint=<email>`)"})


class InvitedMemberOut(MemberOut):
    invitation = fields.Nested(InvitationOut, required=True)


class RolesIn(ApiSchema):
    roles = fields.List(fields.String(validate=validate.OneOf(("member", "admin"))), required=True,
                        validate=validate.Length(min=1, max=2),
                        metadata={"description": "the member's whole new list of roles"})


class AuditActorOut(ApiSchema):
    member_id = fields.String(required=True)
    email = fields.String(allow_none=True, metadata={"description": "the admin's email when they acted"})


class AuditEntryOut(ApiSchema):
    id = fields.String(attribute="_id", required=True)
    at = UtcDateTime(required=True)
    action = fields.String(required=True, metadata={
        "description": "e.g. member.invited, member.invitation_resent, member.created, member.roles_changed, "
                       "member.offboarded, member.erased"})
    actor = fields.Nested(AuditActorOut, required=True)
    target = fields.String(allow_none=True, metadata={"description": "the member acted on, if any"})
    details = fields.Dict(keys=fields.String(), metadata={
        "description": "what the action needs, e.g. `roles`, or `from` and `to` of a role change"})


class AuditPage(ApiSchema):
    items = fields.List(fields.Nested(AuditEntryOut))
    next_cursor = fields.String(allow_none=True)
