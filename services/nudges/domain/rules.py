"""The coach's rules: small pure functions from the member's picture to suggestions.

Each rule takes the `MemberView` and `now` and returns `Suggestion`s. A suggestion says
*when* it is time (`base_at`; the engine places the due time in working hours), how
important it is (`priority`, 1 = most), a human sentence, and `why`: the rule and the data
behind it. Its `key` names the occurrence (this contact, this meeting, this ladder step…),
so the nudge id derived from it is the same on every worker and every replay.

A rule keeps returning an occurrence for as long as its reason holds; when it stops (an
interaction was logged, the need is gone, the next ladder step took over), the engine
withdraws the open nudge.

The module is long because the rules read best side by side (the `RULES` table at the end
lists them): each is a short pure function with its own tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from math import ceil
from typing import Any, Callable, Iterable

from shared.strategy.coverage import COVERED, WEAK, verdict
from shared.strategy.strength import RECIPROCITY_WINDOW, Strength, by_rank, strength_of
from shared.strategy.strength import given as was_given
from shared.strategy.strength import received as was_received
from shared.strategy.text import need_met_by, terms, works_at

from .model import Contact, Goal, MemberView, completion_interaction_id

# -- what every rule returns ----------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    rule: str
    kind: str
    key: tuple[str, ...]
    sentence: str
    summary: str
    priority: int
    base_at: datetime
    contact_id: str | None = None
    goal_id: str | None = None
    contact_ids: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def why(self) -> dict[str, Any]:
        return {"rule": self.rule, "summary": self.summary, "data": self.data}


Rule = Callable[[MemberView, datetime], list[Suggestion]]


def iso(moment: datetime | None) -> str | None:
    """An instant as the rules have always written it (seconds, `Z`). Not `shared.clock.rfc3339`
    on purpose: it is part of a suggestion's key, hence of the nudge's deterministic id, and
    another format would make a second nudge for an occurrence already nudged."""
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def days_between(earlier: datetime, later: datetime) -> int:
    return max(0, int((later - earlier).total_seconds() // 86400))


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _ago(days: int) -> str:
    return {0: "today", 1: "yesterday", 7: "a week ago", 30: "a month ago", 31: "a month ago"}.get(
        days, f"{days} days ago")


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _quote(text: str) -> str:
    return f"“{text}”"


# -- shared facts -----------------------------------------------------------------------

# A "met" interaction within a day of the meeting is the meeting itself, not a follow-up.
MEETING_GRACE = timedelta(days=1)
CAPTURE_SOURCES = (None, "capture", "mobile", "manual", "web")


def touches(view: MemberView, contact_id: str) -> list[tuple[datetime, str]]:
    """Every time the member was in touch with a contact: interactions and nudges marked done."""
    out = [(i.occurred_at, i.kind) for i in view.interactions_with(contact_id)]
    out += [(t, "nudge done") for t in view.done_touches(contact_id)]
    return sorted(out)


def meeting_anchor(view: MemberView, contact: Contact) -> datetime | None:
    """When the member met this person: `met_at`, else when they were captured (imports
    are not meetings, so they get no follow-up)."""
    if contact.met_at is not None:
        return contact.met_at
    if contact.source in CAPTURE_SOURCES:
        return contact.captured_at
    return None


def followed_up_since(view: MemberView, contact: Contact, anchor: datetime) -> bool:
    for when, kind in touches(view, contact.contact_id):
        if when <= anchor:
            continue
        if kind == "met" and when - anchor < MEETING_GRACE:
            continue
        return True
    return False


# -- 1. follow-up after meeting someone ---------------------------------------------------

LADDER_DAYS = (7, 30)          # after the plan's follow-up days: a week, then a month
LADDER_LAST_STEP_OPEN = timedelta(days=30)


def ladder(follow_up_days: int) -> list[int]:
    steps: list[int] = []
    for d in (follow_up_days, *LADDER_DAYS):
        if not steps or d > steps[-1]:
            steps.append(d)
    return steps


def follow_up_active(view: MemberView, contact: Contact, now: datetime) -> bool:
    anchor = meeting_anchor(view, contact)
    if anchor is None or followed_up_since(view, contact, anchor):
        return False
    return now < anchor + timedelta(days=ladder(view.plan.follow_up_days)[-1]) + LADDER_LAST_STEP_OPEN


def follow_up_after_meeting(view: MemberView, now: datetime) -> list[Suggestion]:
    """A ladder after meeting someone: within the plan's follow-up days, then a week, then a
    month; it stops as soon as an interaction (or a done nudge) shows the member followed up,
    and a month after the last step it lets go."""
    out = []
    steps = ladder(view.plan.follow_up_days)
    for contact in sorted(view.contacts.values(), key=lambda c: c.contact_id):
        anchor = meeting_anchor(view, contact)
        if anchor is None or not follow_up_active(view, contact, now):
            continue
        bases = [anchor + timedelta(days=d) for d in steps]
        current = max((i for i, b in enumerate(bases) if b <= now), default=None)
        wanted = [i for i in (current, (current + 1) if current is not None else 0) if i is not None and i < len(steps)]
        gathering = view.gatherings.get(contact.gathering_id or "")
        where = f" at {gathering.name}" if gathering else ""
        for step in wanted:
            when = _ago(days_between(anchor, max(now, bases[step])))
            tail = ("" if step == 0 else " — a short note keeps the door open" if step == len(steps) - 1
                    else " — it is not too late")
            out.append(Suggestion(
                rule="follow_up_after_meeting", kind="follow_up",
                key=(contact.contact_id, iso(anchor) or "", str(step)),
                sentence=f"Follow up with {contact.display_name}: you met{where} {when}{tail}.",
                summary=(f"You met {contact.display_name}{where} on {anchor.date().isoformat()} and have not been "
                         f"in touch since; step {step + 1} of {len(steps)} of the follow-up ladder "
                         f"({', '.join(_plural(d, 'day') for d in steps)})."),
                priority=min(step + 1, 3), base_at=bases[step], contact_id=contact.contact_id,
                contact_ids=(contact.contact_id,),
                data={"contact_id": contact.contact_id, "met_at": iso(anchor), "step": step + 1,
                      "ladder_days": steps, "follow_up_days": view.plan.follow_up_days,
                      "gathering_id": contact.gathering_id, "gathering_name": gathering.name if gathering else None}))
    return out


# -- 2. keep in touch by tier cadence ------------------------------------------------------

TIER_CADENCE_DAYS = {"mentor": 21, "guardian": 30, "sponsor": 30, "peer": 45, "acquaintance": 90}
TIER_PRIORITY = {"mentor": 2, "guardian": 2, "sponsor": 2, "peer": 3, "acquaintance": 4}


def cadence_factor(view: MemberView) -> tuple[float, float]:
    """How much to stretch every cadence so the keep-in-touch load fits the weekly budget.

    Load = touches a week the tiers ask for (sum of 7 / cadence). Within budget: 1.0 (the
    cadences are never shortened). Over budget: load / budget. Returns (factor, load)."""
    load = sum(7 / TIER_CADENCE_DAYS[c.tier] for c in view.contacts.values() if c.tier)
    budget = view.plan.weekly_budget
    if budget <= 0 or load <= budget:
        return 1.0, load
    return load / budget, load


def keep_in_touch(view: MemberView, now: datetime) -> list[Suggestion]:
    """Each tiered contact on its tier's cadence from the last touch (any interaction or done
    nudge resets it), stretched when the network asks for more than the weekly budget."""
    if view.plan.weekly_budget <= 0:
        return []
    factor, load = cadence_factor(view)
    out = []
    for contact in sorted(view.contacts.values(), key=lambda c: c.contact_id):
        if not contact.tier or follow_up_active(view, contact, now):
            continue
        history = touches(view, contact.contact_id)
        # the last touch; else when they met; else, only then, when the contact was added
        candidates = [t for t, _ in history] + ([contact.met_at] if contact.met_at else [])
        if not candidates and contact.captured_at:
            candidates = [contact.captured_at]
        if not candidates:
            continue
        anchor = max(candidates)
        last_kind = next((k for t, k in reversed(history) if t == anchor), None)
        base_days = TIER_CADENCE_DAYS[contact.tier]
        cadence = ceil(base_days * factor)
        since = ("since you last spoke" if last_kind else "since you met")
        stretched = (f" ({base_days} stretched ×{factor:.1f} to fit your budget of "
                     f"{view.plan.weekly_budget} touches a week)" if factor > 1 else "")
        out.append(Suggestion(
            rule="keep_in_touch", kind="keep_in_touch", key=(contact.contact_id, iso(anchor) or ""),
            sentence=(f"Keep in touch with {contact.display_name} ({contact.tier}): "
                      f"it has been {_plural(days_between(anchor, max(now, anchor + timedelta(days=cadence))), 'day')} "
                      f"{since}."),
            summary=(f"{contact.display_name} is a {contact.tier}; your cadence for them is every "
                     f"{_plural(cadence, 'day')}{stretched}, and your last touch was on "
                     f"{anchor.date().isoformat()}."),
            priority=TIER_PRIORITY[contact.tier], base_at=anchor + timedelta(days=cadence),
            contact_id=contact.contact_id, contact_ids=(contact.contact_id,),
            data={"contact_id": contact.contact_id, "tier": contact.tier, "cadence_days": cadence,
                  "tier_cadence_days": base_days, "budget_factor": round(factor, 2),
                  "weekly_budget": view.plan.weekly_budget, "weekly_load": round(load, 2),
                  "last_touch_at": iso(anchor), "last_touch": last_kind or "met"}))
    return out


# -- 3. give first ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Helper:
    score: float
    shared: list[str]
    offer: str
    contact: Contact | None  # None: the member themself


def _best_helper(view: MemberView, needy: Contact, need: str) -> _Helper | None:
    best: _Helper | None = None
    for offer in view.member_offers:
        score, shared = need_met_by(need, offer)
        if score and (best is None or score > best.score):
            best = _Helper(score, shared, offer, None)
    if best is not None:
        return best  # giving first in person beats passing it on
    for other in sorted(view.contacts.values(), key=lambda c: c.contact_id):
        if other.contact_id == needy.contact_id:
            continue
        for offer in (*other.offers, *other.tags):
            score, shared = need_met_by(need, offer)
            if score and (best is None or (score, len(shared)) > (best.score, len(best.shared))):
                best = _Helper(score, shared, offer, other)
    return best


def give_first(view: MemberView, now: datetime) -> list[Suggestion]:
    """A contact's current need that the member can meet (suggest the help) or that another
    contact can (suggest the introduction — asking both sides first)."""
    out = []
    for needy in sorted(view.contacts.values(), key=lambda c: c.contact_id):
        for need in needy.needs:
            helper = _best_helper(view, needy, need)
            if helper is None:
                continue
            data = {"contact_id": needy.contact_id, "need": need, "offer": helper.offer,
                    "matched_words": helper.shared, "score": round(helper.score, 2)}
            if helper.contact is None:
                out.append(Suggestion(
                    rule="give_first", kind="give_help", key=(needy.contact_id, need.strip().lower(), "you"),
                    sentence=f"Offer {needy.display_name} your help: they need {_quote(need)}, and you offer "
                             f"{_quote(helper.offer)}.",
                    summary=(f"{needy.display_name} needs {_quote(need)}; what you offer ({_quote(helper.offer)}) "
                             f"matches on: {', '.join(helper.shared)}. Give first, receive later."),
                    priority=2, base_at=now, contact_id=needy.contact_id, contact_ids=(needy.contact_id,),
                    data={**data, "helper": "you"}))
            else:
                other = helper.contact
                out.append(Suggestion(
                    rule="give_first", kind="introduce",
                    key=(needy.contact_id, need.strip().lower(), other.contact_id),
                    sentence=(f"Introduce {needy.display_name} to {other.display_name}? {needy.first_name} needs "
                              f"{_quote(need)}; {other.first_name} offers {_quote(helper.offer)}. "
                              f"Ask each of them first whether they would welcome it."),
                    summary=(f"{needy.display_name}'s need {_quote(need)} matches what {other.display_name} offers "
                             f"({_quote(helper.offer)}) on: {', '.join(helper.shared)}. A good introduction is "
                             f"double opt-in: both agree before you connect them."),
                    priority=3, base_at=now, contact_id=needy.contact_id,
                    contact_ids=(needy.contact_id, other.contact_id),
                    data={**data, "helper": "contact", "helper_contact_id": other.contact_id,
                          "helper_name": other.display_name, "double_opt_in": True}))
    return out


# -- 4. goal gap ----------------------------------------------------------------------------

OPEN_MILESTONE = ("open", "active", "in_progress", "planned")


def strength(view: MemberView, contact: Contact, now: datetime) -> Strength:
    """The relationship's strength by the one shared definition (shared.strategy.strength)."""
    return strength_of(contact, [t for t, _ in touches(view, contact.contact_id)],
                       view.interactions_with(contact.contact_id), now)


