"""The goals use cases on the in-memory store: no server, real rules."""
from datetime import date, datetime, timedelta, timezone

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

# -- the path, coverage and a change of direction ------------------------------------------

from services.goals.domain.picture import NudgeOutcome, Picture  # noqa: E402
from shared.errors import Invalid  # noqa: E402
from shared.strategy.network import Contact, Interaction  # noqa: E402

PATH = {"title": "CTO of a fintech", "horizon": "ultimate", "milestones": [
    {"kind": "relationship", "title": "Know a fintech CTO", "role": "CTO", "sector": "fintech"},
    {"kind": "position", "title": "VP Engineering", "done_when": "Hired as VP",
     "opened_by": [{"role": "Chief Executive Officer"}, {"organisation": "Globex"}]},
    {"kind": "training", "title": "Board course"}]}


class Network:
    """The member's network as the use cases read it (NetworkSource), from a dict per member."""

    def __init__(self, pictures):
        self.pictures = pictures

    def picture(self, scope):
        return self.pictures[scope]


def network(*contacts, interactions=(), nudges=()):
    return Picture(contacts={c.contact_id: c for c in contacts}, interactions=list(interactions), nudges=list(nudges))


def test_coverage_says_who_covers_each_need_how_strongly_and_what_is_missing(store):
    pictures = {ADA: network()}
    goals = Goals(store, clock=lambda: NOW, network=Network(pictures))
    goal = goals.create_goal(ADA, PATH)
    empty = goals.coverage(ADA, goal["_id"])
    assert empty["counts"] == {"covered": 0, "weak": 0, "missing": 3}
    assert [m["verdict"] for m in empty["milestones"]] == ["missing", "missing", None]  # training needs nobody

    cto = Contact("c1", "Grace", title="CTO", company="Paywise", tags=("fintech",))
    ceo = Contact("c2", "Ada", title="CEO", company="Initech", tier="mentor")
    coffee = [Interaction(f"i{n}", "c1", "coffee", NOW - timedelta(days=n)) for n in (3, 40)]
    pictures[ADA] = network(cto, ceo)
    weak = goals.coverage(ADA, goal["_id"])
    rel = weak["milestones"][0]["needs"][0]
    assert rel["verdict"] == "weak" and rel["contacts"][0]["contact_id"] == "c1"
    assert rel["contacts"][0]["strength"]["recent_touches"] == 0
    position = weak["milestones"][1]["needs"]
    assert [(n["need"], n["verdict"]) for n in position] == [("opened_by.0", "covered"), ("opened_by.1", "missing")]
    assert position[1]["connector"]["contact_id"] == "c2" and "mentor" in position[1]["reason"]

    done = NudgeOutcome("n1", "follow_up", "follow_up_after_meeting", "done", None, "c1", None, NOW, NOW)
    pictures[ADA] = network(cto, ceo, interactions=coffee[:1], nudges=[done])  # a coffee and a done nudge: strong
    assert goals.coverage(ADA, goal["_id"])["milestones"][0]["verdict"] == "covered"
    pictures[ADA] = network(cto, ceo, interactions=coffee)
    assert goals.coverage(ADA, goal["_id"])["counts"] == {"covered": 2, "weak": 0, "missing": 1}
    with pytest.raises(NotFound):
        goals.coverage(BOB, goal["_id"])


def test_milestone_status_changes_are_events_of_their_own(goals, store):
    goal = goals.create_goal(ADA, PATH)
    store.events.clear()
    moved = [{**m, "status": "done"} if m["kind"] == "training" else m for m in PATH["milestones"]]
    after = goals.update_goal(ADA, goal["_id"], {"milestones": moved})
    assert [m["status"] for m in after["milestones"]] == ["open", "open", "done"]
    assert after["milestones"][1]["opened_by"] == PATH["milestones"][1]["opened_by"]
    types = [e.type for e in store.events]
    assert types == ["goal.updated", "milestone.status_changed"]
    changed = store.events[1].data
    assert changed == {"goal_id": goal["_id"], "version": 2, "milestone_id": goal["milestones"][2]["milestone_id"],
                       "status": "done", "previous_status": "open"}
    store.events.clear()
    goals.update_goal(ADA, goal["_id"], {"milestones": PATH["milestones"]})  # status left out: kept
    assert [e.type for e in store.events] == ["goal.updated"]


def test_an_interim_goal_hangs_off_an_ultimate_goal_of_the_member(goals):
    ultimate = goals.create_goal(ADA, ULTIMATE)
    interim = goals.create_goal(ADA, {"title": "Lead a team", "horizon": "interim", "parent_goal_id": ultimate["_id"]})
    assert interim["parent_goal_id"] == ultimate["_id"]
    for bad in ({"horizon": "interim", "parent_goal_id": interim["_id"]},     # not an ultimate goal
                {"horizon": "interim", "parent_goal_id": "nope"},
                {"horizon": "ultimate", "parent_goal_id": ultimate["_id"]}):  # only interim goals hang off
        with pytest.raises(Invalid):
            goals.create_goal(ADA, {"title": "x", **bad})
    with pytest.raises(Invalid):  # another member's ultimate goal is not there
        goals.create_goal(BOB, {"title": "x", "horizon": "interim", "parent_goal_id": ultimate["_id"]})


def test_a_change_of_direction_archives_the_old_goal_and_is_safe_to_retry(store):
    goals = Goals(store, clock=lambda: NOW,
                  network=Network({ADA: network(Contact("c1", "Grace", title="CFO", tier="peer"))}))
    old = goals.create_goal(ADA, ULTIMATE)
    store.events.clear()
    new_path = {"title": "CFO", "milestones": [{"kind": "relationship", "title": "Know a CFO", "role": "CFO"}]}
    changed = goals.change_direction(ADA, old["_id"], new_path, "corr-9")
    new = changed["goal"]
    assert changed["previous"]["status"] == "archived" and changed["previous"]["replaced_by"] == new["_id"]
    assert new["horizon"] == "ultimate" and new["previous_goal_id"] == old["_id"] and new["status"] == "active"
    assert changed["coverage"]["counts"] == {"covered": 1, "weak": 0, "missing": 0}
    assert [e.type for e in store.events] == ["goal.updated", "goal.created"]
    assert goals.get_goal(ADA, old["_id"])["title"] == "CTO"  # the old goal stays readable

    again = goals.change_direction(ADA, old["_id"], new_path)  # a retry completes the same change, no more
    assert again["goal"]["_id"] == new["_id"] and len(store.events) == 2
    side = goals.create_goal(ADA, {"title": "side", "horizon": "interim"})
    with pytest.raises(Conflict) as refused:  # only the active ultimate goal changes direction
        goals.change_direction(ADA, side["_id"], new_path)
    assert refused.value.slug == "not-active-ultimate"


def test_a_change_of_direction_interrupted_between_its_writes_completes_on_retry(store):
    goals = Goals(store, clock=lambda: NOW)
    old = goals.create_goal(ADA, ULTIMATE)
    real_insert = store.insert_goal

    def crash(*args, **kwargs):
        raise ConnectionError("the store went away")
    store.insert_goal = crash
    with pytest.raises(ConnectionError):
        goals.change_direction(ADA, old["_id"], {"title": "CFO"})
    assert goals.get_goal(ADA, old["_id"])["status"] == "archived"
    store.insert_goal = real_insert
    done = goals.change_direction(ADA, old["_id"], {"title": "CFO"})
    assert done["goal"]["_id"] == goals.get_goal(ADA, old["_id"])["replaced_by"]
