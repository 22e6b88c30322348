"""The plan on the in-memory stores: the questionnaire's plan, the learning rules on hand-built
pictures, and the suggestions' use cases (no server, real rules)."""
from datetime import datetime, timedelta, timezone

import pytest

from services.goals.adapters.store import InMemoryGoalStore
from services.goals.adapters.suggestions import InMemorySuggestionStore
from services.goals.domain.learning import iso_week, propose
from services.goals.domain.picture import NudgeOutcome, Picture
from services.goals.domain.plan import channel_errors, plan_with_defaults
from services.goals.domain.questionnaire import QUESTIONS, plan_from_answers
from services.goals.schemas import PlanIn, QuestionnaireIn
from services.goals.service_layer.planning import Planning
from shared.db import Scope
from shared.errors import Busy, Conflict, NotFound
from shared.strategy.network import Interaction

NOW = datetime(2026, 5, 6, 9, 0, tzinfo=timezone.utc)   # a Wednesday, ISO week 2026-W19
ADA, BOB = Scope("org", "ada"), Scope("org", "bob")
INTROVERT = {"energy": "one_to_one", "channels": ["coffee", "calls", "events"], "hours_per_week": 3,
             "cold_outreach": 2, "speaking": 1, "follow_up": "within_days", "offers": ["code review"]}
EXTROVERT = {"energy": "groups", "channels": ["events", "speaking", "coffee"], "hours_per_week": 4,
             "cold_outreach": 5, "speaking": 5, "follow_up": "same_day", "preferred_time": "evenings"}
AMBIVERT = {"energy": "both", "channels": ["online", "writing"], "hours_per_week": 0, "cold_outreach": 3,
            "speaking": 3, "follow_up": "within_week"}


# the questionnaire

def test_an_introvert_gets_fewer_deeper_one_to_one_commitments():
    plan = plan_from_answers(INTROVERT)
    assert plan["style"] == "introvert" and plan["weekly_budget"] == 4       # 3 h at 45 min a touch
    assert (plan["follow_up_days"], plan["max_nudges_per_day"]) == (3, 2)
    assert set(plan["channels"]) == {"coffee", "calls", "events"} and abs(sum(plan["channels"].values()) - 1) < 1e-9
    assert plan["channels"]["coffee"] > plan["channels"]["events"]
    whats = [c["what"] for c in plan["commitments"]]
    assert "events" not in whats                                              # cold outreach 2/5: no crowd
    assert {"what": "give_first", "count": 1, "per": "month"} in plan["commitments"]
    assert all(c["count"] <= 2 for c in plan["commitments"]) and len(plan["commitments"]) <= 4
    assert plan["offers"] == ["code review"] and plan["answers"] == INTROVERT
    said = " ".join(plan["reasoning"])
    assert "one-to-one" in said and "2/5" in said and "3 hours" in said and "code review" in said
    assert "no commitment to events" in said


def test_an_extrovert_commits_to_rooms_a_month_and_evenings():
    plan = plan_from_answers(EXTROVERT)
    assert plan["style"] == "extrovert" and plan["weekly_budget"] == 12       # 4 h at 20 min
    assert plan["max_nudges_per_day"] == 5 and plan["follow_up_days"] == 1
    assert plan["working_hours"] == {"start": "18:00", "end": "21:00", "days": [1, 2, 3, 4, 5]}
    per = {c["what"]: c["per"] for c in plan["commitments"]}
    assert per == {"events": "month", "speaking": "month", "coffee": "week"}
    assert plan["channels"]["events"] == plan["channels"]["speaking"] > plan["channels"]["coffee"]
    assert not any(c["what"] == "give_first" for c in plan["commitments"])
    assert any("evenings" in r for r in plan["reasoning"]) and any("nothing to offer" in r for r in plan["reasoning"])


def test_no_time_makes_an_ambivert_plan_with_nothing_to_commit_to():
    plan = plan_from_answers(AMBIVERT)
    assert plan["style"] == "ambivert" and plan["weekly_budget"] == 0 and plan["commitments"] == []
    assert plan["max_nudges_per_day"] == 1 and plan["follow_up_days"] == 7
    assert plan["channels"] == {"online": 0.5, "writing": 0.5}
    assert any("0 hours" in r for r in plan["reasoning"]) and any("working hours" in r for r in plan["reasoning"])


