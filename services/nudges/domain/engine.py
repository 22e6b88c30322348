"""From suggestions to decisions: which nudges to create, withdraw, wake, and when to look again.

- Ids are derived from the member, the rule and the occurrence key, so two workers (or a
  replay) that reach the same decision write the same nudge once.
- Feedback tunes the rules: a dismissal for a reason suppresses that rule for that contact
  (or goal) for a while; "too many" quiets the rule altogether for two weeks.
- Nobody gets a flood: at most `max_nudges_per_day` new nudges due on any of the member's
  local days, and never more than twice that open at once; when there is less room than
  suggestions, the highest priority goes first and the rest wait for the next day.
- A nudge is due at the first working moment (member's zone, hours and days) at or after
  the moment its rule says it is time.
- An open nudge whose reason is gone (interaction logged, next ladder step, need met,
  contact deleted or merged, goal closed) is withdrawn; nudges that named a deleted contact
  are scrubbed of what they said about them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from shared.events import deterministic_id

from .model import MemberView, NudgeFact
from .rules import Suggestion

SUPPRESS_DAYS = {"not_relevant": 90, "not_now": 14, "too_many": 14}
DISMISS_REASONS = ("not_relevant", "not_now", "already_done", "too_many", "other")
BACKLOG_FACTOR = 2
LOOK_AGAIN_AT_LEAST_EVERY = timedelta(hours=24)
FAR_FUTURE = datetime(2999, 1, 1, tzinfo=timezone.utc)
SCRUBBED_SENTENCE = "A nudge about a contact you deleted."


def nudge_id(org_id: str, member_id: str, suggestion: Suggestion) -> str:
    return deterministic_id("nudge", org_id, member_id, suggestion.rule, *suggestion.key)


@dataclass(frozen=True)
class NewNudge:
    id: str
    suggestion: Suggestion
    due_at: datetime
    issued_day: str
    timezone: str


@dataclass(frozen=True)
class Withdrawal:
    id: str
    reason: str
    scrub: bool = False
    merged_into: str | None = None


@dataclass(frozen=True)
class Retime:
    """A nudge not yet due whose due time is no longer a working moment for the member
    (their zone or hours changed, or the zone arrived after the nudge was made)."""

    id: str
    field: str  # due_at | snoozed_until
    due_at: datetime
    issued_day: str
    timezone: str = "UTC"


@dataclass
class Decision:
    create: list[NewNudge] = field(default_factory=list)
    withdraw: list[Withdrawal] = field(default_factory=list)
    wake: list[str] = field(default_factory=list)
    retime: list[Retime] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    next_eval_at: datetime = FAR_FUTURE


def suppressed_until(view: MemberView, s: Suggestion, now: datetime) -> datetime | None:
    """Until when feedback keeps this suggestion quiet, or None."""
    until = None
    for n in view.nudges:
        days = SUPPRESS_DAYS.get(n.reason or "")
        if n.status != "dismissed" or n.rule != s.rule or not days or n.updated_at is None:
            continue
        if n.reason != "too_many" and (n.contact_id, n.goal_id) != (s.contact_id, s.goal_id):
            continue
        end = n.updated_at + timedelta(days=days)
        if end > now and (until is None or end > until):
            until = end
    return until


def _withdrawals(view: MemberView, candidates: dict[str, Suggestion]) -> list[Withdrawal]:
    out: list[Withdrawal] = []
    deleted = {cid for cid, r in view.removed.items() if not r.merged_into}
    wanted = {(s.rule, s.contact_id, s.goal_id) for s in candidates.values()}
    for n in view.nudges:
        if n.status == "withdrawn" and (n.scrubbed or not deleted & set(n.contact_ids)):
            continue
        named = set(n.contact_ids) | ({n.contact_id} if n.contact_id else set())
        if named & deleted:
            if not n.scrubbed:
                out.append(Withdrawal(n.id, "contact_deleted", scrub=True))
            continue
        if not n.open:
            continue
        if view.left:
            out.append(Withdrawal(n.id, "member_left"))
        elif n.contact_id and n.contact_id in view.removed:
            out.append(Withdrawal(n.id, "contact_merged", merged_into=view.resolve(n.contact_id)))
        elif n.goal_id and (n.goal_id not in view.goals or view.goals[n.goal_id].status != "active"):
            out.append(Withdrawal(n.id, "goal_closed"))
        elif n.id not in candidates:
            reason = "superseded" if (n.rule, n.contact_id, n.goal_id) in wanted else "no_longer_applies"
            out.append(Withdrawal(n.id, reason))
    return out


def _placed_in_a_stale_zone(n: NudgeFact, view: MemberView, now: datetime) -> bool:
    """A pending nudge already due, due at a moment that is not a working moment although the
    member's current working time was already in force then (on the member's own timeline).

    Events of one member arrive on different topics in no relative order: a contact captured
    after the member set their zone can be read before the plan or account event that says
    so, and its nudge is then placed in the working hours the worker knew (UTC by default).
    When the zone arrives, such a nudge is moved, due or not; a nudge that became due before
    the member changed their zone was placed right at the time and stays."""
    since = view.working_since
    if n.status != "pending" or n.due_at is None or n.due_at > now or since is None or n.due_at < since:
        return False
    return not view.working.is_working(n.due_at)


def _retimes(view: MemberView, gone: set[str], now: datetime) -> list[Retime]:
    """The nudges (not withdrawn now) to move to a working moment: one pending or snoozed until
    a later moment that is not a working one, and one placed in a stale zone
    (`_placed_in_a_stale_zone`)."""
    working = view.working
    out: list[Retime] = []
    for n in view.nudges:
        if n.id in gone:
            continue
        pending_later = n.status == "pending" and n.due_at is not None and n.due_at > now
        snoozed_later = n.status == "snoozed" and n.snoozed_until is not None and n.snoozed_until > now
        if pending_later and n.due_at is not None and not working.is_working(n.due_at):
            due = working.due(now)
            out.append(Retime(n.id, "due_at", due, working.day(due).isoformat(), working.tz))
        elif n.due_at is not None and _placed_in_a_stale_zone(n, view, now):
            due = working.due(n.due_at)
            out.append(Retime(n.id, "due_at", due, working.day(due).isoformat(), working.tz))
        elif snoozed_later and n.snoozed_until is not None and not working.is_working(n.snoozed_until):
            due = working.due(n.snoozed_until)
            out.append(Retime(n.id, "snoozed_until", due, n.issued_day or working.day(due).isoformat(), working.tz))
    return out


def decide(view: MemberView, suggestions: list[Suggestion], existing: set[str], now: datetime) -> Decision:
    """Everything the coach does for one member now, as data (the service layer applies it).

    `existing` holds the ids of every nudge already stored for the member (any status),
    so an occurrence is never created twice, even long after it was done or dismissed."""
    decision = Decision()
    candidates = {nudge_id(view.org_id, view.member_id, s): s for s in suggestions}
    decision.withdraw = _withdrawals(view, candidates)
    if view.left:
        return decision  # nothing new, nothing to wake, no need to look again
    gone = {w.id for w in decision.withdraw}
    wakes: list[datetime] = []
    for n in view.nudges:
        if n.status == "snoozed" and n.id not in gone and n.snoozed_until is not None:
            if n.snoozed_until <= now:
                decision.wake.append(n.id)
            else:
                wakes.append(n.snoozed_until)

    decision.retime = _retimes(view, gone, now)

    working = view.working
    known = existing | {n.id for n in view.nudges}
    eligible: list[tuple[str, Suggestion]] = []
    later: list[datetime] = []
    for nid, s in candidates.items():
        if nid in known:
            continue
        if s.base_at > now:
            later.append(s.base_at)
            continue
        quiet = suppressed_until(view, s, now)
        if quiet is not None:
            decision.suppressed.append(nid)
            later.append(quiet)
            continue
        eligible.append((nid, s))

    due_at = working.due(now)
    day = working.day(due_at)
    limit = view.plan.max_nudges_per_day
    issued_today = sum(1 for n in view.nudges if n.issued_day == day.isoformat())
    open_pending = (sum(1 for n in view.nudges if n.status == "pending" and n.id not in gone)
                    + len(decision.wake))
    room = max(0, min(limit - issued_today, BACKLOG_FACTOR * limit - open_pending))
    eligible.sort(key=lambda item: (item[1].priority, item[1].base_at, item[0]))
    for nid, s in eligible[:room]:
        decision.create.append(NewNudge(nid, s, due_at, day.isoformat(), working.tz))
    decision.deferred = [nid for nid, _ in eligible[room:]]
    if decision.deferred:
        later.append(working.next_midnight(due_at))

    decision.next_eval_at = min([*later, *wakes, now + LOOK_AGAIN_AT_LEAST_EVERY])
    return decision


def fact_from(doc: dict) -> NudgeFact:
    """A stored nudge document as the engine sees it."""
    from .timing import parse_instant

    return NudgeFact(id=doc["_id"], rule=doc.get("rule") or "", kind=doc.get("kind") or "",
                     status=doc.get("status") or "pending", version=int(doc.get("version") or 1),
                     contact_id=doc.get("contact_id"), goal_id=doc.get("goal_id"),
                     contact_ids=tuple(doc.get("contact_ids") or ()), reason=doc.get("reason"),
                     issued_day=doc.get("issued_day"), due_at=parse_instant(doc.get("due_at")),
                     snoozed_until=parse_instant(doc.get("snoozed_until")),
                     updated_at=parse_instant(doc.get("updated_at")), scrubbed=bool(doc.get("scrubbed")))
