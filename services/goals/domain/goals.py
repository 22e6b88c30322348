"""Goals and their milestones: what a goal document holds, what its events say, and the
one-active-ultimate-goal rule. Pure functions, no I/O.

A member has at most one active ultimate goal. Every goal carries `ultimate_key`: the same
value (`ACTIVE_ULTIMATE`) on the active ultimate goal, the goal's own id on every other, so a
unique index on (org_id, member_id, ultimate_key) turns a second active ultimate goal into a
duplicate key — on MongoDB and on FerretDB alike (no partial index needed), and for two
requests racing as much as for one after the other.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Callable

HORIZONS = ("ultimate", "interim")
STATUSES = ("active", "achieved", "archived")
ACTIVE_ULTIMATE = "active"

NewId = Callable[[], str]


def new_id() -> str:
    return str(uuid.uuid4())


class UltimateGoalTaken(Exception):
    """The member already has an active ultimate goal (a store refused the second one)."""


def ultimate_key(doc: dict[str, Any]) -> str:
    """`ACTIVE_ULTIMATE` for the active ultimate goal, the goal's id for every other goal."""
    active = doc["horizon"] == "ultimate" and doc["status"] == "active" and not doc.get("deleted")
    return ACTIVE_ULTIMATE if active else doc["_id"]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def goal_state(doc: dict[str, Any]) -> dict[str, Any]:
    """The `goal.*` event data of a goal."""
    return {"goal_id": doc["_id"], "version": doc["version"], "title": doc["title"], "horizon": doc["horizon"],
            "status": doc["status"], "target_date": doc.get("target_date"),
            "milestones": [{k: m.get(k) for k in ("milestone_id", "kind", "title", "role", "organisation", "status")}
                           for m in doc.get("milestones", [])]}


def new_goal(data: dict[str, Any], now: datetime, make_id: NewId = new_id) -> dict[str, Any]:
    """A new goal from what the member sent: active, its milestones open."""
    milestones = [{**m, "milestone_id": make_id(), "due_date": _iso(m.get("due_date")), "status": "open"}
                  for m in data.get("milestones", [])]
    doc = {"_id": make_id(), "title": data["title"], "horizon": data["horizon"], "status": "active",
           "target_date": _iso(data.get("target_date")), "why": data.get("why"), "milestones": milestones,
           "created_at": now, "updated_at": now, "version": 1}
    doc["ultimate_key"] = ultimate_key(doc)
    return doc


def milestones(items: list[dict], previous: list[dict], make_id: NewId = new_id) -> list[dict]:
    """New milestones get ids; a milestone with the same kind and title keeps its id and status."""
    known = {(m["kind"], m["title"]): m for m in previous}
    out = []
    for m in items:
        old = known.get((m["kind"], m["title"]))
        out.append({**m, "due_date": _iso(m.get("due_date")),
                    "milestone_id": old["milestone_id"] if old else make_id(),
                    "status": old["status"] if old else "open"})
    return out


def changed(doc: dict[str, Any], changes: dict[str, Any], now: datetime, make_id: NewId = new_id) -> dict[str, Any]:
    """What to set on `doc` for the member's `changes` (dates as text, milestones matched)."""
    new = dict(changes)
    if "target_date" in new:
        new["target_date"] = _iso(new["target_date"])
    if "milestones" in new:
        new["milestones"] = milestones(new["milestones"], doc.get("milestones", []), make_id)
    new["updated_at"] = now
    new["ultimate_key"] = ultimate_key({**doc, **new})
    return new


def deleted(doc: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What to set on a deleted goal: a tombstone without the member's words."""
    return {"deleted": True, "milestones": [], "why": None, "updated_at": now, "ultimate_key": doc["_id"]}