def _describe(contact: Contact) -> str:
    bits = [b for b in (contact.title, contact.company) if b]
    return f"{contact.display_name} ({' at '.join(bits)})" if bits else contact.display_name


def _active_goals(view: MemberView) -> list[Goal]:
    return sorted((g for g in view.goals.values() if g.status == "active"), key=lambda g: g.goal_id)


def _needs(goal: Goal, view: MemberView):
    """Each open milestone's targets: a relationship milestone's own (role, organisation,
    sector), a position's or experience's relationships that usually open it."""
    for m in goal.milestones:
        if m.status not in OPEN_MILESTONE:
            continue
        for name, target in m.targets:
            yield m, name, target


def _named(name: str) -> tuple[str, ...]:
    """A relationship milestone's own target adds nothing to the key (its nudges keep the ids
    they always had); a position's needs are told apart by name."""
    return () if name == "self" else (name,)


def goal_gap(view: MemberView, now: datetime) -> list[Suggestion]:
    """Whom an open milestone needs to know (a relationship milestone's role, organisation
    and/or sector; the people who usually open a position or an experience) that no contact
    covers → where to look; covered only weakly → whom to strengthen. The verdict is the goals
    service's coverage verdict (shared.strategy.coverage)."""
    out = []
    for goal in _active_goals(view):
        for m, name, target in _needs(goal, view):
            found = verdict(target, view.contacts.values(), lambda c: strength(view, c, now))
            if found.status == COVERED:
                continue
            wanted = target.words()
            data = {"goal_id": goal.goal_id, "goal_title": goal.title, "milestone_id": m.milestone_id,
                    "milestone_title": m.title, "role": target.role, "organisation": target.organisation,
                    "covering_contact_ids": sorted(c.contact_id for c, _ in found.contacts)}
            if target.sector:
                data["sector"] = target.sector
            if name != "self":  # the people who open a position or an experience
                data["need"] = name
            if found.status == WEAK:
                weak, how = found.contacts[0]
                out.append(Suggestion(
                    rule="goal_gap", kind="goal_gap",
                    key=(goal.goal_id, m.milestone_id, *_named(name), "weak", weak.contact_id),
                    sentence=(f"Strengthen your relationship with {_describe(weak)}: your goal {_quote(goal.title)} "
                              f"needs you to know {wanted}."),
                    summary=(f"Milestone {_quote(m.title)} asks for {wanted}. {weak.display_name} fits, but the "
                             f"relationship is weak: {('no tier' if not weak.tier else 'tier ' + weak.tier)} and "
                             f"in touch {_times(how.recent_touches) if how.recent_touches else 'not at all'} in the "
                             f"last six months."),
                    priority=3, base_at=now, contact_id=weak.contact_id, goal_id=goal.goal_id,
                    contact_ids=(weak.contact_id,),
                    data={**data, "coverage": "weak", "contact_id": weak.contact_id,
                          "recent_touches": how.recent_touches}))
                continue
            connector = found.connector
            if connector is not None and target.organisation and works_at(target.organisation, connector.company):
                look = f"ask {_describe(connector)} to introduce you"
            elif connector is not None:
                look = f"ask your {connector.tier} {connector.display_name} whom they know"
            else:
                look = "look for one at your next gathering or through your alumni network"
            out.append(Suggestion(
                rule="goal_gap", kind="goal_gap",
                key=(goal.goal_id, m.milestone_id, *_named(name), "missing",
                     connector.contact_id if connector else "-"),
                sentence=(f"Your goal {_quote(goal.title)} needs you to know {wanted}, and nobody in your network "
                          f"is one yet: {look}."),
                summary=(f"Milestone {_quote(m.title)} asks for {wanted}; none of your "
                         f"{_plural(len(view.contacts), 'contact')} holds that role"
                         f"{' there' if target.organisation and target.role else ''}."),
                priority=2, base_at=now, contact_id=connector.contact_id if connector else None, goal_id=goal.goal_id,
                contact_ids=(connector.contact_id,) if connector else (),
                data={**data, "coverage": "none", "connector_contact_id": connector.contact_id if connector else None}))
    return out


