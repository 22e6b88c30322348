"""The plan learns from outcomes but never changes by itself: from the member's picture (how
their nudges ended, the interactions they logged) it proposes adjustments, which the member
accepts or declines. Pure: the plan, the picture, `now` and the suggestions decided so far in;
proposals out.

Rules (windows end at `now` and start no earlier than the plan's last change: outcomes of an
older plan propose nothing; weeks are ISO weeks in UTC; "three weeks running" are the three
complete weeks before the current one, and only weeks starting after the plan last changed):

- `too_many_nudges`: 3+ nudges dismissed `too_many` in 28 days → one nudge a day fewer (at one
  a day already: one touch a week fewer).
- `not_relevant`: 3+ dismissed `not_relevant` in 28 days → one give-first fewer when most of
  them were give-first nudges (give_help, introduce) and the plan commits to giving first,
  otherwise one touch a week fewer.
- `snoozed`: 3+ nudges snoozed in 28 days → one more day to follow up.
- `commitment_missed`: a weekly commitment missed three weeks running → one fewer (a single
  one a week becomes two a month).
- `above_budget`: every weekly commitment kept and more touches than the budget three weeks
  running → the budget raised to the fewest touches of those weeks.

Each proposal's id is deterministic over org, member, rule and ISO week, so running again in
the same week proposes nothing twice. A rule declined in the last 28 days is not proposed,
nor one whose proposal is still open, nor one whose changes the plan already has.
"""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from shared.events import deterministic_id

from .channels import channel_of
from .picture import Picture
from .plan import GIVE_FIRST

WINDOW = timedelta(days=28)
THRESHOLD = 3
WEEKS_RUNNING = 3
GIVE_FIRST_KINDS = ("give_help", "introduce")
GIVING = ("help_given", "intro_made")  # interaction kinds that are giving first
OPEN_FOR = WINDOW                      # an open proposal older than this no longer blocks its rule


@dataclass(frozen=True)
class Proposal:
    suggestion_id: str
    rule: str
    changes: dict[str, Any]
    reason: str
    evidence: dict[str, Any]
    plan_version: int | None
    week: str

    def state(self) -> dict[str, Any]:
        return asdict(self)


def iso_week(at: datetime) -> str:
    year, week, _ = at.astimezone(timezone.utc).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(at: datetime) -> datetime:
    day = at.astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def _changed_at(plan: dict) -> datetime | None:
    changed = plan.get("updated_at")
    if not isinstance(changed, datetime):
        return None
    return changed if changed.tzinfo else changed.replace(tzinfo=timezone.utc)


def _recent(plan: dict, picture: Picture, now: datetime, status: str, reason: str | None = None) -> list:
    """The nudges that ended so in the window, and since the plan last changed (what came before
    was feedback on another plan: once acted on, it proposes nothing again)."""
    since = max(now - WINDOW, _changed_at(plan) or now - WINDOW)
    return [n for n in picture.nudges if n.status == status and (reason is None or n.reason == reason)
            and n.changed_at is not None and since < n.changed_at <= now]


def _too_many(plan: dict, picture: Picture, now: datetime) -> tuple[dict, str, dict] | None:
    hits = len(_recent(plan, picture, now, "dismissed", "too_many"))
    if hits < THRESHOLD:
        return None
    evidence = {"dismissed_too_many": hits, "window_days": WINDOW.days}
    if plan["max_nudges_per_day"] > 1:
        new = plan["max_nudges_per_day"] - 1
        return ({"max_nudges_per_day": new}, f"You dismissed {hits} nudges as too many in the last four weeks: "
                f"at most {new} a day instead of {plan['max_nudges_per_day']}.", evidence)
    new = max(0, plan["weekly_budget"] - 1)
    return ({"weekly_budget": new}, f"You dismissed {hits} nudges as too many in the last four weeks, at one a "
            f"day already: {new} touches a week instead of {plan['weekly_budget']}.", evidence)


def _not_relevant(plan: dict, picture: Picture, now: datetime) -> tuple[dict, str, dict] | None:
    hits = _recent(plan, picture, now, "dismissed", "not_relevant")
    if len(hits) < THRESHOLD:
        return None
    giving = sum(1 for n in hits if n.kind in GIVE_FIRST_KINDS)
    evidence = {"dismissed_not_relevant": len(hits), "of_them_give_first": giving, "window_days": WINDOW.days}
    commitments = copy.deepcopy(plan.get("commitments") or [])
    mine = next((c for c in commitments if c["what"] == GIVE_FIRST), None)
    if mine is not None and giving * 2 > len(hits):
        if mine["count"] > 1:
            mine["count"] -= 1
        else:
            commitments.remove(mine)
        return ({"commitments": commitments}, f"You dismissed {len(hits)} nudges as not relevant in the last four "
                f"weeks, {giving} of them to give first: one give-first a {mine['per']} fewer.", evidence)
    new = max(0, plan["weekly_budget"] - 1)
    return ({"weekly_budget": new}, f"You dismissed {len(hits)} nudges as not relevant in the last four weeks: "
            f"{new} touches a week instead of {plan['weekly_budget']}.", evidence)


