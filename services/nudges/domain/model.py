"""The member's picture as the coach sees it, built only from events (the read model).

Records are stored per aggregate (contact, interaction, gathering, goal, plan, profile …)
with the aggregate's own `version`, so events may arrive in any order across aggregates
and a replay from the first offset rebuilds the same picture. `build_view` joins them:
an interaction whose contact has not arrived yet simply waits, a merged contact's
interactions follow it to the contact it was merged into.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from shared.events import deterministic_id

from .projection import IN_FORCE_SINCE
from .timing import WorkingTime, parse_instant

STYLES = ("introvert", "ambivert", "extrovert")
DEFAULT_STYLE = "ambivert"
# The same defaults the goals service offers before a member sets a plan: an introvert's
# plan asks for fewer, deeper touches and more time to follow up; an extrovert's more, sooner.
STYLE_DEFAULTS: dict[str, dict[str, int]] = {
    "introvert": {"weekly_budget": 3, "follow_up_days": 3, "max_nudges_per_day": 2},
    "ambivert": {"weekly_budget": 5, "follow_up_days": 2, "max_nudges_per_day": 3},
    "extrovert": {"weekly_budget": 8, "follow_up_days": 1, "max_nudges_per_day": 5},
}

OPEN = ("pending", "snoozed")
STATUSES = ("pending", "snoozed", "done", "dismissed", "withdrawn")
TIERS = ("mentor", "guardian", "sponsor", "peer", "acquaintance")


@dataclass(frozen=True)
class Plan:
    style: str
    weekly_budget: int
    follow_up_days: int
    max_nudges_per_day: int
    working: WorkingTime
    is_default: bool = True

    @classmethod
    def from_state(cls, state: dict[str, Any] | None, profile_tz: str | None = None) -> "Plan":
        """The member's plan, leniently: missing or odd values take the style's defaults;
        the zone comes from the plan, else the member's account, else UTC."""
        state = state or {}
        style = state["style"] if state.get("style") in STYLES else DEFAULT_STYLE
        defaults = STYLE_DEFAULTS[style]

        def number(name: str, lo: int, hi: int) -> int:
            value = state.get(name)
            if isinstance(value, bool) or not isinstance(value, int):
                return defaults[name]
            return min(max(value, lo), hi)

        return cls(style=style, weekly_budget=number("weekly_budget", 0, 100),
                   follow_up_days=number("follow_up_days", 0, 60),
                   max_nudges_per_day=number("max_nudges_per_day", 1, 50),
                   working=WorkingTime.of(_str(state.get("timezone")) or profile_tz, state.get("working_hours")),
                   is_default=not state)


@dataclass(frozen=True)
class Contact:
    contact_id: str
    display_name: str
    company: str | None = None
    title: str | None = None
    tier: str | None = None
    tags: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    goal_links: tuple[str, ...] = ()
    gathering_id: str | None = None
    met_at: datetime | None = None
    captured_at: datetime | None = None
    source: str | None = None

    @property
    def first_name(self) -> str:
        return self.display_name.split()[0] if self.display_name.split() else self.display_name


@dataclass(frozen=True)
class Removed:
    """A contact that is gone: deleted, or merged into another."""

    contact_id: str
    merged_into: str | None = None


@dataclass(frozen=True)
class Interaction:
    interaction_id: str
    contact_id: str
    kind: str
    occurred_at: datetime
    direction: str | None = None
    gathering_id: str | None = None


@dataclass(frozen=True)
class Gathering:
    gathering_id: str
    name: str
    starts_on: str | None = None
    ends_on: str | None = None


@dataclass(frozen=True)
class Milestone:
    milestone_id: str
    kind: str
    title: str
    role: str | None = None
    organisation: str | None = None
    status: str = "open"


@dataclass(frozen=True)
class Goal:
    goal_id: str
    title: str
    horizon: str
    status: str = "active"
    milestones: tuple[Milestone, ...] = ()


def completion_interaction_id(nudge_id: str) -> str:
    """The id of the interaction a member logs when marking this nudge done (the contacts
    service records it under this id)."""
    return deterministic_id("nudge-interaction", nudge_id)


@dataclass(frozen=True)
class NudgeFact:
    """What the coach remembers of a nudge it made: feedback tunes the next ones."""

    id: str
    rule: str
    kind: str
    status: str
    version: int = 1
    contact_id: str | None = None
    goal_id: str | None = None
    contact_ids: tuple[str, ...] = ()
    reason: str | None = None
    issued_day: str | None = None
    due_at: datetime | None = None
    snoozed_until: datetime | None = None
    updated_at: datetime | None = None
    scrubbed: bool = False

    @property
    def open(self) -> bool:
        return self.status in OPEN


