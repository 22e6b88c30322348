"""Networking objectives: progress of every kind from a Picture, their validity, the first
objective proposed from the plan's offers, and the use cases on in-memory stores."""
from datetime import date, datetime, timedelta, timezone

import pytest

from services.goals.adapters.objectives import InMemoryObjectiveStore
from services.goals.adapters.store import InMemoryGoalStore
from services.goals.adapters.suggestions import InMemorySuggestionStore
from services.goals.domain.objectives import new_objective, problems, progress, proposals
from services.goals.domain.picture import NudgeOutcome, Picture
from services.goals.service_layer.goals import Goals
from services.goals.service_layer.objectives import Objectives
from services.goals.service_layer.planning import Planning
from shared.db import Scope
from shared.errors import Busy, Invalid, NotFound
from shared.strategy.network import Contact, Interaction, Removed

UTC = timezone.utc
NOW = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
ADA, BOB = Scope("org", "ada"), Scope("org", "bob")


def at(day: int, month: int = 12, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def objective(**fields):
    data = {"title": "t", "kind": "meet", "target": 2, "starts_on": date(2026, 12, 1),
            "due_date": date(2026, 12, 31), **fields}
    return new_objective(data, NOW, make_id=lambda: "o-1")


def test_meet_counts_fitting_contacts_who_arrived_inside_the_window():
    picture = Picture(contacts={
        "c1": Contact("c1", "Ada", company="Payly", title="Head of Product", tags=("fintech",), met_at=at(1, hour=0)),
        "c2": Contact("c2", "Grace", company="Bankr fintech", title="Product Lead", captured_at=at(9)),
        "c3": Contact("c3", "Old", company="Payly fintech", title="Product Manager", met_at=at(30, 11),
                      captured_at=at(2)),                       # met before the window: captured later is no meeting
        "c4": Contact("c4", "Eng", company="Payly fintech", title="Engineer", met_at=at(3)),  # not product
        "c5": Contact("c5", "Late", company="Payly fintech", title="Product owner", met_at=at(11)),  # after now
    })
    doc = objective(criteria={"role": "product", "sector": "fintech"})
    p = progress(doc, picture, NOW)
    assert (p["count"], p["met"], p["contact_ids"], p["period"], p["due_in_days"]) == (2, True, ["c1", "c2"], None, 21)
    edge = objective(starts_on=date(2026, 12, 2), due_date=date(2026, 12, 9), criteria={"role": "product"})
    assert progress(edge, picture, NOW)["contact_ids"] == ["c2"]  # c1 at the first instant of Dec 1: outside
    last_day = objective(starts_on=date(2026, 11, 1), due_date=date(2026, 11, 30), criteria={"role": "product"})
    assert progress(last_day, picture, NOW)["contact_ids"] == ["c3"]  # 30 Nov 10:00 is inside its due day


def test_give_first_per_month_counts_favours_and_done_nudges_once_per_contact_and_day():
    picture = Picture(
        contacts={"c1": Contact("c1", "Ada"), "c2": Contact("c2", "Grace")},
        removed={"c9": Removed("c9", merged_into="c2"), "c8": Removed("c8")},
        interactions=[Interaction("i1", "c1", "help_given", at(2)),
                      Interaction("i2", "c2", "intro_made", at(3)),
                      Interaction("i3", "c2", "coffee", at(4)),                       # no favour
                      Interaction("i4", "c1", "call", at(20, 11), direction="gave"),  # November
                      Interaction("i5", "c8", "help_given", at(5))],                  # a deleted contact
        nudges=[NudgeOutcome("n1", "give_first", "give_first", "done", None, "c1", None, at(2, hour=15), at(1)),
                NudgeOutcome("n2", "give_first", "give_first", "done", None, "c9", None, at(6), at(1)),  # merged
                NudgeOutcome("n3", "give_first", "give_first", "dismissed", "not_relevant", "c1", None, at(7), at(1)),
                NudgeOutcome("n4", "gap", "goal_gap", "done", None, "c1", None, at(8), at(1))])
    doc = objective(kind="give_first", per="month", starts_on=date(2026, 11, 1), due_date=date(2027, 1, 31), target=2)
    p = progress(doc, picture, NOW)
    assert p["period"] == "2026-12" and p["count"] == 3 and p["contact_ids"] == ["c1", "c2"]
    assert p["series"] == [{"label": "2026-11", "value": 1}, {"label": "2026-12", "value": 3}]
    assert not p["met"]                                    # November fell short, January has not come
    total = objective(kind="give_first", target=3)
    assert progress(total, picture, NOW)["count"] == 3 and progress(total, picture, NOW)["met"]


def test_touches_per_iso_week_by_channel():
    picture = Picture(contacts={"c1": Contact("c1", "Ada")},
                      interactions=[Interaction("i1", "c1", "coffee", at(7)),      # Monday of W50
                                    Interaction("i2", "c1", "met", at(8)),         # met without gathering: coffee
                                    Interaction("i3", "c1", "met", at(8), gathering_id="g1"),  # events
                                    Interaction("i4", "c1", "meeting", at(6))])    # Sunday of W49
    doc = objective(kind="touches", per="week", target=2, criteria={"channel": "coffee"})
    p = progress(doc, picture, NOW)
    assert p["period"] == "2026-W50" and p["count"] == 2
    assert p["series"] == [{"label": "2026-W49", "value": 1}, {"label": "2026-W50", "value": 2}]
    assert not p["met"]
    before = progress(doc, picture, at(20, 11))
    assert (before["count"], before["series"], before["period"]) == (0, [], "2026-W49")


def test_find_mentor_and_strengthen_count_what_holds_now():
    picture = Picture(contacts={
        "m1": Contact("m1", "Mentor", tier="mentor", goal_links=("g-other",)),
        "m2": Contact("m2", "Guardian", tier="guardian"),
        "m3": Contact("m3", "Sponsor", tier="sponsor"),
        "p1": Contact("p1", "Pat", title="CTO", company="Acme"),
        "p2": Contact("p2", "Sam", title="Chief Technology Officer"),
    }, interactions=[Interaction("i1", "p1", "call", NOW - timedelta(days=10)),
                     Interaction("i2", "p1", "call", NOW - timedelta(days=20)),
                     Interaction("i3", "p2", "call", NOW - timedelta(days=200))])
    mentor = objective(kind="find_mentor", target=1, goal_id="g-1")
    assert progress(mentor, picture, NOW)["contact_ids"] == ["m2"]
    assert progress(objective(kind="find_mentor", target=2), picture, NOW)["contact_ids"] == ["m1", "m2"]
    strong = progress(objective(kind="strengthen", target=2, criteria={"role": "CTO"}), picture, NOW)
    assert (strong["count"], strong["contact_ids"], strong["met"]) == (1, ["p1"], False)


def test_rules_of_a_valid_objective():
    assert problems(objective()) == {}
    bad = problems({**objective(kind="meet", per="week", target=0, due_date=date(2026, 11, 1)),
                    "criteria": {"channel": "coffee", "tier": "boss"}, "milestone_id": "ms-1"})
    assert set(bad) == {"per", "target", "due_date", "criteria", "milestone_id"}
    assert "criteria" in problems(objective(kind="touches"))
    assert problems({**objective(), "kind": "dance"}).keys() == {"kind"}


def test_the_first_objective_from_the_plans_offers():
    picture = Picture(contacts={
        "c1": Contact("c1", "Ada Lovelace", needs=("a reviewer for her code",)),
        "c2": Contact("c2", "Grace Hopper", needs=("code reviews before launch",)),
        "c3": Contact("c3", "Linus", needs=("a COBOL committee intro",))})
    [proposal] = proposals(["code review", "marathon training"], picture, date(2026, 12, 10))
    assert proposal["contact_ids"] == ["c1", "c2"]
    assert proposal["objective"] == {"title": "Offer code review to Ada and Grace this month", "kind": "give_first",
                                     "target": 2, "per": "month", "starts_on": "2026-12-01",
                                     "due_date": "2026-12-31", "criteria": {}}
    assert proposal["matches"][0]["words"] == ["code", "review"]
    [none] = proposals([], picture, date(2026, 12, 10))
    assert none["objective"] is None and "offer" in none["reason"]
    [unmatched] = proposals(["sailing lessons"], picture, date(2026, 12, 10))
    assert unmatched["objective"] is None and "needs" in unmatched["reason"]


class Network:
    def __init__(self):
        self.pictures = {}

    def picture(self, scope):
        return self.pictures.get(scope, Picture())


@pytest.fixture
def world():
    goals, store, network = InMemoryGoalStore(), InMemoryObjectiveStore(), Network()
    clock = {"now": NOW}
    return goals, store, network, Objectives(store, goals, network, clock=lambda: clock["now"]), clock


BODY = {"title": "Meet two product leaders", "kind": "meet", "target": 2, "per": None, "starts_on": date(2026, 12, 1),
        "due_date": date(2026, 12, 31), "criteria": {"role": "product"}}


def test_use_cases_crud_events_and_scope(world):
    goals, store, network, objectives, _ = world
    network.pictures[ADA] = Picture(contacts={"c1": Contact("c1", "Ada", title="Product lead", met_at=at(2))})
    made = objectives.create(ADA, BODY, "corr")
    assert made["progress"]["count"] == 1 and made["status"] == "active" and made["version"] == 1
    assert store.events[0].type == "objective.created" and store.events[0].data["progress"]["count"] == 1
    changed = objectives.update(ADA, made["_id"], {"target": 1})
    assert changed["version"] == 2 and changed["progress"]["met"] and store.events[1].data["target"] == 1
    for call in (lambda: objectives.get(BOB, made["_id"]), lambda: objectives.update(BOB, made["_id"], {"target": 3}),
                 lambda: objectives.delete(BOB, made["_id"])):
        with pytest.raises(NotFound):
            call()
    assert objectives.list_objectives(BOB, 10, None) == ([], None)
    with pytest.raises(Invalid) as bad:
        objectives.update(ADA, made["_id"], {"due_date": date(2026, 11, 1)})
    assert set(bad.value.errors) == {"due_date"}
    with pytest.raises(Invalid) as no_goal:
        objectives.create(ADA, {**BODY, "goal_id": "g-nope"})
    assert set(no_goal.value.errors) == {"goal_id"}
    goal = Goals(goals, clock=lambda: NOW).create_goal(ADA, {"title": "CPO", "horizon": "ultimate", "milestones": [
        {"kind": "relationship", "title": "Know a CPO", "role": "CPO"}]})
    milestone = goal["milestones"][0]["milestone_id"]
    linked = objectives.create(ADA, {**BODY, "goal_id": goal["_id"], "milestone_id": milestone})
    assert linked["goal_id"] == goal["_id"]
    with pytest.raises(Invalid):
        objectives.create(ADA, {**BODY, "goal_id": goal["_id"], "milestone_id": "ms-nope"})
    objectives.delete(ADA, made["_id"])
    assert [e.type for e in store.events][-1] == "objective.deleted"
    assert [o["_id"] for o in objectives.list_objectives(ADA, 10, None)[0]] == [linked["_id"]]
    store.lose_races = 5
    with pytest.raises(Busy):
        objectives.update(ADA, linked["_id"], {"title": "x"})


def test_refresh_marks_met_once_and_missed_after_the_due_day(world):
    _, store, network, objectives, clock = world
    network.pictures[ADA] = Picture(contacts={"c1": Contact("c1", "Ada", title="Product lead", met_at=at(2))})
    reached = objectives.create(ADA, {**BODY, "target": 1})
    pending = objectives.create(ADA, {**BODY, "title": "Two", "due_date": date(2026, 12, 20)})
    [moved] = objectives.refresh(ADA, NOW)
    assert moved["_id"] == reached["_id"] and moved["status"] == "met" and moved["met_at"] == NOW
    assert moved["version"] == 2 and store.events[-1].type == "objective.met"
    assert store.events[-1].data["progress"] == {"count": 1, "target": 1, "met": True, "period": None}
    assert objectives.refresh(ADA, NOW) == []                               # met once
    later = datetime(2026, 12, 21, tzinfo=UTC)
    [missed] = objectives.refresh(ADA, later)
    assert missed["_id"] == pending["_id"] and missed["status"] == "missed"
    assert store.events[-1].type == "objective.updated" and store.events[-1].data["status"] == "missed"
    assert objectives.refresh(BOB, later) == []


def test_proposals_read_the_plans_offers(world):
    goals, _, network, objectives, _ = world
    network.pictures[ADA] = Picture(contacts={"c1": Contact("c1", "Ada", needs=("code review",))})
    assert objectives.proposals(ADA)[0]["objective"] is None                # the default plan offers nothing
    Planning(goals, InMemorySuggestionStore(), clock=lambda: NOW).put_plan(ADA, {"style": "introvert", "offers": ["code review"]})
    assert objectives.proposals(ADA)[0]["contact_ids"] == ["c1"]
