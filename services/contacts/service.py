"""Use cases of the contacts service: each writes state and its events in one write."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from shared import outbox, pagination
from shared.db import Scope, Scoped
from shared.events import new_event
from shared.problems import not_found

from .adapters.documents import Contact

SOURCE = "rapport/contacts"
EVENT_FIELDS = ("display_name", "company", "title", "tier", "tags", "needs", "offers", "goal_links",
                "gathering_id", "met_at")


def contacts(scope: Scope) -> Scoped:
    return Scoped(Contact._get_collection(), scope)


def contact_state(doc: dict[str, Any]) -> dict[str, Any]:
    """The contact as events describe it."""
    state = {"contact_id": doc["_id"], "version": doc["version"]}
    for name in EVENT_FIELDS:
        value = doc.get(name)
        if isinstance(value, datetime):
            value = value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
        state[name] = value if value is not None or name not in ("tags", "needs", "offers", "goal_links") else []
    return state


def create_contact(scope: Scope, data: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
    now = datetime.now(timezone.utc)
    doc = {"_id": str(uuid.uuid4()), **data, "source": data.get("source", "capture"),
           "created_at": now, "updated_at": now, "version": 1}
    event = new_event("contact.created", org_id=scope.org_id, member_id=scope.member_id,
                      data=contact_state(doc), source=SOURCE, correlation_id=correlation_id)
    return outbox.insert(contacts(scope), doc, [event])


def get_contact(scope: Scope, contact_id: str) -> dict[str, Any]:
    doc = contacts(scope).find_one({"_id": contact_id}, {"outbox": 0})
    if doc is None:
        raise not_found("contact")
    return doc


def list_contacts(scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    return pagination.page_by_id(contacts(scope), {}, limit, cursor, {"outbox": 0})
