"""Use cases of organisation admins — invitations, role changes, offboarding, erasure — and the
audit log that records each of them (and every other admin action of the service).

**The audit API** (`Audit`, one per app; the API's `EXTENSION` holds the `Admin` whose `audit` it
is). Every admin action writes one entry — who (actor member id, and their email at the time),
what (`action`, the `target` member id or None, a small `details` dict with no personal data
beyond what the action needs), when (the injected clock) — in the same document write as the
change, so an action that happened is never missing from the log (adapters/audit.py: why, and
every crash point). Two ways to use it:

- one call: `audit.record(org_id, actor_id, action, target, details, carrier=(collection, doc_id),
  write=lambda entry: <your conditional write, carrying entry>)` builds the entry, runs `write`
  (which hands the entry to its store: `extra=adapters.audit.carry(entry)` on
  `shared.outbox.update`, or `adapters.audit.carry_into(doc, entry)` for an insert or a fake),
  then moves it into the log, and returns what `write` returned. If `write` raises, nothing is
  recorded; if it writes nothing (e.g. the change was already made), nothing is either. The
  collection must be listed in `adapters.audit.CARRIERS` and declare the two pending fields;
- two steps, when the entry depends on what a retried attempt reads (a role change records the
  roles it replaced): `entry = audit.entry(...)` inside the attempt, then `audit.settle(...)`.

Any action's actor is refused (403 forbidden) when their member document says they are no
longer an active admin, although their token still says so: accounts acts on a demotion at
once; other services with the member's next token.

Invitations are sign-in links (`<public base>/signin?login_hint=<email>`, built by the API from
the public base). The member is created first, then the email sent: when sending fails (the
SMTP server is away), the member exists, the answer says `sent: false` with the link, and the
invitation can be sent again (`resend_invitation`) until the member first signs in.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Conflict, Invalid, not_found
from shared.events import new_event
from shared.retry import until_written

from ..adapters.audit import AuditLog
from ..adapters.mail import Mailer
from ..domain.admin import (INVITATION_RESENT, MEMBER_CREATED, MEMBER_ERASED, MEMBER_INVITED, MEMBER_OFFBOARDED,
                            ROLES_CHANGED, SIGNED_IN_AT, audit_entry, invitation_mail, is_active_admin,
                            normal_roles, removes_last_admin, signin_link)
from ..domain.members import ACTIVE, ROLES
from .accounts import SOURCE, Accounts

log = logging.getLogger(__name__)
T = TypeVar("T")
MEMBERS = "members"  # the carrier collection of member changes (adapters/audit.py CARRIERS)


class Audit:
    """Who did what, when: the one way every admin action of the service is recorded (above)."""

    def __init__(self, log: AuditLog, accounts: Accounts, clock: Clock = clocks.now):
        self.log = log
        self.accounts = accounts
        self.clock = clock

    def actor(self, org_id: str, actor_id: str) -> dict[str, Any] | None:
        """The acting admin's member document (None for one this service does not know, e.g.
        an operator's token); `forbidden` when it says they are no longer an active admin."""
        doc = self.accounts.store.member(Scope(org_id, actor_id))
        if doc is not None and not is_active_admin(doc):
            raise Conflict("you are no longer an admin of this organisation", slug="forbidden")
        return doc

    def entry(self, org_id: str, actor_id: str, action: str, target: str | None = None,
              details: dict[str, Any] | None = None) -> dict[str, Any]:
        """The entry of one action, to be carried by the change's own write, then settled."""
        actor = self.actor(org_id, actor_id)
        return audit_entry(org_id, actor_id, actor.get("email") if actor else None, action, target, details,
                           self.clock())

    def settle(self, carrier: str, doc_id: str, org_id: str) -> None:
        """Move the document's pending entries into the log. Failing here fails nothing: the
        change and its entry are written, and the next read of the log moves the entry."""
        try:
            self.log.settle(carrier, doc_id, org_id)
        except Exception:  # the store away: the entry waits in the document, read by the next page()
            log.warning("audit entries left pending", extra={"carrier": carrier, "doc_id": doc_id}, exc_info=True)

    def record(self, org_id: str, actor_id: str, action: str, target: str | None = None,
               details: dict[str, Any] | None = None, *, carrier: tuple[str, str],
               write: Callable[[dict[str, Any]], T]) -> T:
        """One call: the entry, `write(entry)` (the change, carrying it), the entry into the log."""
        entry = self.entry(org_id, actor_id, action, target, details)
        result = write(entry)
        self.settle(carrier[0], carrier[1], org_id)
        return result

    def page(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        """The organisation's entries, newest first (`shared.pagination` instant cursors)."""
        return self.log.page(org_id, limit, cursor)


@dataclass(frozen=True)
class Invitation:
    member: dict[str, Any]
    sent: bool   # False: the mail server refused or could not be reached; send it again later
    link: str


def _roles(roles: list[str]) -> list[str]:
    roles = normal_roles(roles)
    if not roles or any(r not in ROLES for r in roles):
        raise Invalid("the roles are invalid", errors={"roles": [f"one or more of {', '.join(ROLES)}"]})
    return roles


class Admin:
    """What an organisation's admins do to its members; each action is audited."""

    def __init__(self, accounts: Accounts, audit: Audit, mailer: Mailer, clock: Clock = clocks.now):
        self.accounts = accounts
        self.store = accounts.store
        self.audit = audit
        self.mailer = mailer
        self.clock = clock

    def add_member(self, org_id: str, actor_id: str, email: str, display_name: str, roles: list[str],
                   tz: str = "UTC") -> dict[str, Any]:
        """A new member, without an invitation; publishes `account.member_joined`."""
        member_id = str(uuid.uuid4())
        roles = normal_roles(roles)
        return self.audit.record(
            org_id, actor_id, MEMBER_CREATED, member_id, {"roles": roles}, carrier=(MEMBERS, member_id),
            write=lambda entry: self.accounts.create_member(org_id, email, display_name, roles, tz,
                                                            member_id=member_id, audit=entry))

    def invite(self, org_id: str, actor_id: str, email: str, display_name: str, roles: list[str], tz: str,
               signin_url: str) -> Invitation:
        """A new member (as `add_member`, with `invited_by` and `invited_at`), emailed a sign-in
        link. `member-exists` when the address is already a member's."""
        org = self.accounts.find_org(org_id)
        member_id = str(uuid.uuid4())
        roles = normal_roles(roles)
        fields = {"invited_by": actor_id, "invited_at": self.clock()}
        member = self.audit.record(
            org_id, actor_id, MEMBER_INVITED, member_id, {"roles": roles}, carrier=(MEMBERS, member_id),
            write=lambda entry: self.accounts.create_member(org_id, email, display_name, roles, tz,
                                                            member_id=member_id, fields=fields, audit=entry))
        return self._send(org, actor_id, member, signin_url)

    def resend_invitation(self, org_id: str, actor_id: str, member_id: str, signin_url: str) -> Invitation:
        """The invitation again, for an active member who has not signed in yet
        (`member-not-active`, `already-signed-in` otherwise)."""
        org = self.accounts.find_org(org_id)
        scope = Scope(org_id, member_id)

        def write(entry: dict[str, Any]) -> dict[str, Any]:
            def attempt():
                doc = self._member(scope)
                if doc.get(SIGNED_IN_AT):
                    raise Conflict("the member has signed in already", slug="already-signed-in")
                changes = {"invited_at": self.clock(), "invited_by": doc.get("invited_by") or actor_id}
                return self.store.update_member(scope, doc["version"], [], changes, audit=entry)
            return until_written(attempt, detail="the member changed meanwhile; try again")

        member = self.audit.record(org_id, actor_id, INVITATION_RESENT, member_id, carrier=(MEMBERS, member_id),
                                   write=write)
        return self._send(org, actor_id, member, signin_url)

    def change_roles(self, org_id: str, actor_id: str, member_id: str, roles: list[str]) -> dict[str, Any]:
        """The member's roles become `roles`; publishes `account.member_roles_changed`. The
        last active admin keeps the role (`last-admin`). Nothing is written when they are the
        member's roles already."""
        roles = _roles(roles)
        scope = Scope(org_id, member_id)

        def attempt():
            doc = self._member(scope)
            if normal_roles(doc.get("roles", [])) == roles:
                return doc
            entry = self.audit.entry(org_id, actor_id, ROLES_CHANGED, member_id,  # the actor first: may they?
                                     {"from": doc.get("roles", []), "to": roles})
            self._keep_an_admin(org_id, doc, roles)
            event = new_event("account.member_roles_changed", org_id=org_id, member_id=member_id, source=SOURCE,
                              data={"member_id": member_id, "roles": roles})
            return self.store.update_member(scope, doc["version"], [event], {"roles": roles}, audit=entry)

        with self.store.admin_removals(org_id):
            changed = until_written(attempt, detail="the member changed meanwhile; try again")
        self.audit.settle(MEMBERS, member_id, org_id)
        return changed

    def offboard(self, org_id: str, actor_id: str, member_id: str) -> dict[str, Any]:
        """`Accounts.offboard_member`, audited; never the last active admin (`last-admin`)."""
        return self._removal(org_id, actor_id, member_id, MEMBER_OFFBOARDED, self.accounts.offboard_member)

    def erase(self, org_id: str, actor_id: str, member_id: str) -> dict[str, Any]:
        """`Accounts.erase_member`, audited; never the last active admin (`last-admin`)."""
        return self._removal(org_id, actor_id, member_id, MEMBER_ERASED, self.accounts.erase_member)

    def audit_page(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        return self.audit.page(org_id, limit, cursor)

    def _removal(self, org_id: str, actor_id: str, member_id: str, action: str,
                 change: Callable[..., dict[str, Any]]) -> dict[str, Any]:
        self.audit.actor(org_id, actor_id)  # may they? before saying anything of the member
        with self.store.admin_removals(org_id):
            doc = self.store.member(Scope(org_id, member_id))
            if doc is None:
                raise not_found("member")
            self._keep_an_admin(org_id, doc, None)
            return self.audit.record(org_id, actor_id, action, member_id, carrier=(MEMBERS, member_id),
                                     write=lambda entry: change(org_id, member_id, audit=entry))

    def _keep_an_admin(self, org_id: str, member: dict[str, Any], roles_after: list[str] | None) -> None:
        """`last-admin` when the change would leave the organisation without an active admin
        (called under `admin_removals`, so two such changes are never decided at once)."""
        others = [i for i in self.store.active_admins(org_id, 2) if i != member["_id"]]
        if removes_last_admin(member, roles_after, len(others)):
            raise Conflict("the organisation's last admin keeps the admin role; make another member an admin first",
                           slug="last-admin")

    def _member(self, scope: Scope) -> dict[str, Any]:
        doc = self.store.member(scope)
        if doc is None:
            raise not_found("member")
        if doc.get("status") != ACTIVE:
            raise Conflict(f"the member is {doc.get('status')}, not active", slug="member-not-active")
        return doc

    def _send(self, org: dict[str, Any], actor_id: str, member: dict[str, Any], signin_url: str) -> Invitation:
        link = signin_link(signin_url, member["email"])
        inviter = self.store.member(Scope(org["_id"], actor_id))
        subject, text, html = invitation_mail(org["name"], inviter.get("display_name") if inviter else None,
                                              member["display_name"], link)
        try:
            self.mailer.send(member["email"], subject, text, html)
        except OSError as exc:  # smtplib's errors are OSErrors: refused, unreachable, timed out
            log.warning("invitation not sent", extra={"member_id": member["_id"], "error": repr(exc)[:300]})
            return Invitation(member, False, link)
        return Invitation(member, True, link)