def test_edge_answers_pick_the_style_at_its_boundaries():
    ones = {**AMBIVERT, "energy": "groups", "cold_outreach": 3, "speaking": 3}
    assert plan_from_answers(ones)["style"] == "extrovert"                    # groups alone: +2
    assert plan_from_answers({**ones, "speaking": 1})["style"] == "ambivert"  # 2 - 1
    assert plan_from_answers({**ones, "energy": "both", "cold_outreach": 1, "speaking": 1})["style"] == "introvert"
    most = plan_from_answers({**EXTROVERT, "hours_per_week": 20, "channels": ["coffee"]})
    assert most["weekly_budget"] == 50 and most["commitments"][0] == {"what": "coffee", "count": 5, "per": "week"}


def test_the_answers_schema_comes_from_the_questions():
    errors = QuestionnaireIn().validate({"answers": {"energy": "loud", "channels": [], "hours_per_week": 21,
                                                     "cold_outreach": 0, "speaking": "3", "follow_up": "never"}})
    assert set(errors["answers"]) == {"energy", "channels", "hours_per_week", "cold_outreach", "speaking", "follow_up"}
    assert QuestionnaireIn().validate({"answers": {}})["answers"].keys() == {q.id for q in QUESTIONS if q.required}
    assert QuestionnaireIn().validate({"answers": INTROVERT}) == {}
    assert "colour" in QuestionnaireIn().validate({"answers": {**INTROVERT, "colour": "blue"}})["answers"]


def test_channels_and_commitments_are_validated():
    assert channel_errors({"coffee": 0.5, "online": 0.5}) == []
    assert channel_errors({"coffee": 0.5, "online": 0.495}) == []             # ~1
    assert channel_errors({"coffee": 0.5, "online": 0.4})[0].startswith("the shares must sum to 1")
    assert channel_errors({"tv": 1.0})[0].startswith("unknown channel 'tv'")
    assert channel_errors({"coffee": 1.5, "online": -0.5}) == ["every share must be a number from 0 to 1"]
    errors = PlanIn().validate({"style": "introvert", "channels": {"coffee": 0.2},
                                "commitments": [{"what": "tea", "count": 0, "per": "day"}]})
    assert set(errors) == {"channels", "commitments"} and set(errors["commitments"][0]) == {"what", "count", "per"}
    twice = [{"what": "coffee", "count": 1, "per": "week"}] * 2
    assert "commitments" in PlanIn().validate({"style": "introvert", "commitments": twice})


# learning

def _nudge(i, status, reason=None, kind="keep_in_touch", days_ago=1.0):
    return NudgeOutcome(f"n{i}", kind, None, status, reason, None, None, NOW - timedelta(days=days_ago), None)


def _plan(**over):
    return {**plan_with_defaults({"style": "ambivert"}), "version": 3, "commitments": [], **over}


def _rules(plan, picture, decided=()):
    return {p.rule: p for p in propose(plan, picture, NOW, list(decided), org_id="org", member_id="ada")}


def test_too_many_nudges_at_the_threshold_inside_the_window():
    two = Picture(nudges=[_nudge(i, "dismissed", "too_many") for i in range(2)])
    assert _rules(_plan(), two) == {}
    outside = Picture(nudges=two.nudges + [_nudge(9, "dismissed", "too_many", days_ago=28)])
    assert _rules(_plan(), outside) == {}                                     # exactly 28 days ago: out
    three = Picture(nudges=two.nudges + [_nudge(9, "dismissed", "too_many", days_ago=27.9)])
    p = _rules(_plan(), three)["too_many_nudges"]
    assert p.changes == {"max_nudges_per_day": 2} and p.evidence == {"dismissed_too_many": 3, "window_days": 28}
    assert "3 nudges" in p.reason and p.plan_version == 3 and p.week == "2026-W19" == iso_week(NOW)
    at_one = _rules(_plan(max_nudges_per_day=1), three)["too_many_nudges"]
    assert at_one.changes == {"weekly_budget": 4}
    assert _rules(_plan(max_nudges_per_day=1, weekly_budget=0), three) == {}   # nothing left to lower


