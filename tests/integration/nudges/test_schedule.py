"""The member clock on a real MongoDB-wire server: one evaluation at a time, nothing lost."""
from datetime import datetime, timedelta, timezone

from services.nudges.adapters.documents import MemberClock, ReadRecord
from services.nudges.adapters.readmodel import MongoReadModel
from services.nudges.adapters.schedule import MemberSchedule, member_key, partition_for
from services.nudges.domain.projection import Change

NOW = datetime(2026, 5, 6, 10, 0, tzinfo=timezone.utc)
LEASE = timedelta(seconds=30)


def test_two_workers_overlapping_in_a_rebalance_cannot_evaluate_one_member_at_once(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    schedule.touch("o", "m", NOW)
    key = member_key("o", "m")
    mine = schedule.claim(key, NOW, "worker-a", LEASE)
    assert mine is not None and schedule.claim(key, NOW, "worker-b", LEASE) is None
    # worker-a dies holding the lease: once it expires, worker-b takes over
    later = NOW + LEASE + timedelta(seconds=1)
    theirs = schedule.claim(key, later, "worker-b", LEASE)
    assert theirs is not None
    # worker-a comes back from a pause: its release no longer holds
    assert schedule.release(key, "worker-a", mine["seq"], NOW + timedelta(days=1)) is False
    assert schedule.release(key, "worker-b", theirs["seq"], NOW + timedelta(days=1)) is True
    assert schedule.due([partition_for("m", 12)], NOW + timedelta(hours=1), 10) == []


def test_an_event_during_an_evaluation_keeps_the_member_due(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    schedule.touch("o", "m", NOW)
    key = member_key("o", "m")
    claimed = schedule.claim(key, NOW, "worker-a", LEASE)
    schedule.touch("o", "m", NOW + timedelta(seconds=1))  # another worker applied a newer event
    assert schedule.release(key, "worker-a", claimed["seq"], NOW + timedelta(days=1)) is False
    due = schedule.due([partition_for("m", 12)], NOW + timedelta(seconds=2), 10)
    assert [d["member_id"] for d in due] == ["m"]


def test_due_members_are_found_by_partition(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    members = [f"member-{i}" for i in range(40)]
    for m in members:
        schedule.touch("o", m, NOW)
    mine = {0, 1, 2}
    due = {d["member_id"] for d in schedule.due(mine, NOW, 100)}
    assert due == {m for m in members if partition_for(m, 12) in mine}


def test_read_model_versions_only_move_forward_on_the_server(nudge_settings):
    rm = MongoReadModel(ReadRecord._get_collection())
    t = NOW
    assert rm.apply("o", "m", Change("contact", "c-1", 2, {"display_name": "v2"}, False, t + timedelta(hours=1)))
    assert not rm.apply("o", "m", Change("contact", "c-1", 1, {"display_name": "v1"}, False, t))
    assert not rm.apply("o", "m", Change("contact", "c-1", 2, {"display_name": "v2 again"}, False, t))
    [record] = rm.records("o", "m")
    assert record["state"] == {"display_name": "v2"} and record["seen_at"] == t
    assert rm.apply("o", "m", Change("contact", "c-1", 3, None, True, t))
    assert rm.records("o", "m")[0]["deleted"] is True
    rm.erase("o", "m")
    assert rm.records("o", "m") == []


def test_ids_that_are_not_field_names_are_stored_safely(nudge_settings):
    rm = MongoReadModel(ReadRecord._get_collection())
    odd = "contact.with$dots.and.dollars"
    assert rm.apply("o", "m2", Change("contact", odd, 1, {"display_name": "Odd"}, False, NOW))
    assert not rm.apply("o", "m2", Change("contact", odd, 1, {"display_name": "Again"}, False, NOW))
    [record] = rm.records("o", "m2")
    assert record["agg_id"] == odd and record["state"] == {"display_name": "Odd"}