# -- 5. find a mentor or guardian for the ultimate goal -------------------------------------


def find_mentor(view: MemberView, now: datetime) -> list[Suggestion]:
    """An active ultimate goal with no mentor or guardian behind it (a mentor counts when
    linked to that goal or to no goal in particular)."""
    out = []
    for goal in _active_goals(view):
        if goal.horizon != "ultimate":
            continue
        if any(c.tier in ("mentor", "guardian") and (not c.goal_links or goal.goal_id in c.goal_links)
               for c in view.contacts.values()):
            continue
        goal_terms = terms(goal.title)
        fits = [c for c in view.contacts.values()
                if c.tier in ("sponsor", "peer", None) and goal_terms & terms(f"{c.title or ''} {c.company or ''}")]
        candidate = by_rank(fits)[0] if fits else None
        ask = (f"could {_describe(candidate)} be one? Ask for 30 minutes of advice" if candidate else
               "think of someone a few steps ahead of you on that path and ask for 30 minutes of advice")
        out.append(Suggestion(
            rule="find_mentor", kind="find_mentor", key=(goal.goal_id, candidate.contact_id if candidate else "-"),
            sentence=f"Your ultimate goal {_quote(goal.title)} has no mentor or guardian yet: {ask}.",
            summary=("People who reach a long-term goal usually have a mentor, and a guardian with a stake in "
                     f"their growth; none of your contacts is tagged mentor or guardian for {_quote(goal.title)}."),
            priority=2, base_at=now, contact_id=candidate.contact_id if candidate else None, goal_id=goal.goal_id,
            contact_ids=(candidate.contact_id,) if candidate else (),
            data={"goal_id": goal.goal_id, "goal_title": goal.title,
                  "candidate_contact_id": candidate.contact_id if candidate else None}))
    return out


