"""The goals use cases on the in-memory store: no server, real rules."""
from datetime import date, datetime, timezone

import pytest

from services.goals.adapters.store import InMemoryGoalStore
from services.goals.service_layer.goals import Goals
from shared.db import Scope
from shared.errors import Busy, Conflict, NotFound

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)
ADA, BOB = Scope("org", "ada"), Scope("org", "bob")
ULTIMATE = {"title": "CTO", "horizon": "ultimate", "target_date": date(2031, 1, 1),
            "milestones": [{"kind": "relationship", "title": "Know a CTO", "role": "CTO"}]}


@pytest.fixture
def store():
    return InMemoryGoalStore()


@pytest.fixture
def goals(store):
    return Goals(store, clock=lambda: NOW)


def test_a_goal_is_created_with_open_milestones_and_its_event(goals, store):
    goal = goals.create_goal(ADA, ULTIMATE, "corr-1")
    assert goal["status"] == "active" and goal["version"] == 1 and goal["target_date"] == "2031-01-01"
    assert goal["created_at"] == NOW and [m["status"] for m in goal["milestones"]] == ["open"]
    [event] = store.events
    assert event.type == "goal.created" and event.correlation_id == "corr-1"
    assert event.data["goal_id"] == goal["_id"] and event.data["milestones"][0]["kind"] == "relationship"


def test_one_active_ultimate_goal_per_member(goals):
    first = goals.create_goal(ADA, ULTIMATE)
    with pytest.raises(Conflict) as second:
        goals.create_goal(ADA, ULTIMATE)
    assert second.value.slug == "ultimate-goal-exists"
    goals.create_goal(BOB, ULTIMATE)                      # another member's goal is no obstacle
    goals.create_goal(ADA, {**ULTIMATE, "horizon": "interim"})
    goals.update_goal(ADA, first["_id"], {"status": "archived"})
    replacement = goals.create_goal(ADA, ULTIMATE)       # archived: a new one may be set
    with pytest.raises(Conflict):                        # and the old one may not come back beside it
        goals.update_goal(ADA, first["_id"], {"status": "active"})
    goals.delete_goal(ADA, replacement["_id"])
    assert goals.update_goal(ADA, first["_id"], {"status": "active"})["status"] == "active"


def test_milestones_keep_their_id_and_status_by_kind_and_title(goals, store):
    goal = goals.create_goal(ADA, ULTIMATE)
    kept = goal["milestones"][0]
    updated = goals.update_goal(ADA, goal["_id"], {"milestones": [
        {"kind": "relationship", "title": "Know a CTO"}, {"kind": "training", "title": "MBA"}]})
    assert updated["version"] == 2 and updated["milestones"][0]["milestone_id"] == kept["milestone_id"]
    assert updated["milestones"][1]["milestone_id"] != kept["milestone_id"]
    assert [e.type for e in store.events] == ["goal.created", "goal.updated"] and store.events[1].data["version"] == 2


def test_missing_and_other_members_goals_are_not_found(goals):
    goal = goals.create_goal(ADA, ULTIMATE)
    for call in (lambda: goals.get_goal(BOB, goal["_id"]), lambda: goals.update_goal(BOB, goal["_id"], {"title": "x"}),
                 lambda: goals.delete_goal(BOB, goal["_id"])):
        with pytest.raises(NotFound):
            call()
    goals.delete_goal(ADA, goal["_id"])
    with pytest.raises(NotFound):
        goals.get_goal(ADA, goal["_id"])
    assert goals.list_goals(ADA, 10, None) == ([], None)


def test_pages_in_id_order(goals):
    made = sorted(goals.create_goal(ADA, {**ULTIMATE, "horizon": "interim", "title": f"g{i}"})["_id"] for i in range(3))
    first, cursor = goals.list_goals(ADA, 2, None)
    rest, end = goals.list_goals(ADA, 2, cursor)
    assert [g["_id"] for g in first + rest] == made and end is None


def test_a_write_that_loses_its_race_is_retried_then_busy(goals, store):
    goal = goals.create_goal(ADA, ULTIMATE)
    store.lose_races = 4                                 # four lost races: the fifth attempt wins
    assert goals.update_goal(ADA, goal["_id"], {"title": "CEO"})["title"] == "CEO"
    store.lose_races = 5                                 # five: given up, nothing written
    with pytest.raises(Busy) as lost:
        goals.update_goal(ADA, goal["_id"], {"title": "COO"})
    assert lost.value.slug == "write-conflict" and lost.value.retry_after == 1
    assert goals.get_goal(ADA, goal["_id"])["title"] == "CEO"

