"""Use cases of the goals service."""
from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared import clock
from shared import outbox, pagination
from shared.db import Scope, Scoped
from shared.events import new_event
from shared.problems import Problem, not_found

from .adapters.documents import Goal, Plan
from .domain import plan_with_defaults

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
    if data["horizon"] == "ultimate" and coll.count_documents({"horizon": "ultimate", "status": "active",
                                                                "deleted": {"$ne": True}}):
        raise Problem(409, "there is already an active ultimate goal; archive it before setting a new one",
                      slug="ultimate-goal-exists")
    now = clock.now()
    milestones = [{**m, "milestone_id": str(uuid.uuid4()), "due_date": _iso(m.get("due_date")), "status": "open"}
                  for m in data.get("milestones", [])]
    doc = {"_id": str(uuid.uuid4()), "title": data["title"], "horizon": data["horizon"], "status": "active",
           "target_date": _iso(data.get("target_date")), "why": data.get("why"), "milestones": milestones,
           "created_at": now, "updated_at": now, "version": 1}
    event = new_event("goal.created", org_id=scope.org_id, member_id=scope.member_id, data=goal_state(doc),
                      source=SOURCE, correlation_id=correlation_id)
    return outbox.insert(coll, doc, [event])


def list_goals(scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    return pagination.page_by_id(goals(scope), {"deleted": {"$ne": True}}, limit, cursor, {"outbox": 0})


def get_goal(scope: Scope, goal_id: str) -> dict[str, Any]:
    doc = goals(scope).find_one({"_id": goal_id, "deleted": {"$ne": True}}, {"outbox": 0})
    if doc is None:
        raise not_found("goal")
    return doc


def _milestones(items: list[dict], previous: list[dict]) -> list[dict]:
    """New milestones get ids; a milestone with the same kind and title keeps its id and status."""
    known = {(m["kind"], m["title"]): m for m in previous}
    out = []
    for m in items:
        old = known.get((m["kind"], m["title"]))
        out.append({**m, "due_date": _iso(m.get("due_date")),
                    "milestone_id": old["milestone_id"] if old else str(uuid.uuid4()),
                    "status": old["status"] if old else "open"})
    return out


def update_goal(scope: Scope, goal_id: str, changes: dict[str, Any], correlation_id: str | None = None):
    for _ in range(5):  # optimistic concurrency: reload and re-apply if another write won
        doc = get_goal(scope, goal_id)
        new = dict(changes)
        if "target_date" in new:
            new["target_date"] = _iso(new["target_date"])
        if "milestones" in new:
            new["milestones"] = _milestones(new["milestones"], doc.get("milestones", []))
        if (new.get("status") == "active" and doc["horizon"] == "ultimate" and doc["status"] != "active"
                and goals(scope).count_documents({"horizon": "ultimate", "status": "active",
                                                  "deleted": {"$ne": True}})):
            raise Problem(409, "another ultimate goal is active; archive it first", slug="ultimate-goal-exists")
        new["updated_at"] = clock.now()
        state = goal_state({**doc, **new, "version": doc["version"] + 1})
        event = new_event("goal.updated", org_id=scope.org_id, member_id=scope.member_id, data=state,
                          source=SOURCE, correlation_id=correlation_id)
        updated = outbox.update(goals(scope), {"_id": goal_id}, doc["version"], [event], set=new)
        if updated is not None:
            updated.pop("outbox", None)
            return updated
    raise Problem(409, "the goal is changing too fast; try again", slug="write-conflict")


def delete_goal(scope: Scope, goal_id: str, correlation_id: str | None = None) -> None:
    for _ in range(5):
        doc = get_goal(scope, goal_id)
        event = new_event("goal.deleted", org_id=scope.org_id, member_id=scope.member_id,
                          data={"goal_id": goal_id, "version": doc["version"] + 1}, source=SOURCE,
                          correlation_id=correlation_id)
        if outbox.update(goals(scope), {"_id": goal_id}, doc["version"], [event],
                         set={"deleted": True, "milestones": [], "why": None,
                              "updated_at": clock.now()}) is not None:
            return
    raise Problem(409, "the goal is changing too fast; try again", slug="write-conflict")


def plans(scope: Scope) -> Scoped:
    return Scoped(Plan._get_collection(), scope)


def get_plan(scope: Scope) -> dict[str, Any]:
    doc = plans(scope).find_one({"_id": scope.member_id}, {"outbox": 0})
    if doc is None:
        return {**plan_with_defaults({}), "version": 0, "is_default": True}
    return {**doc, "is_default": False}


def put_plan(scope: Scope, fields: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
    """Replace the plan; fields left out take the style's defaults. Publishes `plan.updated`."""
    plan = plan_with_defaults(fields)
    now = clock.now()
    for _ in range(5):
        current = plans(scope).find_one({"_id": scope.member_id}, {"version": 1})
        version = current["version"] + 1 if current else 1
        event = new_event("plan.updated", org_id=scope.org_id, member_id=scope.member_id,
                          data={**plan, "version": version}, source=SOURCE, correlation_id=correlation_id)
        if current is None:
            try:
                doc = outbox.insert(plans(scope), {"_id": scope.member_id, **plan, "updated_at": now}, [event])
            except DuplicateKeyError:
                continue
        else:
            doc = outbox.update(plans(scope), {"_id": scope.member_id}, current["version"], [event],
                                set={**plan, "updated_at": now})
            if doc is None:
                continue
        doc.pop("outbox", None)
        return {**doc, "is_default": False}
    raise Problem(409, "the plan is changing too fast; try again", slug="write-conflict")
