"""Organisations and members: what makes a valid one. Pure functions, no I/O."""
from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROLES = ("member", "admin")
ACTIVE, LEFT, ERASED = "active", "left", "erased"
REVOKED = (LEFT, ERASED)  # statuses whose tokens are refused


def org_name_problems(name: str) -> dict[str, list[str]]:
    return {} if 1 <= len(name) <= 200 else {"name": ["Length must be between 1 and 200."]}


def org_slug(name: str, slug: str | None = None) -> str:
    """The slug asked for, or one made from the name (`Acme Corp` → `acme-corp`)."""
    return slug or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "org"


def member_problems(email: str, roles: list[str], tz: str) -> dict[str, list[str]]:
    """Each bad field of a new member and why."""
    errors = {}
    if any(r not in ROLES for r in roles):
        errors["roles"] = [f"each role must be one of {', '.join(ROLES)}"]
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = [f"unknown IANA time zone {tz!r}"]
    if "@" not in email or len(email) > 254:
        errors["email"] = ["not a valid email address"]
    return errors


def erased_fields(member_id: str) -> dict[str, str]:
    """What an erased member's document keeps of their person: nothing."""
    return {"email": f"erased-{member_id}", "display_name": "erased member"}
