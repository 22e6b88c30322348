"""The weekly and quarterly reviews: period parsing, each section, an empty network, and the
use cases on in-memory stores."""
from datetime import datetime, timedelta, timezone

import pytest

from services.goals.adapters.objectives import InMemoryObjectiveStore
from services.goals.adapters.store import InMemoryGoalStore
from services.goals.adapters.suggestions import InMemorySuggestionStore
from services.goals.domain import reviews
from services.goals.domain.picture import Picture
from services.goals.service_layer.planning import Planning
from services.goals.service_layer.reviews import Reviews
from shared.db import Scope
from shared.errors import Invalid
from shared.strategy.network import Contact, Interaction

UTC = timezone.utc
NOW = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)      # a Thursday of 2026-W50
W49 = datetime(2026, 11, 30, tzinfo=UTC)               # its Monday
ADA = Scope("org", "ada")
PLAN = {"weekly_budget": 4, "follow_up_days": 2, "channels": {"coffee": 0.5, "online": 0.25, "events": 0.25}}


def d(days: float) -> datetime:
    return W49 + timedelta(days=days)


def test_periods_parse_and_default():
    week = reviews.parse_week("2026-W49", NOW)
    assert (week.start, week.end, week.weeks) == (W49, W49 + timedelta(days=7), 1)
    assert reviews.parse_week("2026-W50", NOW).end == NOW                  # under way: up to now
    assert reviews.last_full_week(NOW) == "2026-W49" and reviews.current_quarter(NOW) == "2026-Q4"
    q = reviews.parse_quarter("2026-Q4", NOW)
    assert (q.start, q.end) == (datetime(2026, 10, 1, tzinfo=UTC), NOW)
    assert reviews.parse_quarter("2026-Q1", NOW).end == datetime(2026, 4, 1, tzinfo=UTC)
    for bad in ("2026-48", "2026-W54", "W49", "", "2027-W01"):
        with pytest.raises(ValueError):
            reviews.parse_week(bad, NOW)
    for bad in ("2026-Q5", "2026Q4", "2027-Q1"):
        with pytest.raises(ValueError):
            reviews.parse_quarter(bad, NOW)
    assert [w.label for w in reviews.weeks_of(q)][:2] == ["2026-W40", "2026-W41"]
    assert reviews.weeks_of(q)[0].start == q.start and reviews.weeks_of(q)[-1].label == "2026-W50"


PICTURE = Picture(
    contacts={"c1": Contact("c1", "Ada", tier="peer", met_at=d(0.5)),                     # followed up in 1 day
              "c2": Contact("c2", "Bob", met_at=d(1)),                                    # after 5 days
              "c3": Contact("c3", "Cy", tier="mentor", captured_at=d(2)),                 # not yet
              "c4": Contact("c4", "Old", title="Head of Sales", tier="sponsor", met_at=d(-30), captured_at=d(-30)),
              "c5": Contact("c5", "New CTO", title="Chief Technology Officer", tier="peer", captured_at=d(3))},
    interactions=[Interaction("i1", "c1", "coffee", d(1.5)),
                  Interaction("i2", "c1", "help_given", d(2)),
                  Interaction("i3", "c4", "help_received", d(3)),
                  Interaction("i4", "c4", "met", d(4), gathering_id="g1"),
                  Interaction("i5", "c2", "message", d(6)),
                  Interaction("i6", "gone", "coffee", d(2))])                              # a deleted contact


