"""Networking objectives: concrete, measurable, dated steps toward a goal ("meet two product
leaders at fintechs by March", "give first twice a month"), what their documents and events
hold, the rules that make one valid, and their progress, computed from the member's network
(`Picture`) at read time. Pure functions, no I/O.

Kinds, and what each counts inside its window (starts_on 00:00 UTC to the end of due_date):

- `meet`: contacts fitting the criteria (role, organisation, sector: shared.strategy.coverage;
  tier) who arrived in the window — met then (`met_at`) or, without a meeting date, captured then.
- `give_first`: favours given (shared.strategy.strength.given) plus give-first nudges marked done;
  the same contact on the same UTC day counts once (a done nudge and the favour it logged).
- `touches`: interactions through one channel (domain/channels.py).
- `find_mentor`: contacts of tier mentor or guardian, linked to the objective's goal or to no goal.
- `strengthen`: fitting contacts whose relationship is strong now (Picture.strength).

`give_first` and `touches` may be counted per `week` (ISO, "2026-W49") or `month` ("2026-12"):
then `count` is the current period's, `series` every period's so far, and the objective is met
once every period of the window reached the target. Interactions with deleted contacts, and
deleted interactions, count for nothing; a merged contact counts once, as the one it merged into.

The module is long because an objective's rules, its five kinds' counting, its periods and the
proposal of the first objective read best side by side: each needs the others' definitions.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any, Callable, Iterable

from shared.clock import UTC
from shared.strategy.coverage import fits, target_of
from shared.strategy.network import TIERS, Contact
from shared.strategy.strength import given
from shared.strategy.text import need_met_by

from .channels import CHANNELS, channel_of
from .picture import Picture

KINDS = ("meet", "give_first", "find_mentor", "strengthen", "touches")
PERIODIC = ("give_first", "touches")
PERIODS = ("week", "month")
STATUSES = ("active", "met", "missed", "archived")
SETTABLE_STATUSES = ("active", "archived")  # met and missed follow from progress (refresh)
MENTOR_TIERS = ("mentor", "guardian")
MAX_TARGET = 1000
CRITERIA = ("role", "organisation", "sector", "tier", "channel")

NewId = Callable[[], str]


def new_id() -> str:
    return str(uuid.uuid4())


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _iso(value: Any) -> str | None:
    day = _day(value)
    return day.isoformat() if day else None


def criteria_of(value: Any) -> dict[str, str | None]:
    """Every criterion, None where not given (blank text is none)."""
    value = value if isinstance(value, dict) else {}
    return {k: (value.get(k).strip() or None) if isinstance(value.get(k), str) else None for k in CRITERIA}


def problems(doc: dict[str, Any]) -> dict[str, list[str]]:
    """What makes an objective invalid, by field (empty: valid)."""
    errors: dict[str, list[str]] = {}

    def bad(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    kind, per, target = doc.get("kind"), doc.get("per"), doc.get("target")
    if kind not in KINDS:
        bad("kind", f"must be one of {', '.join(KINDS)}")
    if not isinstance(target, int) or isinstance(target, bool) or not 1 <= target <= MAX_TARGET:
        bad("target", f"must be a whole number from 1 to {MAX_TARGET}")
    if per is not None and per not in PERIODS:
        bad("per", "must be week or month (or null: in total)")
    elif per is not None and kind in KINDS and kind not in PERIODIC:
        bad("per", f"a {kind} objective is counted in total, not per {per}")
    starts, due = _day(doc.get("starts_on")), _day(doc.get("due_date"))
    if due is None:
        bad("due_date", "an objective needs a due date")
    elif starts is not None and due < starts:
        bad("due_date", "must not be before starts_on")
    criteria = criteria_of(doc.get("criteria"))
    if criteria["tier"] is not None and criteria["tier"] not in TIERS:
        bad("criteria", f"tier must be one of {', '.join(TIERS)}")
    if kind == "touches" and criteria["channel"] not in CHANNELS:
        bad("criteria", f"a touches objective names its channel: one of {', '.join(CHANNELS)}")
    elif kind != "touches" and criteria["channel"] is not None:
        bad("criteria", "only a touches objective names a channel")
    if doc.get("milestone_id") and not doc.get("goal_id"):
        bad("milestone_id", "a milestone is named with its goal_id")
    return errors


def new_objective(data: dict[str, Any], now: datetime, make_id: NewId = new_id) -> dict[str, Any]:
    """A new, active objective from what the member sent; it starts today unless told otherwise."""
    return {"_id": make_id(), "title": data["title"], "kind": data["kind"], "target": data.get("target", 1),
            "per": data.get("per"), "starts_on": _iso(data.get("starts_on")) or now.date().isoformat(),
            "due_date": _iso(data.get("due_date")), "goal_id": data.get("goal_id"),
            "milestone_id": data.get("milestone_id"), "criteria": criteria_of(data.get("criteria")),
            "status": "active", "met_at": None, "created_at": now, "updated_at": now, "version": 1}


# what a member (or their phone, offline) edits: sync decides conflicts on these
SYNCED_FIELDS = ("title", "kind", "target", "per", "starts_on", "due_date", "goal_id", "milestone_id", "criteria",
                 "status")


def changed(changes: dict[str, Any], now: datetime) -> dict[str, Any]:
    """What to set for the member's `changes` (dates as text, criteria complete)."""
    new = dict(changes)
    for field in ("starts_on", "due_date"):
        if field in new:
            new[field] = _iso(new[field])
    if "criteria" in new:
        new["criteria"] = criteria_of(new["criteria"])
    new["updated_at"] = now
    return new


