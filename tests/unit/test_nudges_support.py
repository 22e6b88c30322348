"""Builders for the nudges unit tests (no tests here): a member's picture in a few lines."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

from services.nudges.domain.model import (Contact, Gathering, Goal, Interaction, MemberView, Milestone, NudgeFact,
                                          Plan, Removed)
from services.nudges.domain.timing import WorkingTime

UTC = timezone.utc
NOW = datetime(2026, 5, 6, 10, 0, tzinfo=UTC)  # a Wednesday, 10:00 UTC
_ids = itertools.count(1)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def plan(style="ambivert", weekly_budget=5, follow_up_days=2, max_nudges_per_day=3, tz="UTC",
         hours=None) -> Plan:
    return Plan(style, weekly_budget, follow_up_days, max_nudges_per_day, WorkingTime.of(tz, hours), is_default=False)


def contact(cid: str, name: str | None = None, **kw) -> Contact:
    kw.setdefault("captured_at", kw.get("met_at") or NOW - days(400))
    kw.setdefault("source", "import" if "met_at" not in kw else None)
    return Contact(contact_id=cid, display_name=name or cid.title(), **kw)


def met(cid: str, when: datetime, name: str | None = None, **kw) -> Contact:
    return Contact(contact_id=cid, display_name=name or cid.title(), met_at=when, captured_at=when, **kw)


def interaction(cid: str, when: datetime, kind: str = "coffee", iid: str | None = None,
                direction: str | None = None) -> Interaction:
    return Interaction(iid or f"i-{next(_ids)}", cid, kind, when, direction)


def goal(gid: str = "g-1", title: str = "Chief Technology Officer", horizon: str = "ultimate", status="active",
         milestones=()) -> Goal:
    return Goal(gid, title, horizon, status, tuple(milestones))


def relationship(mid: str = "ms-1", role: str | None = "CTO", organisation: str | None = None,
                 status="open") -> Milestone:
    return Milestone(mid, "relationship", f"Know a {role or 'someone'}", role, organisation, status)


def fact(nid: str, rule: str, status: str = "pending", **kw) -> NudgeFact:
    kw.setdefault("kind", rule)
    kw.setdefault("updated_at", NOW - days(1))
    return NudgeFact(id=nid, rule=rule, status=status, **kw)


def view(*, contacts=(), interactions=(), goals=(), nudges=(), the_plan: Plan | None = None, has_plan=True,
         plan_since: datetime | None = None, offers=(), removed=(), gatherings=(), left=False,
         org_id="org-1", member_id="m-1") -> MemberView:
    v = MemberView(org_id=org_id, member_id=member_id, plan=the_plan or plan(), has_plan=has_plan,
                   plan_since=plan_since or NOW - days(365), member_offers=tuple(offers), left=left,
                   nudges=list(nudges))
    v.contacts = {c.contact_id: c for c in contacts}
    v.removed = {r.contact_id: r for r in (removed if not isinstance(removed, Removed) else [removed])}
    v.interactions = sorted((i for i in interactions), key=lambda i: (i.occurred_at, i.interaction_id))
    v.goals = {g.goal_id: g for g in goals}
    v.gatherings = {g.gathering_id: g for g in gatherings}
    return v


__all__ = ["NOW", "UTC", "days", "plan", "contact", "met", "interaction", "goal", "relationship", "fact", "view",
           "Gathering", "Removed"]