# -- 6. reciprocity -------------------------------------------------------------------------

RECIPROCITY_MIN_RECEIVED = 2
RECIPROCITY_MIN_GAP = 2


def reciprocity(view: MemberView, now: datetime) -> list[Suggestion]:
    """Many received, little given: suggest giving back to that contact (their known need first)."""
    out = []
    since = now - RECIPROCITY_WINDOW
    for contact in sorted(view.contacts.values(), key=lambda c: c.contact_id):
        recent = [i for i in view.interactions_with(contact.contact_id) if since <= i.occurred_at <= now]
        received = [i for i in recent if was_received(i)]
        given = sum(1 for i in recent if was_given(i))
        logged = {i.interaction_id for i in recent}  # a done nudge's own interaction counts once
        given += sum(1 for n in view.nudges if n.rule == "give_first" and n.status == "done"
                     and n.contact_id == contact.contact_id and n.updated_at and since <= n.updated_at <= now
                     and completion_interaction_id(n.id) not in logged)
        if len(received) < RECIPROCITY_MIN_RECEIVED or len(received) - given < RECIPROCITY_MIN_GAP:
            continue
        last = received[-1]
        need = f" They need {_quote(contact.needs[0])}." if contact.needs else ""
        out.append(Suggestion(
            rule="reciprocity", kind="reciprocity", key=(contact.contact_id, last.interaction_id),
            sentence=(f"Give back to {contact.display_name}: they have helped you {_times(len(received))} this year "
                      f"and you have helped them {_times(given) if given else 'not yet'}.{need}"),
            summary=(f"In the last 12 months you logged {_plural(len(received), 'favour')} received from "
                     f"{contact.display_name} and {given} given; relationships last when both sides give."),
            priority=2, base_at=last.occurred_at, contact_id=contact.contact_id, contact_ids=(contact.contact_id,),
            data={"contact_id": contact.contact_id, "received": len(received), "given": given,
                  "window_days": RECIPROCITY_WINDOW.days, "last_received_at": iso(last.occurred_at),
                  "last_received_interaction_id": last.interaction_id}))
    return out