def test_not_relevant_lowers_give_first_or_the_budget():
    giving = Picture(nudges=[_nudge(i, "dismissed", "not_relevant", kind="give_help") for i in range(3)])
    plan = _plan(commitments=[{"what": "coffee", "count": 1, "per": "week"},
                              {"what": "give_first", "count": 2, "per": "week"}])
    p = _rules(plan, giving)["not_relevant"]
    assert p.changes == {"commitments": [{"what": "coffee", "count": 1, "per": "week"},
                                         {"what": "give_first", "count": 1, "per": "week"}]}
    assert p.evidence["of_them_give_first"] == 3
    mixed = Picture(nudges=[_nudge(0, "dismissed", "not_relevant", kind="give_help"),
                            *[_nudge(i, "dismissed", "not_relevant") for i in (1, 2)]])
    assert _rules(plan, mixed)["not_relevant"].changes == {"weekly_budget": 4}


def test_snoozes_give_more_days_to_follow_up():
    snoozed = Picture(nudges=[_nudge(i, "snoozed") for i in range(3)])
    assert _rules(_plan(), snoozed)["snoozed"].changes == {"follow_up_days": 3}
    assert _rules(_plan(follow_up_days=30), snoozed) == {}                     # no change: no proposal


def _met(i, kind, weeks_ago, gathering=None):
    monday = datetime(2026, 5, 4, 12, tzinfo=timezone.utc) - timedelta(weeks=weeks_ago)
    return Interaction(f"i{i}-{weeks_ago}", "c1", kind, monday, gathering_id=gathering)


def test_a_commitment_missed_three_weeks_running_gets_smaller():
    plan = _plan(commitments=[{"what": "coffee", "count": 2, "per": "week"},
                              {"what": "calls", "count": 1, "per": "week"}])
    one_coffee = [_met(0, "coffee", w) for w in (1, 2, 3)] + [_met(1, "call", w) for w in (1, 2, 3)]
    p = _rules(plan, Picture(interactions=one_coffee))["commitment_missed"]
    assert p.changes == {"commitments": [{"what": "coffee", "count": 1, "per": "week"},
                                         {"what": "calls", "count": 1, "per": "week"}]}
    assert p.evidence["missed"] == {"coffee": {"count": 2, "done": [1, 1, 1]}}
    kept_once = one_coffee + [_met(2, "coffee", 2)]
    assert "commitment_missed" not in _rules(plan, Picture(interactions=kept_once))
    no_calls = _rules(_plan(commitments=[{"what": "calls", "count": 1, "per": "week"}]), Picture())
    assert no_calls["commitment_missed"].changes == {"commitments": [{"what": "calls", "count": 2, "per": "month"}]}
    recent = _plan(commitments=plan["commitments"], updated_at=NOW - timedelta(days=10))
    assert "commitment_missed" not in _rules(recent, Picture(interactions=one_coffee))  # too new to judge


def test_kept_commitments_and_touches_above_budget_raise_it():
    plan = _plan(weekly_budget=2, commitments=[{"what": "coffee", "count": 1, "per": "week"}])
    busy = [_met(k, "coffee" if k == 0 else "message", w) for w in (1, 2, 3) for k in range(3 + (w == 2))]
    p = _rules(plan, Picture(interactions=busy))["above_budget"]
    assert p.changes == {"weekly_budget": 3} and p.evidence["touches"] == [3, 4, 3]
    at_budget = _plan(weekly_budget=3, commitments=plan["commitments"])
    assert "above_budget" not in _rules(at_budget, Picture(interactions=busy))   # 3 is not above 3
    no_coffee = [i for i in busy if not (i.kind == "coffee" and i.occurred_at < NOW - timedelta(weeks=2))]
    assert "above_budget" not in _rules(plan, Picture(interactions=no_coffee))


