"""HTTP routes of the accounts service: thin views over the use cases (service_layer/accounts.py,
service_layer/admin.py for what admins do, each action recorded in the audit log)."""
from flask import current_app
from flask.views import MethodView
from marshmallow import RAISE
from shared.web import Blueprint

from shared.auth import current_principal, require_role
from shared.db import Scope
from shared.schema import PageArgs
from shared.urls import public_base

from .schemas import (AuditPage, InvitationIn, InvitedMemberOut, MemberIn, MemberOut, MemberPage, RolesIn)
from .service_layer import accounts as use_cases
from .service_layer.admin import Admin, Invitation

EXTENSION = "rapport_accounts"
ADMIN_EXTENSION = "rapport_accounts_admin"
LOST_RACE = "the member kept changing under other writes: `write-conflict`, retry after `Retry-After`"
REMOVAL_BUSY = (f"{LOST_RACE}; `record-busy`: another change of the organisation's admins held its turn too long "
                "(retry after `Retry-After`)")
NOT_ADMIN = "`forbidden`: the token has no admin role, or the admin has been demoted since it was issued"
NOT_FOUND = "`not-found`: no such member in the admin's organisation (another organisation's too)"
LAST_ADMIN = "`last-admin`: the organisation's last active admin keeps the admin role (themselves included)"
SIGNIN_PATH = "/signin"  # the sign-in page; `login_hint` fills in the address


def service() -> use_cases.Accounts:
    return current_app.extensions[EXTENSION]


def admin() -> Admin:
    return current_app.extensions[ADMIN_EXTENSION]


def _invitation(invitation: Invitation) -> dict:
    return {**invitation.member, "invitation": {"sent": invitation.sent, "link": invitation.link}}


blp = Blueprint("members", __name__, url_prefix="/v1/members", description="Members of organisations")
audit_blp = Blueprint("audit", __name__, url_prefix="/v1/audit", description="What the organisation's admins did")


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MemberOut)
    def get(self):
        """The member the token belongs to."""
        return service().get_member(Scope.of(current_principal()))


