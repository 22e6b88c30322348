"""Coverage of a goal: for every need of every milestone (a relationship milestone's own role,
organisation or sector; the people who usually open a position or an experience), who in the
member's network covers it, how strongly, and what is missing — with the reason for each verdict
(shared.strategy.coverage, the same verdicts the nudge rules act on). Pure.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.strategy.coverage import COVERED, MISSING, WEAK, milestone_targets, verdict

from .picture import Picture

OPEN = ("open", "active", "in_progress", "planned")  # the milestone statuses still worked on
LISTED = 20  # fitting contacts listed per need, strongest first (`fitting` counts them all)


def _contact(contact, strength) -> dict[str, Any]:
    return {"contact_id": contact.contact_id, "display_name": contact.display_name, "title": contact.title,
            "company": contact.company, "strength": strength.as_dict()}


def milestone_coverage(milestone: dict[str, Any], picture: Picture, now: datetime) -> dict[str, Any]:
    """Each need of one milestone with its verdict; the milestone's own verdict is its weakest
    need's (no needs: `status` None — nothing to cover)."""
    needs = []
    for name, target in milestone_targets(milestone):
        v = verdict(target, picture.contacts.values(), lambda c: picture.strength(c, now))
        needs.append({"need": name, **target.as_dict(), "verdict": v.status, "reason": v.reason,
                      "fitting": len(v.contacts), "contacts": [_contact(c, s) for c, s in v.contacts[:LISTED]],
                      "connector": _contact(v.connector, picture.strength(v.connector, now)) if v.connector else None})
    order = {MISSING: 0, WEAK: 1, COVERED: 2}
    worst = min((n["verdict"] for n in needs), key=order.__getitem__, default=None)
    return {"milestone_id": milestone.get("milestone_id"), "kind": milestone.get("kind"),
            "title": milestone.get("title"), "status": milestone.get("status"), "verdict": worst, "needs": needs}


def goal_coverage(goal: dict[str, Any], picture: Picture, now: datetime) -> dict[str, Any]:
    """The coverage of a goal's milestones at `now`, with counts by verdict (open milestones' needs)."""
    milestones = [milestone_coverage(m, picture, now) for m in goal.get("milestones") or []]
    counts = {COVERED: 0, WEAK: 0, MISSING: 0}
    for m in milestones:
        if m["status"] in OPEN:
            for n in m["needs"]:
                counts[n["verdict"]] += 1
    return {"goal_id": goal["_id"], "title": goal.get("title"), "status": goal.get("status"), "as_of": now,
            "contacts_considered": len(picture.contacts), "counts": counts, "milestones": milestones}


def covered_needs(goal: dict[str, Any], picture: Picture, now: datetime) -> set[tuple[str, str]]:
    """(milestone id, need) of every covered need at `now`: what a review compares over a period."""
    return {(m["milestone_id"], n["need"]) for m in goal_coverage(goal, picture, now)["milestones"]
            for n in m["needs"] if n["verdict"] == COVERED}