def deleted(now: datetime) -> dict[str, Any]:
    """A tombstone without the member's words."""
    return {"deleted": True, "title": "", "criteria": criteria_of({}), "updated_at": now}


def objective_state(doc: dict[str, Any], progress: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `objective.*` event data (with the progress computed for this write)."""
    return {"objective_id": doc["_id"], "version": doc["version"], "title": doc["title"], "kind": doc["kind"],
            "target": doc["target"], "per": doc.get("per"), "starts_on": doc.get("starts_on"),
            "due_date": doc.get("due_date"), "goal_id": doc.get("goal_id"), "milestone_id": doc.get("milestone_id"),
            "criteria": criteria_of(doc.get("criteria")), "status": doc.get("status", "active"),
            "progress": {k: progress[k] for k in ("count", "target", "met", "period")} if progress else None}


# --- periods -------------------------------------------------------------------------------

def period_of(moment: datetime | date, per: str) -> str:
    """"2026-W49" (ISO week) or "2026-12" of an instant (UTC) or a day."""
    day = _day(moment.astimezone(UTC) if isinstance(moment, datetime) else moment)
    assert day is not None
    if per == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return f"{day.year}-{day.month:02d}"


def periods(first: date, last: date, per: str) -> list[str]:
    """Every period from the one holding `first` to the one holding `last`."""
    out: list[str] = []
    day = first - timedelta(days=first.weekday()) if per == "week" else first.replace(day=1)
    while day <= last:
        out.append(period_of(day, per))
        if per == "week":
            day += timedelta(days=7)
        else:
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def window(doc: dict[str, Any]) -> tuple[datetime, datetime]:
    """The instants an objective counts in: from its first day's start to its due day's end (UTC)."""
    starts, due = _day(doc.get("starts_on")), _day(doc.get("due_date"))
    start = datetime.combine(starts or date.min, time(0), tzinfo=UTC)
    end = datetime.combine(due + timedelta(days=1), time(0), tzinfo=UTC) if due else datetime.max.replace(tzinfo=UTC)
    return start, end


# --- progress ------------------------------------------------------------------------------

def arrived(contact: Contact) -> datetime | None:
    """When a contact came into the network: met then, or captured then without a meeting date."""
    return contact.met_at or contact.captured_at


def fits_criteria(criteria: dict[str, Any], contact: Contact) -> bool:
    """The contact fits the role, organisation and sector named (none named: everyone) and the tier."""
    crit = criteria_of(criteria)
    target = target_of(crit)
    return (not target or fits(target, contact)) and (crit["tier"] is None or contact.tier == crit["tier"])


def _hits(doc: dict[str, Any], picture: Picture, now: datetime) -> list[tuple[datetime, str | None]]:
    """What a windowed kind counts: (when, contact id) of each."""
    start, end = window(doc)

    def inside(t: datetime | None) -> bool:
        return t is not None and start <= t < end and t <= now

    kind, crit = doc["kind"], criteria_of(doc.get("criteria"))
    known = picture.contacts
    if kind == "meet":
        return [(t, c.contact_id) for c in known.values() if (t := arrived(c)) and inside(t) and fits_criteria(crit, c)]
    if kind == "touches":
        return [(i.occurred_at, i.contact_id) for i in picture.interactions
                if i.contact_id in known and inside(i.occurred_at) and channel_of(i) == crit["channel"]]
    out: list[tuple[datetime, str | None]] = [(i.occurred_at, i.contact_id) for i in picture.interactions
                                              if i.contact_id in known and given(i) and inside(i.occurred_at)]
    for n in picture.nudges:
        who = picture.resolve(n.contact_id) if n.contact_id else None
        if n.rule == "give_first" and n.done and inside(n.changed_at) and (who is None or who in known):
            assert n.changed_at is not None
            out.append((n.changed_at, who))
    once: dict[tuple[str, date], tuple[datetime, str | None]] = {}
    for t, who in sorted(out, key=lambda h: h[0]):
        key = (who or f"?{len(once)}", t.date())
        once.setdefault(key, (t, who))
    return sorted(once.values(), key=lambda h: h[0])


def _held(doc: dict[str, Any], picture: Picture, now: datetime) -> list[str]:
    """What a state kind counts: the contacts that hold now."""
    crit = criteria_of(doc.get("criteria"))
    if doc["kind"] == "find_mentor":
        goal = doc.get("goal_id")
        return [c.contact_id for c in picture.contacts.values() if c.tier in MENTOR_TIERS
                and (not goal or not c.goal_links or goal in c.goal_links) and fits_criteria({**crit, "tier": None}, c)]
    return [c.contact_id for c in picture.contacts.values()
            if fits_criteria(crit, c) and picture.strength(c, now).strong]


def progress(doc: dict[str, Any], picture: Picture, now: datetime) -> dict[str, Any]:
    """Where an objective stands at `now`: {count, target, met, period, series, contact_ids,
    due_in_days}."""
    target, per = doc["target"], doc.get("per")
    due = _day(doc.get("due_date"))
    due_in = (due - now.date()).days if due else None
    base = {"target": target, "due_in_days": due_in, "period": None, "series": []}
    if doc["kind"] not in PERIODIC and doc["kind"] != "meet":
        ids = sorted(_held(doc, picture, now))
        return {**base, "count": len(ids), "met": len(ids) >= target, "contact_ids": ids}
    hits = _hits(doc, picture, now)
    if per is None:
        ids = sorted({who for _, who in hits if who})
        count = len(ids) if doc["kind"] == "meet" else len(hits)
        return {**base, "count": count, "met": count >= target, "contact_ids": ids}
    start, end = window(doc)
    labels = periods(start.date(), (end - timedelta(days=1)).date(), per)
    counts: dict[str, int] = {}
    for t, _ in hits:
        counts[period_of(t, per)] = counts.get(period_of(t, per), 0) + 1
    current = period_of(min(max(now, start), end - timedelta(microseconds=1)), per)
    so_far = labels[:labels.index(current) + 1] if now >= start else []
    ids = sorted({who for t, who in hits if who and period_of(t, per) == current})
    return {**base, "count": counts.get(current, 0) if now >= start else 0, "period": current,
            "met": all(counts.get(label, 0) >= target for label in labels),
            "series": [{"label": label, "value": counts.get(label, 0)} for label in so_far], "contact_ids": ids}


def outcome(doc: dict[str, Any], progress_now: dict[str, Any], now: datetime) -> str | None:
    """The status an active objective moves to at `now`: met (progress reached the target),
    missed (its due day is over, not met), or None (it stays active)."""
    if doc.get("status") != "active":
        return None
    if progress_now["met"]:
        return "met"
    _, end = window(doc)
    return "missed" if now >= end else None


# --- the first objective -------------------------------------------------------------------

def _names(contacts: list[Contact]) -> str:
    first = [c.first_name for c in contacts[:3]]
    rest = len(contacts) - len(first)
    if rest:
        return f"{', '.join(first)} and {rest} more"
    return " and ".join(first) if len(first) <= 2 else f"{', '.join(first[:-1])} and {first[-1]}"


def _month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def proposals(offers: Iterable[str], picture: Picture, today: date) -> list[dict[str, Any]]:
    """"Who do you know who could benefit from your service or mentorship? There is your first
    networking objective": per offer of the plan, the contacts whose needs it meets
    (shared.strategy.text.need_met_by) as a give-first objective for this month, ready to POST.
    No offers, or nobody's needs met: one proposal without an objective saying what to do."""
    offers = [o for o in offers if isinstance(o, str) and o.strip()]
    if not offers:
        return [{"objective": None, "contact_ids": [], "matches": [],
                 "reason": "Add what you can offer others to your plan (offers), e.g. code review or intros: "
                           "your first objective is giving it to someone who needs it."}]
    out = []
    first, last = _month(today)
    for offer in offers:
        matches = []
        for c in sorted(picture.contacts.values(), key=lambda c: c.contact_id):
            best = max((need_met_by(need, offer) + (need,) for need in c.needs), default=(0.0, [], ""),
                       key=lambda m: m[0])
            if best[0] > 0:
                matches.append((best[0], c, best[2], best[1]))
        if not matches:
            continue
        matches.sort(key=lambda m: (-m[0], m[1].contact_id))
        contacts = [m[1] for m in matches]
        out.append({"objective": {"title": f"Offer {offer} to {_names(contacts)} this month", "kind": "give_first",
                                  "target": min(len(contacts), MAX_TARGET), "per": "month",
                                  "starts_on": first.isoformat(), "due_date": last.isoformat(), "criteria": {}},
                    "contact_ids": [c.contact_id for c in contacts],
                    "matches": [{"contact_id": c.contact_id, "need": need, "offer": offer, "words": words}
                                for _, c, need, words in matches],
                    "reason": f"{_names(contacts)} need{'s' if len(contacts) == 1 else ''} what you offer: {offer}."})
    if not out:
        return [{"objective": None, "contact_ids": [], "matches": [],
                 "reason": "Nobody's recorded needs match your offers yet: note what your contacts need "
                           "(or offer more in your plan) to find whom to give first."}]
    return out
