"""Use cases of the accounts service: organisations, members, tokens."""
from __future__ import annotations

import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pymongo.errors import DuplicateKeyError

from shared import clock
from shared import outbox
from shared.auth import TokenIssuer
from shared.db import Scope, Scoped
from shared.events import new_event
from shared.problems import Problem, not_found
from shared.settings import Settings

from .adapters.documents import Member, Org

SOURCE = "rapport/accounts"
ROLES = ("member", "admin")



def create_org(name: str, slug: str | None = None) -> dict[str, Any]:
    name = name.strip()
    if not 1 <= len(name) <= 200:
        raise Problem(422, "name must be 1 to 200 characters", slug="validation-error",
                      errors={"name": ["Length must be between 1 and 200."]})
    slug = slug or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "org"
    org_id = str(uuid.uuid4())
    now = clock.now()
    event = new_event("account.org_created", org_id=org_id, member_id=None,
                      data={"org_id": org_id, "name": name}, source=SOURCE)
    doc = {"_id": org_id, "name": name, "slug": slug, "version": 1, "created_at": now,
           "outbox": [event.to_dict()], "outbox_pending": True, "outbox_since": now}
    try:
        Org._get_collection().insert_one(doc)
    except DuplicateKeyError:
        raise Problem(409, f"an organisation with slug {slug!r} exists", slug="org-exists") from None
    return doc


def find_org(slug_or_id: str) -> dict[str, Any]:
    doc = Org._get_collection().find_one({"$or": [{"_id": slug_or_id}, {"slug": slug_or_id}]}, {"outbox": 0})
    if doc is None:
        raise not_found("organisation")
    return doc


def create_member(org_id: str, email: str, display_name: str, roles: list[str] | None = None,
                  tz: str = "UTC") -> dict[str, Any]:
    find_org(org_id)
    roles = roles or ["member"]
    errors = {}
    if any(r not in ROLES for r in roles):
        errors["roles"] = [f"each role must be one of {', '.join(ROLES)}"]
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = [f"unknown IANA time zone {tz!r}"]
    if "@" not in email or len(email) > 254:
        errors["email"] = ["not a valid email address"]
    if errors:
        raise Problem(422, "the member has invalid fields", slug="validation-error", errors=errors)
    member_id = str(uuid.uuid4())
    scope = Scope(org_id, member_id)
    event = new_event("account.member_joined", org_id=org_id, member_id=member_id, source=SOURCE,
                      data={"member_id": member_id, "display_name": display_name, "email": email.lower(),
                            "timezone": tz, "roles": roles})
    doc = {"_id": member_id, "email": email.lower(), "display_name": display_name, "timezone": tz,
           "roles": roles, "status": "active", "created_at": clock.now()}
    try:
        return outbox.insert(Scoped(Member._get_collection(), scope), doc, [event])
    except DuplicateKeyError:
        raise Problem(409, f"{email} is already a member of this organisation", slug="member-exists") from None


def get_member(scope: Scope) -> dict[str, Any]:
    doc = Scoped(Member._get_collection(), scope).find_one({"_id": scope.member_id}, {"outbox": 0})
    if doc is None or doc.get("status") != "active":
        raise not_found("member")
    return doc


def find_member(org_id: str, email: str) -> dict[str, Any]:
    doc = Member._get_collection().find_one({"org_id": org_id, "email": email.lower()}, {"outbox": 0})
    if doc is None:
        raise not_found("member")
    return doc


def revoked(org_id: str, member_id: str) -> str | None:
    """The request path's revocation check for accounts (shared.auth.authenticate): `left` or
    `erased` from the member's own document, so a token stops working here as soon as the
    offboarding or erasure is written. A member this service does not know is not refused
    (the signed token is the authority; there is nothing to revoke)."""
    doc = Member._get_collection().find_one({"_id": member_id}, {"org_id": 1, "status": 1})
    if doc is None or doc.get("org_id") != org_id:
        return None
    status = doc.get("status")
    return status if status in ("left", "erased") else None


def issue_token(settings: Settings, member: dict[str, Any], ttl_seconds: int | None = None) -> str:
    if member.get("status") != "active":
        raise Problem(403, "the member is not active")
    return TokenIssuer(settings).issue(member["org_id"], member["_id"], member.get("roles", []), ttl_seconds)


def list_members(org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """An organisation's members, for its admins (never their contacts or goals)."""
    from shared import pagination

    return pagination.page_by_id(Member._get_collection(), {"org_id": org_id}, limit, cursor, {"outbox": 0})


def _change_member(org_id: str, member_id: str, event_type: str, data: dict, changes: dict) -> dict[str, Any]:
    scope = Scope(org_id, member_id)
    members = Scoped(Member._get_collection(), scope)
    doc = members.find_one({"_id": member_id})
    if doc is None:
        raise not_found("member")
    if doc.get("status") == "erased":
        return doc
    event = new_event(event_type, org_id=org_id, member_id=member_id, source=SOURCE,
                      data={"member_id": member_id, **data})
    updated = outbox.update(members, {"_id": member_id}, doc["version"], [event], set=changes)
    if updated is None:
        raise Problem(409, "the member changed meanwhile; try again", slug="write-conflict")
    return updated


def offboard_member(org_id: str, member_id: str) -> dict[str, Any]:
    """The member leaves the organisation: no new token is issued for them, tokens already
    issued are refused here at once (`revoked`) and by every other service once it consumed
    `account.member_left` (shared.revocation)."""
    now = clock.now()
    return _change_member(org_id, member_id, "account.member_left", {"left_at": now.isoformat()},
                          {"status": "left", "left_at": now})


def erase_member(org_id: str, member_id: str) -> dict[str, Any]:
    """Erase a member: personal fields are removed here and their tokens refused at once;
    `account.member_erased` makes every other service refuse them and delete what it holds of
    them (shared.revocation)."""
    now = clock.now()
    return _change_member(org_id, member_id, "account.member_erased", {"erased_at": now.isoformat()},
                          {"status": "erased", "erased_at": now, "email": f"erased-{member_id}",
                           "display_name": "erased member"})