def _snoozed(plan: dict, picture: Picture, now: datetime) -> tuple[dict, str, dict] | None:
    hits = len(_recent(plan, picture, now, "snoozed"))
    if hits < THRESHOLD:
        return None
    new = min(30, plan["follow_up_days"] + 1)
    return ({"follow_up_days": new}, f"You snoozed {hits} nudges in the last four weeks: {new} days to follow up "
            f"instead of {plan['follow_up_days']}.", {"snoozed": hits, "window_days": WINDOW.days})


def _weeks(plan: dict, now: datetime) -> list[tuple[datetime, datetime]] | None:
    """The three complete weeks before this one, or None when the plan changed inside them."""
    this = week_start(now)
    weeks = [(this - timedelta(weeks=k), this - timedelta(weeks=k - 1)) for k in range(WEEKS_RUNNING, 0, -1)]
    changed = _changed_at(plan)
    if changed is not None and changed > weeks[0][0]:
        return None
    return weeks


def _done(picture: Picture, what: str, start: datetime, end: datetime) -> int:
    return sum(1 for i in picture.interactions if start <= i.occurred_at < end
               and (i.kind in GIVING if what == GIVE_FIRST else channel_of(i) == what))


def _touches(picture: Picture, start: datetime, end: datetime) -> int:
    return sum(1 for i in picture.interactions if start <= i.occurred_at < end)


def _missed(plan: dict, picture: Picture, now: datetime) -> tuple[dict, str, dict] | None:
    weeks = _weeks(plan, now)
    if weeks is None:
        return None
    commitments = copy.deepcopy(plan.get("commitments") or [])
    missed = {}
    for c in commitments:
        if c["per"] == "week":
            done = [_done(picture, c["what"], s, e) for s, e in weeks]
            if all(d < c["count"] for d in done):
                missed[c["what"]] = (c["count"], done)
    if not missed:
        return None
    for c in commitments:
        if c["what"] in missed and c["per"] == "week":
            if c["count"] > 1:
                c["count"] -= 1
            else:
                c.update(count=2, per="month")
    said = "; ".join(f"{what.replace('_', '-')}: {', '.join(map(str, done))} against {count} a week"
                     for what, (count, done) in missed.items())
    return ({"commitments": commitments}, f"Three weeks running you did fewer than you committed to ({said}): "
            f"a smaller commitment.", {"weeks": WEEKS_RUNNING,
                                       "missed": {w: {"count": c, "done": d} for w, (c, d) in missed.items()}})


def _above(plan: dict, picture: Picture, now: datetime) -> tuple[dict, str, dict] | None:
    weeks = _weeks(plan, now)
    if weeks is None:
        return None
    touches = [_touches(picture, s, e) for s, e in weeks]
    kept = all(_done(picture, c["what"], s, e) >= c["count"]
               for c in plan.get("commitments") or [] if c["per"] == "week" for s, e in weeks)
    if not kept or not all(t > plan["weekly_budget"] for t in touches):
        return None
    new = min(50, min(touches))
    made = ", ".join(map(str, touches))
    return ({"weekly_budget": new}, f"Three weeks running you kept your commitments and made {made} touches"
            f" against a budget of {plan['weekly_budget']}: a budget of {new}.",
            {"weeks": WEEKS_RUNNING, "touches": touches, "weekly_budget": plan["weekly_budget"]})


RULES = {"too_many_nudges": _too_many, "not_relevant": _not_relevant, "snoozed": _snoozed,
         "commitment_missed": _missed, "above_budget": _above}


def blocked(rule: str, decided: list[dict], now: datetime, suggestion_id: str) -> bool:
    """Whether the rule may not propose now: this week's proposal exists, the rule was declined
    in the last 28 days, or its proposal is still open."""
    for s in decided:
        at = s.get("decided_at") or s.get("created_at")
        if isinstance(at, datetime) and at.tzinfo is None:
            at = at.replace(tzinfo=timezone.utc)
        if s.get("_id", s.get("suggestion_id")) == suggestion_id:
            return True
        if s.get("rule") != rule:
            continue
        if s.get("status") == "declined" and at is not None and now - at < WINDOW:
            return True
        if s.get("status") == "proposed" and (at is None or now - at < OPEN_FOR):
            return True
    return False


def propose(plan: dict, picture: Picture, now: datetime, decided: list[dict], *,
            org_id: str = "", member_id: str = "") -> list[Proposal]:
    """The adjustments the outcomes call for; `decided`: the member's suggestions so far (any
    status, with `rule`, `status`, `created_at` and, once decided, `decided_at`)."""
    week = iso_week(now)
    out = []
    for rule, check in RULES.items():
        sid = deterministic_id("plan-suggestion", org_id, member_id, rule, week)
        if blocked(rule, decided, now, sid):
            continue
        found = check(plan, picture, now)
        if found is None:
            continue
        changes, reason, evidence = found
        if all(plan.get(k) == v for k, v in changes.items()):
            continue
        out.append(Proposal(sid, rule, changes, reason, evidence, plan.get("version"), week))
    return out


def applied(plan: dict, changes: dict) -> dict:
    """The plan with a suggestion's changes on top."""
    return {**plan, **copy.deepcopy(changes)}
