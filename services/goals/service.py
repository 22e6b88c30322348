"""Use cases of the goals service."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Any

from shared import outbox, pagination
from shared.db import Scope, Scoped
from shared.events import new_event
from shared.problems import Problem

from .adapters.documents import Goal

SOURCE = "rapport/goals"


def goals(scope: Scope) -> Scoped:
    return Scoped(Goal._get_collection(), scope)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def goal_state(doc: dict[str, Any]) -> dict[str, Any]:
    return {"goal_id": doc["_id"], "version": doc["version"], "title": doc["title"], "horizon": doc["horizon"],
            "status": doc["status"], "target_date": doc.get("target_date"),
            "milestones": [{k: m.get(k) for k in ("milestone_id", "kind", "title", "role", "organisation", "status")}
                           for m in doc.get("milestones", [])]}


def create_goal(scope: Scope, data: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
    coll = goals(scope)
    if data["horizon"] == "ultimate" and coll.count_documents({"horizon": "ultimate", "status": "active"}):
        raise Problem(409, "there is already an active ultimate goal; archive it before setting a new one",
                      slug="ultimate-goal-exists")
    now = datetime.now(timezone.utc)
    milestones = [{**m, "milestone_id": str(uuid.uuid4()), "due_date": _iso(m.get("due_date")), "status": "open"}
                  for m in data.get("milestones", [])]
    doc = {"_id": str(uuid.uuid4()), "title": data["title"], "horizon": data["horizon"], "status": "active",
           "target_date": _iso(data.get("target_date")), "why": data.get("why"), "milestones": milestones,
           "created_at": now, "updated_at": now, "version": 1}
    event = new_event("goal.created", org_id=scope.org_id, member_id=scope.member_id, data=goal_state(doc),
                      source=SOURCE, correlation_id=correlation_id)
    return outbox.insert(coll, doc, [event])


def list_goals(scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    return pagination.page_by_id(goals(scope), {}, limit, cursor, {"outbox": 0})
