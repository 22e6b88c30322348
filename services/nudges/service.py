"""Use cases of the nudges service: storing suggestions once, listing them."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared import outbox, pagination
from shared.db import Scope, Scoped
from shared.events import deterministic_id, new_event, rfc3339

from .adapters.documents import Nudge
from .rules import Suggestion

SOURCE = "rapport/nudges"


def nudges(scope: Scope) -> Scoped:
    return Scoped(Nudge._get_collection(), scope)


def nudge_state(doc: dict[str, Any]) -> dict[str, Any]:
    return {"nudge_id": doc["_id"], "kind": doc["kind"], "contact_id": doc.get("contact_id"),
            "goal_id": doc.get("goal_id"), "status": doc["status"], "due_at": rfc3339(doc["due_at"]),
            "priority": doc["priority"]}


def store_suggestion(scope: Scope, suggestion: Suggestion, cause_id: str,
                     correlation_id: str | None = None) -> bool:
    """Store a nudge once: its id comes from the cause and the rule, so a redelivered
    event or a second worker after a rebalance finds it already there. True if new."""
    now = datetime.now(timezone.utc)
    doc = {"_id": deterministic_id(cause_id, suggestion.rule, suggestion.contact_id or "", suggestion.goal_id or ""),
           "kind": suggestion.kind, "contact_id": suggestion.contact_id, "goal_id": suggestion.goal_id,
           "sentence": suggestion.sentence, "why": suggestion.why, "priority": suggestion.priority,
           "due_at": suggestion.due_at, "status": "pending", "created_at": now, "updated_at": now, "version": 1}
    event = new_event("nudge.created", org_id=scope.org_id, member_id=scope.member_id, data=nudge_state(doc),
                      source=SOURCE, correlation_id=correlation_id, causation_id=cause_id)
    try:
        outbox.insert(nudges(scope), doc, [event])
    except DuplicateKeyError:
        return False
    return True


def list_nudges(scope: Scope, limit: int, cursor: str | None, status: str | None = None):
    query = {"status": status} if status else {}
    return pagination.page_by_id(nudges(scope), query, limit, cursor, {"outbox": 0})
