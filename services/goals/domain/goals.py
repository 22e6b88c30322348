"""Goals and their milestones: what a goal document holds, what its events say, the
one-active-ultimate-goal rule and a change of direction. Pure functions, no I/O.

A goal's path is its ordered milestones, of kinds position, training, experience and
relationship, each with what "done" means (`done_when`), a due date and a status. A
relationship milestone names whom to know (role, organisation, sector); a position or an
experience may name the relationships that usually open it (`opened_by`). Interim goals hang
off an ultimate goal (`parent_goal_id`). A change of direction archives the ultimate goal and
sets a new one that names it (`previous_goal_id`; the old one names `replaced_by`): the
network and the history stay, the old goal stays readable.

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

from shared.versions import with_field_versions

HORIZONS = ("ultimate", "interim")
STATUSES = ("active", "achieved", "archived")
MILESTONE_KINDS = ("position", "training", "experience", "relationship")
MILESTONE_STATUSES = ("open", "in_progress", "done", "dropped")
ACTIVE_ULTIMATE = "active"
MILESTONE_FIELDS = ("milestone_id", "kind", "title", "role", "organisation", "sector", "status", "done_when",
                    "due_date", "opened_by")

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
            "milestones": [{k: m.get(k) for k in MILESTONE_FIELDS} for m in doc.get("milestones", [])],
            "parent_goal_id": doc.get("parent_goal_id"), "previous_goal_id": doc.get("previous_goal_id")}


def new_goal(data: dict[str, Any], now: datetime, make_id: NewId = new_id, goal_id: str | None = None
             ) -> dict[str, Any]:
    """A new goal from what the member sent: active, its milestones open unless they say otherwise."""
    doc = {"_id": goal_id or make_id(), "title": data["title"], "horizon": data["horizon"], "status": "active",
           "target_date": _iso(data.get("target_date")), "why": data.get("why"),
           "milestones": milestones(data.get("milestones", []), [], make_id),
           "parent_goal_id": data.get("parent_goal_id"), "previous_goal_id": data.get("previous_goal_id"),
           "created_at": now, "updated_at": now, "version": 1}
    doc["ultimate_key"] = ultimate_key(doc)
    return doc


def _milestone(m: dict[str, Any], milestone_id: str, status: str) -> dict[str, Any]:
    return {"role": None, "organisation": None, "sector": None, "done_when": None, **m,
            "due_date": _iso(m.get("due_date")), "opened_by": [dict(t) for t in m.get("opened_by") or []],
            "milestone_id": milestone_id, "status": m.get("status") or status}


def milestones(items: list[dict], previous: list[dict], make_id: NewId = new_id) -> list[dict]:
    """The path as sent, in order. New milestones get ids; one with the same kind and title as
    before keeps its id and (unless the member sets it) its status."""
    known = {(m["kind"], m["title"]): m for m in previous}
    out = []
    for m in items:
        old = known.get((m["kind"], m["title"]))
        out.append(_milestone(m, old["milestone_id"] if old else make_id(), old["status"] if old else "open"))
    return out


def status_changes(before: list[dict], after: list[dict]) -> list[dict[str, Any]]:
    """The milestones whose status moved (`milestone.status_changed` data, without the version)."""
    was = {m["milestone_id"]: m.get("status") for m in before}
    return [{"milestone_id": m["milestone_id"], "status": m["status"], "previous_status": was[m["milestone_id"]]}
            for m in after if m["milestone_id"] in was and was[m["milestone_id"]] != m["status"]]


def successor_id(doc: dict[str, Any]) -> str:
    """The id of the goal a change of direction away from `doc` sets: the same on every retry
    of that change (the goal's id and the version it was changed from decide it)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"rapport:goal-successor:{doc['_id']}:{doc['version']}"))


def changed(doc: dict[str, Any], changes: dict[str, Any], now: datetime, make_id: NewId = new_id) -> dict[str, Any]:
    """What to set on `doc` for the member's `changes` (dates as text, milestones matched), with
    the version at which each field last changed (what sync's conflicts are decided on)."""
    new = dict(changes)
    if "target_date" in new:
        new["target_date"] = _iso(new["target_date"])
    if "milestones" in new:
        new["milestones"] = milestones(new["milestones"], doc.get("milestones", []), make_id)
    new = with_field_versions(doc, new, SYNCED_FIELDS)
    new["updated_at"] = now
    new["ultimate_key"] = ultimate_key({**doc, **new})
    return new


SYNCED_FIELDS = ("title", "status", "target_date", "why", "milestones", "parent_goal_id")


def deleted(doc: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What to set on a deleted goal: a tombstone without the member's words."""
    return {"deleted": True, "milestones": [], "why": None, "updated_at": now, "ultimate_key": doc["_id"]}
