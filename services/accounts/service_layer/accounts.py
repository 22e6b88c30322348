"""Use cases of the accounts service: organisations, members, tokens.

Each loads through an `AccountStore` (adapters/store.py), decides with the domain's rules
(domain/members.py), makes one write with its events, and says what went wrong with domain
errors (shared.errors). A member change that loses its race is tried again (shared.retry);
time comes from the injected clock. A change an admin makes carries its audit entry (`audit=`,
built by service_layer/admin.py) into that same write.
"""
from __future__ import annotations

import uuid
from typing import Any

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Conflict, Invalid, not_found
from shared.events import new_event
from shared.retry import until_written

from ..adapters.store import AccountStore
from .sessions import OPERATOR, Sessions
from ..domain.members import ACTIVE, ERASED, LEFT, REVOKED, erased_fields, member_problems, org_name_problems, org_slug

SOURCE = "rapport/accounts"


class Accounts:
    def __init__(self, store: AccountStore, clock: Clock = clocks.now, sessions: Sessions | None = None):
        self.store = store
        self.clock = clock
        self.sessions = sessions  # device sessions (sign-in); the CLI and tests may run without

    def create_org(self, name: str, slug: str | None = None) -> dict[str, Any]:
        """A new organisation; publishes `account.org_created`."""
        name = name.strip()
        errors = org_name_problems(name)
        if errors:
            raise Invalid("name must be 1 to 200 characters", errors=errors)
        slug = org_slug(name, slug)
        org_id = str(uuid.uuid4())
        now = self.clock()
        event = new_event("account.org_created", org_id=org_id, member_id=None,
                          data={"org_id": org_id, "name": name}, source=SOURCE)
        doc = {"_id": org_id, "name": name, "slug": slug, "version": 1, "created_at": now,
               "outbox": [event.to_dict()], "outbox_pending": True, "outbox_since": now}
        if self.store.insert_org(doc) is None:
            raise Conflict(f"an organisation with slug {slug!r} exists", slug="org-exists")
        return doc

    def find_org(self, slug_or_id: str) -> dict[str, Any]:
        doc = self.store.org(slug_or_id)
        if doc is None:
            raise not_found("organisation")
        return doc

    def create_member(self, org_id: str, email: str, display_name: str, roles: list[str] | None = None,
                      tz: str = "UTC", *, member_id: str | None = None, fields: dict[str, Any] | None = None,
                      audit: dict[str, Any] | None = None) -> dict[str, Any]:
        """A new member of the organisation; publishes `account.member_joined`. `fields` are
        further account fields (e.g. `invited_by`), `audit` the entry written with it."""
        self.find_org(org_id)
        roles = roles or ["member"]
        errors = member_problems(email, roles, tz)
        if errors:
            raise Invalid("the member has invalid fields", errors=errors)
        member_id = member_id or str(uuid.uuid4())
        event = new_event("account.member_joined", org_id=org_id, member_id=member_id, source=SOURCE,
                          data={"member_id": member_id, "display_name": display_name, "email": email.lower(),
                                "timezone": tz, "roles": roles})
        doc = {"_id": member_id, "email": email.lower(), "display_name": display_name, "timezone": tz,
               "roles": roles, "status": ACTIVE, "created_at": self.clock(), **(fields or {})}
        created = self.store.insert_member(Scope(org_id, member_id), doc, [event], audit=audit)
        if created is None:
            raise Conflict(f"{email} is already a member of this organisation", slug="member-exists")
        return created

    def get_member(self, scope: Scope) -> dict[str, Any]:
        doc = self.store.member(scope)
        if doc is None or doc.get("status") != ACTIVE:
            raise not_found("member")
        return doc

    def find_member(self, org_id: str, email: str) -> dict[str, Any]:
        doc = self.store.member_by_email(org_id, email.lower())
        if doc is None:
            raise not_found("member")
        return doc

    def revoked(self, org_id: str, member_id: str, device_id: str = "") -> str | None:
        """The request path's revocation check for accounts (shared.auth.authenticate): `left` or
        `erased` from the member's own document, so a token stops working here as soon as the
        offboarding or erasure is written. A member this service does not know is not refused
        (the signed token is the authority; there is nothing to revoke)."""
        doc = self.store.member_status(member_id)
        if doc is None or doc.get("org_id") != org_id:
            return None
        status = doc.get("status")
        if status in REVOKED:
            return status
        if device_id and self.sessions is not None and self.sessions.device_ended(device_id):
            return "device"
        return None

    def issue_token(self, member: dict[str, Any], ttl_seconds: int | None = None, device: str | None = None) -> str:
        """An operator's access token for the member, signed with the key ring; with `device`
        (a name), a new device session is started and the token carries its `sid`."""
        if member.get("status") != ACTIVE:
            raise Conflict("the member is not active", slug="forbidden")
        if self.sessions is None:
            raise RuntimeError("issuing tokens needs the device sessions and key ring")
        device_id = None
        if device is not None:
            device_id = self.sessions.start(Scope(member["org_id"], member["_id"]), OPERATOR, device)
        return self.sessions.keys.issuer().issue(member["org_id"], member["_id"], member.get("roles", []), ttl_seconds,
                                                 device_id=device_id, client_id=OPERATOR)

    def list_members(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        """An organisation's members, for its admins (never their contacts or goals)."""
        return self.store.page_members(org_id, limit, cursor)

    def offboard_member(self, org_id: str, member_id: str, audit: dict[str, Any] | None = None) -> dict[str, Any]:
        """The member leaves the organisation: no new token is issued for them, tokens already
        issued are refused here at once (`revoked`) and by every other service once it consumed
        `account.member_left` (shared.revocation)."""
        now = self.clock()
        doc = self._change_member(org_id, member_id, "account.member_left", {"left_at": clocks.rfc3339(now)},
                                  {"status": LEFT, "left_at": now}, audit)
        self._end_sessions(org_id, member_id, "member_left")
        return doc

    def erase_member(self, org_id: str, member_id: str, audit: dict[str, Any] | None = None) -> dict[str, Any]:
        """Erase a member: personal fields are removed here and their tokens refused at once;
        `account.member_erased` makes every other service refuse them and delete what it holds
        of them (shared.revocation)."""
        now = self.clock()
        doc = self._change_member(org_id, member_id, "account.member_erased", {"erased_at": clocks.rfc3339(now)},
                                  {"status": ERASED, "erased_at": now, **erased_fields(member_id)}, audit)
        self._end_sessions(org_id, member_id, "member_erased")
        return doc

    def _end_sessions(self, org_id: str, member_id: str, reason: str) -> None:
        """Every device session of the member ends (refresh tokens deleted, `account.device_revoked`
        each); their access tokens were already refused by the member's own revocation."""
        if self.sessions is not None:
            self.sessions.revoke_all(Scope(org_id, member_id), reason)

    def _change_member(self, org_id: str, member_id: str, event_type: str, data: dict,
                       changes: dict, audit: dict[str, Any] | None = None) -> dict[str, Any]:
        scope = Scope(org_id, member_id)

        def attempt():
            doc = self.store.member(scope)
            if doc is None:
                raise not_found("member")
            if doc.get("status") == ERASED:
                return doc
            event = new_event(event_type, org_id=org_id, member_id=member_id, source=SOURCE,
                              data={"member_id": member_id, **data})
            return self.store.update_member(scope, doc["version"], [event], changes, audit=audit)
        return until_written(attempt, detail="the member changed meanwhile; try again")