def test_declined_recently_open_or_already_made_is_not_proposed_again():
    three = Picture(nudges=[_nudge(i, "dismissed", "too_many") for i in range(3)])
    made = _rules(_plan(), three)["too_many_nudges"]
    assert _rules(_plan(), three, [{"_id": made.suggestion_id, "rule": "x", "status": "accepted"}]) == {}
    declined = {"_id": "old", "rule": "too_many_nudges", "status": "declined", "created_at": NOW - timedelta(days=40)}
    assert _rules(_plan(), three, [{**declined, "decided_at": NOW - timedelta(days=27)}]) == {}
    assert "too_many_nudges" in _rules(_plan(), three, [{**declined, "decided_at": NOW - timedelta(days=28)}])
    assert _rules(_plan(), three, [{"_id": "o", "rule": "too_many_nudges", "status": "proposed",
                                    "created_at": NOW - timedelta(days=8)}]) == {}
    other = propose(_plan(), three, NOW, [], org_id="org", member_id="bob")[0]
    assert other.suggestion_id != made.suggestion_id
    next_week = propose(_plan(), three, NOW + timedelta(days=7), [], org_id="org", member_id="ada")[0]
    assert next_week.suggestion_id != made.suggestion_id


# the use cases

@pytest.fixture
def stores():
    return InMemoryGoalStore(), InMemorySuggestionStore()


SET = NOW - timedelta(days=2)  # when the use cases run: plans set before the outcomes learnt at NOW


@pytest.fixture
def planning(stores):
    return Planning(*stores, clock=lambda: SET)


def test_the_plan_defaults_by_style_until_set(planning, stores):
    default = planning.get_plan(ADA)
    assert default["is_default"] and default["version"] == 0 and default["style"] == "ambivert"
    assert default["channels"] and default["answers"] is None and default["reasoning"] == []
    plan = planning.put_plan(ADA, {"style": "introvert", "timezone": "Europe/Berlin"})
    assert (plan["weekly_budget"], plan["version"], plan["is_default"]) == (3, 1, False)
    again = planning.put_plan(ADA, {"style": "extrovert", "weekly_budget": 9})
    assert (again["weekly_budget"], again["timezone"], again["version"]) == (9, None, 2)
    assert [e.data["version"] for e in stores[0].events] == [1, 2]
    stores[0].lose_races = 5
    with pytest.raises(Busy):
        planning.put_plan(ADA, {"style": "introvert"})


def test_an_old_plan_reads_with_its_styles_channels(planning, stores):
    stores[0].plans[("org", "ada")] = {"_id": "ada", "style": "introvert", "weekly_budget": 4, "follow_up_days": 3,
                                       "max_nudges_per_day": 2, "working_hours": {}, "offers": [],
                                       "updated_at": NOW, "version": 2}
    plan = planning.get_plan(ADA)
    assert plan["channels"] == {"coffee": 0.5, "calls": 0.3, "online": 0.2} and plan["weekly_budget"] == 4
    assert plan["commitments"][0]["what"] == "coffee" and plan["answers"] is None


def test_the_questionnaire_sets_the_plan_with_answers_and_reasoning(planning, stores):
    plan = planning.answer(ADA, INTROVERT, "corr-q")
    assert plan["style"] == "introvert" and plan["version"] == 1 and plan["answers"] == INTROVERT
    [event] = stores[0].events
    assert event.type == "plan.updated" and event.correlation_id == "corr-q"
    assert event.data["reasoning"] == plan["reasoning"] and event.data["commitments"] == plan["commitments"]
    assert planning.put_plan(ADA, {"style": "introvert"})["answers"] is None