def test_each_section_of_a_week():
    week = reviews.parse_week("2026-W49", NOW)
    goal = {"_id": "g1", "status": "active", "milestones": [
        {"milestone_id": "ms-1", "kind": "relationship", "title": "Know a CTO", "role": "CTO", "status": "open"},
        {"milestone_id": "ms-2", "kind": "relationship", "title": "Know a sponsor at Acme",
         "organisation": "Acme", "status": "open"},
        {"milestone_id": "ms-3", "kind": "relationship", "title": "Know sales", "role": "head of sales",
         "status": "open"}]}                                          # covered before the week too: not new
    met = [{"_id": "o1", "title": "Met", "kind": "meet", "status": "met", "met_at": d(3)},
           {"_id": "o2", "title": "Before", "kind": "meet", "status": "met", "met_at": d(-3)},
           {"_id": "o3", "title": "Active", "kind": "meet", "status": "active", "met_at": None}]
    r = reviews.review(PICTURE, PLAN, [goal], met, week, NOW)
    assert r["period"] == "2026-W49"
    assert r["touches"]["planned_total"] == 4 and r["touches"]["actual_total"] == 5
    rows = {row["label"]: (row["planned"], row["actual"]) for row in r["touches"]["by_channel"]}
    assert rows["coffee"] == (2.0, 1) and rows["online"] == (1.0, 3) and rows["events"] == (1.0, 1)
    assert rows["calls"] == (0, 0)
    assert r["follow_ups"] == {"follow_up_days": 2, "met": 4, "series": [   # c1 within, c2 later, c3 and c5 not yet
        {"label": "within", "value": 1}, {"label": "later", "value": 1}, {"label": "not_yet", "value": 2}]}
    assert (r["giving"]["given"], r["giving"]["received"]) == (1, 1)
    tiers = {p["label"]: p["value"] for p in r["new_relationships"]["by_tier"]}
    assert r["new_relationships"]["total"] == 4 and tiers == {"mentor": 1, "guardian": 0, "sponsor": 0, "peer": 2,
                                                               "acquaintance": 0, "none": 1}
    assert r["milestones_covered"] == {"count": 1, "items": [
        {"goal_id": "g1", "milestone_id": "ms-1", "need": "self", "title": "Know a CTO"}]}  # c5 arrived, a peer
    assert r["objectives_met"] == {"count": 1, "items": [{"objective_id": "o1", "title": "Met", "kind": "meet"}]}


def test_a_plan_without_a_channel_mix_plans_only_the_total_and_an_empty_network_reviews_to_zeros():
    week = reviews.parse_week("2026-W49", NOW)
    r = reviews.review(Picture(), {"weekly_budget": 3, "follow_up_days": 1}, [], [], week, NOW)
    assert r["touches"]["planned_total"] == 3 and all(row["planned"] is None for row in r["touches"]["by_channel"])
    assert r["touches"]["actual_total"] == 0 and r["follow_ups"]["met"] == 0
    assert r["giving"]["series"] == [{"label": "given", "value": 0}, {"label": "received", "value": 0}]
    assert r["new_relationships"]["total"] == 0 and r["milestones_covered"]["count"] == 0


def test_the_quarter_has_per_week_series():
    q = reviews.parse_quarter("2026-Q4", NOW)
    r = reviews.quarterly(PICTURE, PLAN, [], [], q, NOW)
    by_week = {w["label"]: w for w in r["weeks"]}
    assert by_week["2026-W49"] == {"label": "2026-W49", "planned": 4.0, "actual": 5, "given": 1, "received": 1,
                                   "new_contacts": 4}
    assert by_week["2026-W44"]["new_contacts"] == 1 and by_week["2026-W45"]["new_contacts"] == 0  # c4, 31 October
    assert r["touches"]["actual_total"] == 5
    assert by_week["2026-W50"]["planned"] == round(4 * 3.5 / 7, 1)         # Monday to Thursday noon


def test_reviews_use_cases_default_periods_and_refuse_bad_ones():
    goals, store = InMemoryGoalStore(), InMemoryObjectiveStore()

    class Network:
        def picture(self, scope):
            return PICTURE
    use = Reviews(store, goals, Network(), clock=lambda: NOW)
    assert use.weekly(ADA)["period"] == "2026-W49"
    assert use.weekly(ADA)["touches"]["planned_total"] == 5                 # the default plan: ambivert, 5 a week
    Planning(goals, InMemorySuggestionStore(), clock=lambda: NOW).put_plan(ADA, {"style": "introvert"})
    assert use.weekly(ADA, "2026-W49")["touches"]["planned_total"] == 3
    assert use.quarterly(ADA)["period"] == "2026-Q4"
    with pytest.raises(Invalid) as bad:
        use.weekly(ADA, "2027-W02")
    assert set(bad.value.errors) == {"week"}
    with pytest.raises(Invalid) as bad:
        use.quarterly(ADA, "Q4")
    assert set(bad.value.errors) == {"quarter"}
