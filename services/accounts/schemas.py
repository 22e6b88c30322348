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