@dataclass
class MemberView:
    org_id: str
    member_id: str
    plan: Plan
    has_plan: bool = False
    plan_since: datetime | None = None
    # when the member's working time (zone, hours, days) as known now came into force on
    # their own timeline: the latest `occurred_at` of their plan and profile events
    working_since: datetime | None = None
    member_offers: tuple[str, ...] = ()
    left: bool = False
    contacts: dict[str, Contact] = field(default_factory=dict)
    removed: dict[str, Removed] = field(default_factory=dict)
    interactions: list[Interaction] = field(default_factory=list)
    gatherings: dict[str, Gathering] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    nudges: list[NudgeFact] = field(default_factory=list)

    @property
    def working(self) -> WorkingTime:
        return self.plan.working

    def resolve(self, contact_id: str) -> str:
        """Follow merges: the contact an id now stands for."""
        seen = set()
        while contact_id not in seen:
            merged_into = self.removed[contact_id].merged_into if contact_id in self.removed else None
            if not merged_into:
                break
            seen.add(contact_id)
            contact_id = merged_into
        return contact_id

    def interactions_with(self, contact_id: str) -> list[Interaction]:
        return [i for i in self.interactions if i.contact_id == contact_id]

    def done_touches(self, contact_id: str) -> list[datetime]:
        """Nudges about this contact the member marked done (or dismissed as already done)."""
        return [n.updated_at for n in self.nudges
                if n.contact_id == contact_id and n.updated_at is not None
                and (n.status == "done" or (n.status == "dismissed" and n.reason == "already_done"))]


def _tuple(value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v.strip())


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _latest(values: Iterable[Any]) -> datetime | None:
    instants = [i for i in (parse_instant(v) for v in values) if i is not None]
    return max(instants) if instants else None


def contact_from(agg_id: str, state: dict[str, Any], seen_at: datetime | None) -> Contact:
    return Contact(contact_id=agg_id, display_name=_str(state.get("display_name")) or "your contact",
                   company=_str(state.get("company")), title=_str(state.get("title")),
                   tier=state.get("tier") if state.get("tier") in TIERS else None,
                   tags=_tuple(state.get("tags")), needs=_tuple(state.get("needs")), offers=_tuple(state.get("offers")),
                   goal_links=_tuple(state.get("goal_links")), gathering_id=_str(state.get("gathering_id")),
                   met_at=parse_instant(state.get("met_at")), captured_at=seen_at, source=_str(state.get("source")))


def build_view(org_id: str, member_id: str, records: Iterable[dict[str, Any]],
               nudges: Iterable[NudgeFact] = ()) -> MemberView:
    """Join the stored records of one member into the coach's picture."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_kind.setdefault(r["kind"], []).append(r)
    profile = next((r.get("state") or {} for r in by_kind.get("profile", []) if not r.get("deleted")), {})
    plan_rec = next((r for r in by_kind.get("plan", []) if not r.get("deleted")), None)
    plan_state = (plan_rec or {}).get("state") or {}
    view = MemberView(org_id=org_id, member_id=member_id,
                      plan=Plan.from_state(plan_state, _str(profile.get("timezone"))),
                      has_plan=plan_rec is not None, plan_since=parse_instant((plan_rec or {}).get("seen_at")),
                      working_since=_latest((plan_state.get(IN_FORCE_SINCE), profile.get(IN_FORCE_SINCE))),
                      member_offers=_tuple(plan_state.get("offers")) + _tuple(profile.get("offers")),
                      left=bool(by_kind.get("left")), nudges=list(nudges))
    for r in by_kind.get("contact", []):
        if r.get("deleted"):
            view.removed[r["agg_id"]] = Removed(r["agg_id"], _str((r.get("state") or {}).get("merged_into")))
        else:
            view.contacts[r["agg_id"]] = contact_from(r["agg_id"], r.get("state") or {},
                                                      parse_instant(r.get("seen_at")))
    for r in by_kind.get("gathering", []):
        s = r.get("state") or {}
        if not r.get("deleted"):
            view.gatherings[r["agg_id"]] = Gathering(r["agg_id"], _str(s.get("name")) or "a gathering",
                                                     _str(s.get("starts_on")), _str(s.get("ends_on")))
    for r in by_kind.get("interaction", []):
        s = r.get("state") or {}
        when = parse_instant(s.get("occurred_at"))
        if r.get("deleted") or when is None or not _str(s.get("contact_id")):
            continue
        view.interactions.append(Interaction(r["agg_id"], view.resolve(s["contact_id"]), str(s.get("kind") or "other"),
                                             when, _str(s.get("direction")), _str(s.get("gathering_id"))))
    view.interactions.sort(key=lambda i: (i.occurred_at, i.interaction_id))
    for r in by_kind.get("goal", []):
        s = r.get("state") or {}
        if r.get("deleted"):
            continue
        milestones = tuple(
            Milestone(str(m.get("milestone_id")), str(m.get("kind") or ""), str(m.get("title") or ""),
                      _str(m.get("role")), _str(m.get("organisation")), str(m.get("status") or "open"))
            for m in (s.get("milestones") or []) if isinstance(m, dict) and m.get("milestone_id"))
        view.goals[r["agg_id"]] = Goal(r["agg_id"], _str(s.get("title")) or "your goal", str(s.get("horizon") or ""),
                                       str(s.get("status") or "active"), milestones)
    return view