def test_learn_stores_each_proposal_once_and_accept_applies_it(planning, stores):
    planning.put_plan(ADA, {"style": "ambivert"})
    three = Picture(nudges=[_nudge(i, "dismissed", "too_many") for i in range(3)])
    assert planning.learn(ADA, three, NOW) == 1
    assert planning.learn(ADA, three, NOW + timedelta(hours=1)) == 0         # same week, same id: nothing new
    [s] = planning.list_suggestions(ADA)
    assert s["status"] == "proposed" and s["changes"] == {"max_nudges_per_day": 2} and s["plan_version"] == 1
    assert [e.type for e in stores[1].events] == ["plan.suggested"]
    with pytest.raises(NotFound):
        planning.accept(BOB, s["_id"])
    planning.put_plan(ADA, {"style": "ambivert", "weekly_budget": 7})         # the plan moved on since
    done = planning.accept(ADA, s["_id"], "corr-a")
    assert done["suggestion"]["status"] == "accepted" and done["suggestion"]["decided_at"] == SET
    assert done["plan"]["max_nudges_per_day"] == 2 and done["plan"]["weekly_budget"] == 7
    assert done["plan"]["version"] == 3
    assert [e.type for e in stores[1].events] == ["plan.suggested", "plan.suggestion_accepted"]
    assert stores[0].events[-1].type == "plan.updated" and stores[0].events[-1].data["max_nudges_per_day"] == 2
    with pytest.raises(Conflict) as twice:
        planning.decline(ADA, s["_id"])
    assert twice.value.slug == "suggestion-decided"
    assert planning.list_suggestions(ADA) == [] and len(planning.list_suggestions(ADA, "accepted")) == 1


def test_a_declined_rule_waits_four_weeks_and_an_old_open_one_expires(planning, stores):
    for who in (ADA, BOB):
        planning.put_plan(who, {"style": "ambivert", "commitments": []})
    snoozes = Picture(nudges=[_nudge(i, "snoozed") for i in range(3)])
    planning.learn(ADA, snoozes, NOW)
    [s] = planning.list_suggestions(ADA)
    assert planning.decline(ADA, s["_id"])["status"] == "declined"
    assert stores[1].events[-1].type == "plan.suggestion_declined"
    later = NOW + timedelta(days=14)
    assert planning.learn(ADA, Picture(nudges=[_nudge(i, "snoozed", days_ago=-13) for i in range(3)]), later) == 0
    assert planning.learn(BOB, snoozes, NOW) == 1
    much_later = NOW + timedelta(days=29)
    fresh = Picture(nudges=[_nudge(i, "snoozed", days_ago=-28) for i in range(3)])
    assert planning.learn(BOB, fresh, much_later) == 1                          # the old one expired
    assert [x["status"] for x in planning.list_suggestions(BOB, "expired")] == ["expired"]
    assert "plan.suggestion_expired" in [e.type for e in stores[1].events if e.member_id == "bob"]
    assert planning.learn(ADA, fresh, much_later) == 1                          # the decline is 29 days old


def test_an_acceptance_whose_plan_write_failed_completes_when_accepted_again(planning, stores):
    planning.put_plan(ADA, {"style": "ambivert"})
    planning.learn(ADA, Picture(nudges=[_nudge(i, "dismissed", "too_many") for i in range(3)]), NOW)
    [s] = planning.list_suggestions(ADA)
    stores[0].lose_races = 5  # the plan's write fails after the acceptance was written
    with pytest.raises(Busy):
        planning.accept(ADA, s["_id"])
    assert planning.get_plan(ADA)["max_nudges_per_day"] == 3
    done = planning.accept(ADA, s["_id"])  # accepting again applies it
    assert done["plan"]["max_nudges_per_day"] == 2
    with pytest.raises(Conflict):  # applied now: a third time is the conflict it always was
        planning.accept(ADA, s["_id"])


def test_a_member_without_a_plan_gets_no_suggestions(planning):
    three = Picture(nudges=[_nudge(i, "dismissed", "too_many") for i in range(3)])
    assert planning.learn(ADA, three, NOW) == 0 and planning.list_suggestions(ADA) == []
    planning.put_plan(ADA, {"style": "ambivert"})
    assert planning.learn(ADA, three, NOW) == 1


def test_outcomes_from_before_the_plan_last_changed_propose_nothing_again():
    dismissed = Picture(nudges=[_nudge(i, "dismissed", "too_many", days_ago=3) for i in range(3)])
    assert _rules(_plan(updated_at=NOW - timedelta(days=10)), dismissed)  # feedback on this plan
    assert not _rules(_plan(updated_at=NOW - timedelta(days=2)), dismissed)  # acted on since: nothing again