@blp.route("")
class Members(MethodView):
    decorators = [require_role("admin")]

    @blp.arguments(PageArgs, location="query")
    @blp.response(200, MemberPage)
    @blp.alt_response(403, description=NOT_ADMIN)
    def get(self, args):
        """The organisation's members (admins only).

        Account fields only, never the members' contacts or goals."""
        items, next_cursor = service().list_members(current_principal().org_id, args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @blp.arguments(MemberIn)
    @blp.response(201, MemberOut)
    @blp.alt_response(403, description=NOT_ADMIN)
    @blp.alt_response(409, description="`member-exists`: a member of the organisation has that email")
    def post(self, data):
        """Add a member without inviting them (admins only).

        Publishes `account.member_joined`; audited (`member.created`)."""
        p = current_principal()
        return admin().add_member(p.org_id, p.member_id, data["email"], data["display_name"], data["roles"],
                                  data["timezone"])


@blp.route("/invitations")
class Invitations(MethodView):
    decorators = [require_role("admin")]

    @blp.arguments(InvitationIn)
    @blp.response(201, InvitedMemberOut)
    @blp.alt_response(403, description=NOT_ADMIN)
    @blp.alt_response(409, description="`member-exists`: a member of the organisation has that email")
    def post(self, data):
        """Invite someone by email (admins only).

        They become a member at once (`account.member_joined`, `invited_by`, `invited_at`) and
        are emailed a sign-in link with their address filled in, saying who invited them to
        which organisation. The member is created before the email is sent. When sending fails (the mail server
        refused or is unreachable) the answer is still `201`, with `invitation.sent: false` and
        the link: send it again with `POST /v1/members/{id}/invitation` (a second invitation of
        the same address is `409 member-exists`). Audited (`member.invited`)."""
        p = current_principal()
        return _invitation(admin().invite(p.org_id, p.member_id, data["email"], data["display_name"],
                                          data["roles"], data["timezone"], public_base() + SIGNIN_PATH))


@blp.route("/<member_id>")
class MemberById(MethodView):
    decorators = [require_role("admin")]

    @blp.arguments(RolesIn)
    @blp.response(200, MemberOut)
    @blp.alt_response(403, description=NOT_ADMIN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(409, description=f"{LAST_ADMIN}; `member-not-active`: the member left or was erased")
    @blp.alt_response(503, description=REMOVAL_BUSY)
    def patch(self, data, member_id):
        """Change a member's roles (admins only).

        `roles` is the whole new list. Publishes `account.member_roles_changed`; audited
        (`member.roles_changed`, with the roles before and after). Sending the roles the member
        has changes nothing.

        Access tokens carry roles, so the change takes effect with the member's next token: at
        their next refresh, within 15 minutes (an access token's lifetime). Until then other
        services still see the old roles; accounts' own admin routes refuse a demoted admin at
        once."""
        p = current_principal()
        return admin().change_roles(p.org_id, p.member_id, member_id, data["roles"])


@blp.route("/<member_id>/invitation")
class MemberInvitation(MethodView):
    decorators = [require_role("admin")]

    @blp.response(200, InvitedMemberOut)
    @blp.alt_response(403, description=NOT_ADMIN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(409, description="`already-signed-in`: the member has signed in, so needs no invitation; "
                                       "`member-not-active`: the member left or was erased")
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, member_id):
        """Send a member's invitation again (admins only).

        For an active member who has not signed in yet; `invitation.sent` says whether the mail
        server took it. Audited (`member.invitation_resent`)."""
        p = current_principal()
        return _invitation(admin().resend_invitation(p.org_id, p.member_id, member_id, public_base() + SIGNIN_PATH))


@blp.route("/<member_id>/offboard")
class Offboard(MethodView):
    decorators = [require_role("admin")]

    @blp.response(200, MemberOut)
    @blp.alt_response(403, description=NOT_ADMIN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(409, description=LAST_ADMIN)
    @blp.alt_response(503, description=REMOVAL_BUSY)
    def post(self, member_id):
        """The member leaves the organisation (admins only).

        Publishes `account.member_left`; audited (`member.offboarded`). Their tokens are refused
        here at once and by every other service once it consumed the event."""
        p = current_principal()
        return admin().offboard(p.org_id, p.member_id, member_id)


@blp.route("/<member_id>/erase")
class Erase(MethodView):
    decorators = [require_role("admin")]

    @blp.response(200, MemberOut)
    @blp.alt_response(403, description=NOT_ADMIN)
    @blp.alt_response(404, description=NOT_FOUND)
    @blp.alt_response(409, description=LAST_ADMIN)
    @blp.alt_response(503, description=REMOVAL_BUSY)
    def post(self, member_id):
        """Erase the member everywhere (admins only).

        Publishes `account.member_erased`; audited (`member.erased`). Erasing an erased member
        changes nothing."""
        p = current_principal()
        return admin().erase(p.org_id, p.member_id, member_id)


@audit_blp.route("")
class AuditEntries(MethodView):
    decorators = [require_role("admin")]

    @audit_blp.arguments(PageArgs, location="query", unknown=RAISE)
    @audit_blp.response(200, AuditPage)
    @audit_blp.alt_response(400, description="`invalid-cursor`: a cursor this route did not issue")
    @audit_blp.alt_response(403, description=NOT_ADMIN)
    @audit_blp.alt_response(422, description="`validation-error`: `limit` outside 1–200, or a query parameter "
                                             "this route does not take (`errors` names each)")
    def get(self, args):
        """The organisation's audit log: every admin action, newest first (admins only).

        Each entry says who (the admin's member id and their email then), what (`action`, the
        `target` member, `details`) and when (`at`). Other organisations' entries never appear.
        Page on with `cursor` = `next_cursor` (a cursor this route did not issue: `400
        invalid-cursor`)."""
        items, next_cursor = admin().audit_page(current_principal().org_id, args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}


BLUEPRINTS = [blp, audit_blp]
