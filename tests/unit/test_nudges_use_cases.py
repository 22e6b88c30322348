"""The nudges use cases (service_layer/nudging.py) on the in-memory store: list, act, and a
write that keeps losing its race, without servers."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.readmodel import InMemoryReadModel
from services.nudges.adapters.store import REMEMBERED_MUTATIONS, InMemoryNudgeStore, Planned
from services.nudges.service_layer.nudging import Nudges
from shared.db import Scope
from shared.errors import Busy, Conflict, Invalid, NotFound

UTC = timezone.utc
NOW = datetime(2026, 5, 6, 10, 0, tzinfo=UTC)  # a Wednesday, inside the default working hours
ADA, BOB = Scope("org-1", "ada"), Scope("org-1", "bob")


class Schedule:
    def __init__(self):
        self.woken = []

    def wake(self, org_id, member_id, at):
        self.woken.append((org_id, member_id, at))


def nudge(nid: str, due: datetime, status: str = "pending", **extra) -> dict:
    return {"_id": nid, "rule": "follow_up_after_meeting", "kind": "follow_up", "key": [nid], "contact_id": "c-1",
            "goal_id": None, "contact_ids": ["c-1"], "sentence": f"Follow up {nid}", "why": {}, "priority": 50,
            "due_at": due, "timezone": "UTC", "issued_day": due.date().isoformat(), "status": status,
            "status_version": 1, "created_at": NOW - timedelta(days=1), "updated_at": NOW - timedelta(days=1), **extra}


@pytest.fixture
def world():
    store, schedule = InMemoryNudgeStore(), Schedule()
    store.insert_many(ADA, [(nudge(f"n-{i}", NOW + timedelta(hours=i)), []) for i in range(5)]
                      + [(nudge("n-gone", NOW, status="withdrawn"), [])])
    store.insert_many(BOB, [(nudge("n-bob", NOW), [])])
    return Nudges(store, schedule, InMemoryReadModel(), clock=lambda: NOW), store, schedule


def test_list_pages_in_due_order_for_the_member_only(world):
    nudges, _, _ = world
    page, cursor = nudges.list(ADA, limit=2, cursor=None)
    seen = [d["_id"] for d in page]
    while cursor:
        page, cursor = nudges.list(ADA, limit=2, cursor=cursor)
        seen += [d["_id"] for d in page]
    assert seen == ["n-0", "n-1", "n-2", "n-3", "n-4"]  # withdrawn left out by default, Bob's never
    assert [d["_id"] for d in nudges.list(ADA, limit=10, cursor=None, statuses=["withdrawn"])[0]] == ["n-gone"]
    assert [d["_id"] for d in nudges.list(ADA, limit=10, cursor=None, due_before=NOW + timedelta(hours=2))[0]] \
        == ["n-0", "n-1"]
    with pytest.raises(Invalid) as err:
        nudges.list(ADA, limit=2, cursor="bm90LWEtY3Vyc29y")
    assert err.value.slug == "invalid-cursor"


def test_act_changes_once_records_its_events_and_wakes_the_coach(world):
    nudges, store, schedule = world
    doc, changed = nudges.act(ADA, "n-0", "done", note="called")
    assert changed and doc["status"] == "done" and doc["version"] == 2 and doc["status_version"] == 2
    assert [e.type for e in store.docs[("org-1", "ada", "n-0")]["outbox"]] == ["nudge.updated", "nudge.completed"]
    assert schedule.woken == [("org-1", "ada", NOW)]
    again, changed = nudges.act(ADA, "n-0", "done")
    assert not changed and again["version"] == 2  # repeating is harmless


def test_act_says_what_went_wrong_with_domain_errors(world):
    nudges, store, _ = world
    with pytest.raises(NotFound):
        nudges.act(BOB, "n-0", "done")  # Ada's: not Bob's to see
    with pytest.raises(NotFound):
        nudges.get(ADA, "n-bob")
    with pytest.raises(Invalid) as err:
        nudges.act(ADA, "n-1", "snooze", until=NOW - timedelta(hours=1))
    assert err.value.slug == "validation-error"
    nudges.act(ADA, "n-1", "dismiss", reason="not_now")
    with pytest.raises(Conflict) as err:
        nudges.act(ADA, "n-1", "done")
    assert err.value.slug == "nudge-closed"
    with pytest.raises(Conflict) as err:
        nudges.act(ADA, "n-gone", "done")
    assert err.value.slug == "nudge-withdrawn"
    assert store.get(BOB, "n-bob")["version"] == 1


def test_a_lost_race_is_decided_again_and_after_five_losses_is_busy(world):
    nudges, store, _ = world
    rival_writes = []

    def rival(scope, nudge_id, times):
        if len(rival_writes) < times:  # another writer changes the nudge between our read and our write
            store.interleave = None
            store.change(scope, nudge_id, lambda doc: Planned({"note": f"rival {doc['version']}"}))
            store.interleave = lambda s, n: rival(s, n, times)
            rival_writes.append(nudge_id)

    store.interleave = lambda s, n: rival(s, n, 1)
    doc, changed = nudges.act(ADA, "n-2", "done")  # lost once, decided again on the rival's version, written
    assert changed and doc["status"] == "done" and doc["version"] == 3 and doc["note"] == "rival 1"

    rival_writes.clear()
    store.interleave = lambda s, n: rival(s, n, 99)
    with pytest.raises(Busy) as err:
        nudges.act(ADA, "n-3", "done")
    assert err.value.slug == "write-conflict" and err.value.retry_after == 1
    assert len(rival_writes) == 5 and store.get(ADA, "n-3")["status"] == "pending"
    assert store.get(ADA, "n-3")["version"] == 6  # the rival's five writes, none of ours


def test_a_nudge_remembers_only_its_newest_sync_mutations(world):
    nudges, store, _ = world
    for n in range(REMEMBERED_MUTATIONS + 8):
        mutation = {"k": f"phone:m{n}", "s": "applied"}
        nudges.act(ADA, "n-4", "snooze", until=NOW + timedelta(minutes=10 + n), mutation=mutation)
    memory = store.docs[("org-1", "ada", "n-4")]["applied_mutations"]
    assert len(memory) == REMEMBERED_MUTATIONS and memory[0]["k"] == "phone:m8"
    assert store.mutation_result(ADA, "n-4", "phone:m7") is None
    assert store.mutation_result(ADA, "n-4", f"phone:m{REMEMBERED_MUTATIONS + 7}") == {
        "k": f"phone:m{REMEMBERED_MUTATIONS + 7}", "v": REMEMBERED_MUTATIONS + 9, "s": "applied"}
