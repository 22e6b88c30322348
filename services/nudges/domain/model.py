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
from shared.strategy.network import (TIERS, Contact, Gathering, Interaction, Network, Removed,  # noqa: F401
                                     by_kind as _by_kind, fill)
from shared.strategy.network import text_or_none as _str
from shared.strategy.network import text_tuple as _tuple

from shared.strategy.coverage import Target, milestone_targets, opened_by
from shared.strategy.projection import IN_FORCE_SINCE
from shared.strategy.styles import DEFAULT_STYLE, STYLE_DEFAULTS, STYLES
from .timing import WorkingTime, parse_instant

OPEN = ("pending", "snoozed")
STATUSES = ("pending", "snoozed", "done", "dismissed", "withdrawn")


@dataclass(frozen=True)
class Plan:
    style: str
    weekly_budget: int
    follow_up_days: int
    max_nudges_per_day: int
    working: WorkingTime
    is_default: bool = True
    # recurring commitments ({what, count, per: week | month}), read leniently (goals' plan.updated)
    commitments: tuple[tuple[str, int, str], ...] = ()

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
                   is_default=not state, commitments=_commitments(state.get("commitments")))


@dataclass(frozen=True)
class Milestone:
    milestone_id: str
    kind: str
    title: str
    role: str | None = None
    organisation: str | None = None
    status: str = "open"
    sector: str | None = None
    opened_by: tuple[Target, ...] = ()  # positions and experience: the relationships that usually open them

    @property
    def targets(self) -> list[tuple[str, Target]]:
        """Whom it needs, named (shared.strategy.coverage.milestone_targets)."""
        return milestone_targets({"kind": self.kind, "role": self.role, "organisation": self.organisation,
                                  "sector": self.sector, "opened_by": [t.as_dict() for t in self.opened_by]})


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
class MemberView(Network):
    org_id: str = ""
    member_id: str = ""
    plan: Plan = None  # type: ignore[assignment]  # always given (build_view)
    has_plan: bool = False
    plan_since: datetime | None = None
    # when the member's working time (zone, hours, days) as known now came into force on
    # their own timeline: the latest `occurred_at` of their plan and profile events
    working_since: datetime | None = None
    member_offers: tuple[str, ...] = ()
    left: bool = False
    goals: dict[str, Goal] = field(default_factory=dict)
    nudges: list[NudgeFact] = field(default_factory=list)

    @property
    def working(self) -> WorkingTime:
        return self.plan.working

    def done_touches(self, contact_id: str) -> list[datetime]:
        """Nudges about this contact the member marked done (or dismissed as already done)."""
        return [n.updated_at for n in self.nudges
                if n.contact_id == contact_id and n.updated_at is not None
                and (n.status == "done" or (n.status == "dismissed" and n.reason == "already_done"))]


def _commitments(value: Any) -> tuple[tuple[str, int, str], ...]:
    """(what, count, per) of each well-formed commitment; anything odd is skipped."""
    out = []
    for c in value if isinstance(value, list) else []:
        if isinstance(c, dict) and _str(c.get("what")) and c.get("per") in ("week", "month") \
                and isinstance(c.get("count"), int) and not isinstance(c.get("count"), bool) and c["count"] > 0:
            out.append((c["what"], c["count"], c["per"]))
    return tuple(out)


def _latest(values: Iterable[Any]) -> datetime | None:
    instants = [i for i in (parse_instant(v) for v in values) if i is not None]
    return max(instants) if instants else None


def build_view(org_id: str, member_id: str, records: Iterable[dict[str, Any]],
               nudges: Iterable[NudgeFact] = ()) -> MemberView:
    """Join the stored records of one member into the coach's picture."""
    by_kind = _by_kind(records)
    profile = next((r.get("state") or {} for r in by_kind.get("profile", []) if not r.get("deleted")), {})
    plan_rec = next((r for r in by_kind.get("plan", []) if not r.get("deleted")), None)
    plan_state = (plan_rec or {}).get("state") or {}
    view = MemberView(org_id=org_id, member_id=member_id,
                      plan=Plan.from_state(plan_state, _str(profile.get("timezone"))),
                      has_plan=plan_rec is not None, plan_since=parse_instant((plan_rec or {}).get("seen_at")),
                      working_since=_latest((plan_state.get(IN_FORCE_SINCE), profile.get(IN_FORCE_SINCE))),
                      member_offers=_tuple(plan_state.get("offers")) + _tuple(profile.get("offers")),
                      left=bool(by_kind.get("left")), nudges=list(nudges))
    fill(view, by_kind)
    for r in by_kind.get("goal", []):
        s = r.get("state") or {}
        if r.get("deleted"):
            continue
        milestones = tuple(
            Milestone(str(m.get("milestone_id")), str(m.get("kind") or ""), str(m.get("title") or ""),
                      _str(m.get("role")), _str(m.get("organisation")), str(m.get("status") or "open"),
                      _str(m.get("sector")), opened_by(m))
            for m in (s.get("milestones") or []) if isinstance(m, dict) and m.get("milestone_id"))
        view.goals[r["agg_id"]] = Goal(r["agg_id"], _str(s.get("title")) or "your goal", str(s.get("horizon") or ""),
                                       str(s.get("status") or "active"), milestones)
    return view