# -- 7. weekly plan check-in ------------------------------------------------------------------


def weekly_check_in(view: MemberView, now: datetime) -> list[Suggestion]:
    """Once a week, at the start of the member's first working day of the week, in their zone:
    a look at the plan and last week's activity. Never for a week that began before the plan."""
    if not view.has_plan or view.plan.weekly_budget <= 0:
        return []
    working = view.working
    monday = working.week_start(now)
    out = []
    for week_monday in (monday, monday + timedelta(days=7)):
        base = working.due(working.at(week_monday, time(0, 0)))
        if view.plan_since is not None and base < view.plan_since:
            continue  # the plan is newer than this week's check-in: start with the next one
        year, week, _ = week_monday.isocalendar()
        week_id = f"{year}-W{week:02d}"
        last_week = [i for i in view.interactions if base - timedelta(days=7) <= i.occurred_at < base]
        done = [n for n in view.nudges if n.status == "done" and n.updated_at
                and base - timedelta(days=7) <= n.updated_at < base]
        touches = _plural(view.plan.weekly_budget, "networking touch", "networking touches")
        weekly = [(what, n) for what, n, per in view.plan.commitments if per == "week"]
        promised = f" ({', '.join(_commitment(what, n) for what, n in weekly)})" if weekly else ""
        out.append(Suggestion(
            rule="weekly_check_in", kind="check_in", key=(week_id,),
            sentence=(f"Weekly check-in: your plan asks for {touches} "
                      f"a week{promised}; last week you logged {len(last_week)} and completed "
                      f"{_plural(len(done), 'nudge')}. Pick this week's."),
            summary=(f"Your {view.plan.style} plan: {view.plan.weekly_budget} touches a week, follow-ups within "
                     f"{_plural(view.plan.follow_up_days, 'day')}, "
                     f"at most {view.plan.max_nudges_per_day} nudges a day."),
            priority=3, base_at=base,
            data={"week": week_id, "style": view.plan.style, "weekly_budget": view.plan.weekly_budget,
                  "interactions_last_week": len(last_week), "nudges_done_last_week": len(done),
                  "commitments": [{"what": what, "count": n, "per": per} for what, n, per in view.plan.commitments]}))
        if base > now:
            break  # the next check-in is known; nothing beyond it matters yet
    return out


_COMMITMENT_WORDS = {"give_first": ("give-first", "give-firsts"), "coffee": ("coffee", "coffees"),
                     "calls": ("call", "calls"), "events": ("event", "events"), "online": ("online touch",
                                                                                         "online touches"),
                     "writing": ("piece of writing", "pieces of writing"), "speaking": ("talk", "talks")}


def _commitment(what: str, n: int) -> str:
    one, many = _COMMITMENT_WORDS.get(what, (what, what))
    return f"{n} {one if n == 1 else many}"


RULES: tuple[Rule, ...] = (follow_up_after_meeting, keep_in_touch, give_first, goal_gap, find_mentor,
                           reciprocity, weekly_check_in)


def suggest(view: MemberView, now: datetime, rules: Iterable[Rule] = RULES) -> list[Suggestion]:
    """Every rule's suggestions for this member now (the member who left gets none)."""
    if view.left:
        return []
    return [s for rule in rules for s in rule(view, now)]
