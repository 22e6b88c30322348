"""What organisation admins may do to members, and what is said about it. Pure functions, no I/O.

- the last-admin rule: an organisation keeps at least one active admin, so no change (a role
  change, an offboarding, an erasure) may take the admin role from the last one;
- the audit entry of an admin action: who (the actor's member id and email at the time), what
  (an action from `ACTIONS`, the member acted on, a small `details` dict) and when;
- the invitation email: who invited whom to which organisation, with the sign-in link.
"""
from __future__ import annotations

import html
import uuid
from datetime import datetime
from typing import Any, Iterable
from urllib.parse import urlencode

from .members import ACTIVE, ROLES

ADMIN = "admin"
# a member's first sign-in (set by the sign-in); until then an invitation may be sent again
SIGNED_IN_AT = "signed_in_at"

# every action the audit records (`action` of an entry); another part of the service adds its own here
MEMBER_CREATED = "member.created"                # POST /v1/members
MEMBER_INVITED = "member.invited"                # POST /v1/members/invitations
INVITATION_RESENT = "member.invitation_resent"   # POST /v1/members/{id}/invitation
ROLES_CHANGED = "member.roles_changed"           # PATCH /v1/members/{id}
MEMBER_OFFBOARDED = "member.offboarded"          # POST /v1/members/{id}/offboard
MEMBER_ERASED = "member.erased"                  # POST /v1/members/{id}/erase
SSO_CONFIGURED = "sso.configured"               # PUT /v1/org/sso
SSO_REMOVED = "sso.removed"                     # DELETE /v1/org/sso
ACTIONS = (MEMBER_CREATED, MEMBER_INVITED, INVITATION_RESENT, ROLES_CHANGED, MEMBER_OFFBOARDED, MEMBER_ERASED,
           SSO_CONFIGURED, SSO_REMOVED)


def normal_roles(roles: Iterable[str]) -> list[str]:
    """Roles in one order (ROLES'), each once: `["admin", "member", "admin"]` → `["member", "admin"]`."""
    given = set(roles)
    return [r for r in ROLES if r in given] + sorted(given - set(ROLES))


def is_active_admin(member: dict[str, Any] | None) -> bool:
    return member is not None and member.get("status") == ACTIVE and ADMIN in (member.get("roles") or [])


def removes_last_admin(member: dict[str, Any], roles_after: list[str] | None, other_active_admins: int) -> bool:
    """Whether a change leaves the organisation without an active admin: `member` is one now,
    loses the role (`roles_after` without it, or None: the member stops being active) and no
    other active admin is left."""
    if not is_active_admin(member):
        return False
    keeps_role = roles_after is not None and ADMIN in roles_after
    return not keeps_role and other_active_admins == 0


def at_milliseconds(moment: datetime) -> datetime:
    """An instant at the store's precision, so a cursor made from it compares equal to what is stored."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def audit_entry(org_id: str, actor_id: str, actor_email: str | None, action: str, target: str | None,
                details: dict[str, Any] | None, now: datetime, entry_id: str | None = None) -> dict[str, Any]:
    """One entry of the audit log. `details` holds what the action needs and no more (role
    lists, a setting's name): never a member's contacts, goals or personal fields."""
    return {"_id": entry_id or uuid.uuid4().hex, "org_id": org_id, "at": at_milliseconds(now),
            "actor": {"member_id": actor_id, "email": actor_email},
            "action": action, "target": target, "details": dict(details or {})}


def signin_link(signin_url: str, email: str) -> str:
    """The invitation's link: the sign-in page with the address filled in."""
    return f"{signin_url}?{urlencode({'login_hint': email})}"


def invitation_mail(org_name: str, inviter: str | None, invitee: str, link: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an invitation (the names are escaped in the HTML)."""
    who = inviter or "An administrator"
    subject = " ".join(f"{who} invited you to {org_name} on Rapport".split())  # one header line
    text = (f"Hello {invitee},\n\n{who} invited you to join {org_name} on Rapport.\n\n"
            f"Sign in with this address to accept:\n{link}\n\n"
            "If you did not expect this invitation, you can ignore this email.\n")
    e = html.escape
    page = (f"<p>Hello {e(invitee)},</p>\n<p>{e(who)} invited you to join <strong>{e(org_name)}</strong> "
            f"on Rapport.</p>\n<p><a href=\"{e(link)}\">Sign in to accept</a></p>\n"
            f"<p>Or open this address: {e(link)}</p>\n"
            "<p>If you did not expect this invitation, you can ignore this email.</p>\n")
    return subject, text, page
