"""The weekly and quarterly reviews: what the member planned against what happened in a
period, as series ready for charts ({label, value}-style arrays). Pure: the member's network
(`Picture`), plan, active goals and objectives in; a review out — the same events replayed give
the same review.

Sections: planned vs actual touches by channel, follow-ups of the contacts met in the period,
giving vs receiving, new relationships by tier, milestone needs newly covered, objectives met;
a quarter adds per-week series. Periods are UTC: an ISO week ("2026-W48") or a quarter
("2026-Q4"); a period still under way counts up to `now`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Iterable

from shared.clock import UTC
from shared.strategy.network import TIERS
from shared.strategy.strength import given, received

from .channels import CHANNELS, channel_of
from .coverage import covered_needs
from .objectives import arrived
from .picture import Picture

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Period:
    label: str
    start: datetime
    end: datetime   # exclusive; a period under way ends at `now`

    @property
    def weeks(self) -> float:
        return (self.end - self.start) / WEEK

    def holds(self, t: datetime | None) -> bool:
        return t is not None and self.start <= t < self.end


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def parse_week(text: str, now: datetime) -> Period:
    """An ISO week ("2026-W48"); ValueError when malformed or not begun at `now`."""
    m = _WEEK.match(text or "")
    if not m:
        raise ValueError("must be an ISO week like 2026-W48")
    try:
        first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        raise ValueError(f"{text} is no ISO week") from None
    return _bounded(text, _midnight(first), _midnight(first + timedelta(days=7)), now)


def parse_quarter(text: str, now: datetime) -> Period:
    """A quarter ("2026-Q4"); ValueError when malformed or not begun at `now`."""
    m = _QUARTER.match(text or "")
    if not m:
        raise ValueError("must be a quarter like 2026-Q4")
    year, q = int(m[1]), int(m[2])
    first = date(year, 3 * q - 2, 1)
    last = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return _bounded(text, _midnight(first), _midnight(last), now)


def _bounded(label: str, start: datetime, end: datetime, now: datetime) -> Period:
    if start > now:
        raise ValueError(f"{label} has not begun yet")
    return Period(label, start, min(end, now))


def last_full_week(now: datetime) -> str:
    """The ISO week before the one `now` is in."""
    return week_label(now.astimezone(UTC).date() - timedelta(days=7))


def current_quarter(now: datetime) -> str:
    day = now.astimezone(UTC).date()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def as_of(picture: Picture, t: datetime) -> Picture:
    """The network as it stood at `t`, as far as the read model tells: contacts first seen by
    then, interactions and nudge outcomes up to then (tiers and titles are today's)."""
    return Picture(contacts={k: c for k, c in picture.contacts.items() if c.captured_at is None or c.captured_at <= t},
                   removed=picture.removed, gatherings=picture.gatherings, left=picture.left,
                   interactions=[i for i in picture.interactions if i.occurred_at <= t],
                   nudges=[n for n in picture.nudges if (n.changed_at or n.created_at or t) <= t])


def touches(picture: Picture, plan: dict[str, Any], period: Period) -> dict[str, Any]:
    """Planned (weekly budget × the weeks of the period × each channel's share) against actual
    (interactions by channel). Without a channel mix only the total is planned."""
    planned_total = round((plan.get("weekly_budget") or 0) * period.weeks, 1)
    mix = plan.get("channels") if isinstance(plan.get("channels"), dict) else None
    actual: dict[str, int] = {}
    for i in picture.interactions:
        if period.holds(i.occurred_at) and i.contact_id in picture.contacts:
            actual[channel_of(i)] = actual.get(channel_of(i), 0) + 1
    names = list(CHANNELS) + sorted(set(mix or {}) - set(CHANNELS))
    rows = [{"label": ch, "planned": round(planned_total * float(mix.get(ch) or 0), 1) if mix else None,
             "actual": actual.get(ch, 0)} for ch in names]
    return {"planned_total": planned_total, "actual_total": sum(actual.values()), "by_channel": rows}


def follow_ups(picture: Picture, plan: dict[str, Any], period: Period, now: datetime) -> dict[str, Any]:
    """Of the contacts met in the period, how many the member was in touch with again within the
    plan's follow_up_days, how many later, how many not yet (as of `now`)."""
    days = int(plan.get("follow_up_days") or 0)
    within = later = not_yet = 0
    for c in picture.contacts.values():
        met = arrived(c)
        if not period.holds(met):
            continue
        assert met is not None
        after = [t for t in picture.touches(c.contact_id) if met < t <= now]
        if not after:
            not_yet += 1
        elif after[0] <= met + timedelta(days=days):
            within += 1
        else:
            later += 1
    return {"follow_up_days": days, "met": within + later + not_yet,
            "series": [{"label": "within", "value": within}, {"label": "later", "value": later},
                       {"label": "not_yet", "value": not_yet}]}


def giving(picture: Picture, period: Period) -> dict[str, Any]:
    """Favours given and received in the period's interactions."""
    window = [i for i in picture.interactions if period.holds(i.occurred_at) and i.contact_id in picture.contacts]
    gave, got = sum(1 for i in window if given(i)), sum(1 for i in window if received(i))
    return {"given": gave, "received": got,
            "series": [{"label": "given", "value": gave}, {"label": "received", "value": got}]}


def new_relationships(picture: Picture, period: Period) -> dict[str, Any]:
    """Contacts who arrived in the period (met, or captured without a meeting date), by tier."""
    counts: dict[str, int] = {}
    for c in picture.contacts.values():
        if period.holds(arrived(c)):
            counts[c.tier or "none"] = counts.get(c.tier or "none", 0) + 1
    return {"total": sum(counts.values()),
            "by_tier": [{"label": t, "value": counts.get(t, 0)} for t in (*TIERS, "none")]}


def newly_covered(picture: Picture, goals: Iterable[dict[str, Any]], period: Period) -> dict[str, Any]:
    """The milestone needs of the member's active goals covered at the period's end and not at
    its start (domain/coverage.py)."""
    before, after = as_of(picture, period.start), as_of(picture, period.end)
    items = []
    for goal in goals:
        if goal.get("status", "active") != "active":
            continue
        titles = {m.get("milestone_id"): m.get("title") for m in goal.get("milestones") or []}
        fresh = covered_needs(goal, after, period.end) - covered_needs(goal, before, period.start)
        items += [{"goal_id": goal["_id"], "milestone_id": ms, "need": need, "title": titles.get(ms)}
                  for ms, need in sorted(fresh)]
    return {"count": len(items), "items": items}


def objectives_met(objectives: Iterable[dict[str, Any]], period: Period) -> dict[str, Any]:
    items = [{"objective_id": o["_id"], "title": o["title"], "kind": o["kind"]}
             for o in objectives if o.get("status") == "met" and period.holds(_aware(o.get("met_at")))]
    return {"count": len(items), "items": sorted(items, key=lambda o: o["objective_id"])}


def _aware(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def review(picture: Picture, plan: dict[str, Any], goals: list[dict[str, Any]],
           objectives: list[dict[str, Any]], period: Period, now: datetime) -> dict[str, Any]:
    return {"period": period.label, "starts_at": period.start, "ends_at": period.end,
            "touches": touches(picture, plan, period), "follow_ups": follow_ups(picture, plan, period, now),
            "giving": giving(picture, period), "new_relationships": new_relationships(picture, period),
            "milestones_covered": newly_covered(picture, goals, period),
            "objectives_met": objectives_met(objectives, period)}


def weeks_of(period: Period) -> list[Period]:
    """The ISO weeks a period spans, each cut to the period."""
    out = []
    day = period.start.date() - timedelta(days=period.start.date().weekday())
    while _midnight(day) < period.end:
        start, end = max(_midnight(day), period.start), min(_midnight(day + timedelta(days=7)), period.end)
        out.append(Period(week_label(day), start, end))
        day += timedelta(days=7)
    return out


def quarterly(picture: Picture, plan: dict[str, Any], goals: list[dict[str, Any]],
              objectives: list[dict[str, Any]], period: Period, now: datetime) -> dict[str, Any]:
    """The review of the quarter with, per week, touches planned and made, favours and new contacts."""
    weeks = []
    for w in weeks_of(period):
        t, gv = touches(picture, plan, w), giving(picture, w)
        weeks.append({"label": w.label, "planned": t["planned_total"], "actual": t["actual_total"],
                      "given": gv["given"], "received": gv["received"],
                      "new_contacts": new_relationships(picture, w)["total"]})
    return {**review(picture, plan, goals, objectives, period, now), "weeks": weeks}
