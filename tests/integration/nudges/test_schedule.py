"""The member clock on a real MongoDB-wire server: one evaluation at a time, nothing lost."""
from datetime import datetime, timedelta, timezone

from services.nudges.adapters.documents import MemberClock, ReadRecord
from shared.readmodel import MongoReadModel
from services.nudges.adapters.schedule import (CATCH_UP, SWEEPS, MemberSchedule, member_key, minute_of,
                                                partition_for)
from shared.strategy.projection import Change

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
    assert schedule.release(key, "worker-a", mine["seq"], NOW + timedelta(days=1), mine["partition"]) is False
    assert schedule.release(key, "worker-b", theirs["seq"], NOW + timedelta(days=1), theirs["partition"]) is True
    assert schedule.due([partition_for("m", 12)], NOW + timedelta(hours=1), 10) == []


def test_an_event_during_an_evaluation_keeps_the_member_due(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    schedule.touch("o", "m", NOW)
    key = member_key("o", "m")
    claimed = schedule.claim(key, NOW, "worker-a", LEASE)
    schedule.touch("o", "m", NOW + timedelta(seconds=1))  # another worker applied a newer event
    assert schedule.release(key, "worker-a", claimed["seq"], NOW + timedelta(days=1), claimed["partition"]) is False
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


def _members_of(partition: int, count: int) -> list[str]:
    return [m for m in (f"p-member-{i}" for i in range(2000)) if partition_for(m, 12) == partition][:count]


def test_due_members_are_found_by_their_minute_and_the_watermark_moves_over_empty_minutes(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    raw = MemberClock._get_collection()
    a, b, c = _members_of(3, 3)
    for m in (a, b, c):
        schedule.touch("o", m, NOW)
    assert {d["member_id"] for d in schedule.due([3], NOW, 10)} == {a, b, c}  # first sweep: the partition whole
    for m, later in ((a, timedelta(minutes=3)), (b, timedelta(hours=5)), (c, timedelta(days=1))):
        claimed = schedule.claim(member_key("o", m), NOW, "w", LEASE)
        assert schedule.release(member_key("o", m), "w", claimed["seq"], NOW + later, 3)
    assert schedule.due([3], NOW + timedelta(minutes=2), 10) == []
    assert [d["member_id"] for d in schedule.due([3], NOW + timedelta(minutes=3), 10)] == [a]
    # nothing moves the watermark past a minute that still holds a due member
    assert [d["member_id"] for d in schedule.due([3], NOW + timedelta(minutes=9), 10)] == [a]
    assert raw.database[SWEEPS].find_one({"_id": 3})["minute"] == minute_of(NOW + timedelta(minutes=3))
    # an event marks b due now, and the next sweep finds b in the current minute
    schedule.touch("o", b, NOW + timedelta(minutes=9))
    assert {d["member_id"] for d in schedule.due([3], NOW + timedelta(minutes=9), 10)} == {a, b}
    # far behind (the workers were away): the partition is read whole, and every due member found
    late = NOW + timedelta(days=2)
    assert {d["member_id"] for d in schedule.due([3], late, 10)} == {a, b, c}
    assert CATCH_UP < 60 * 24 * 2


def test_clocks_written_before_slots_get_them_once(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    raw = MemberClock._get_collection()
    old, due_now = _members_of(5, 2)
    raw.insert_many([{"_id": member_key("o", old), "org_id": "o", "member_id": old, "partition": 5, "seq": 1,
                      "next_eval_at": NOW + timedelta(hours=2)},
                     {"_id": member_key("o", due_now), "org_id": "o", "member_id": due_now, "partition": 5, "seq": 1,
                      "next_eval_at": NOW - timedelta(days=3)}])
    assert schedule.give_slots(NOW) == 2 and schedule.give_slots(NOW) == 0  # once per database
    assert raw.count_documents({"partition": 5, "slot": {"$exists": False}}) == 0
    assert [d["member_id"] for d in schedule.due([5], NOW, 10)] == [due_now]
    # the one not due yet is found by its slot once its time comes
    assert {d["member_id"] for d in schedule.due([5], NOW + timedelta(hours=2), 10)} == {due_now, old}


def test_the_api_waking_a_member_later_never_delays_an_earlier_evaluation(nudge_settings):
    schedule = MemberSchedule(MemberClock._get_collection(), 12)
    [m] = _members_of(7, 1)
    schedule.touch("o", m, NOW)
    claimed = schedule.claim(member_key("o", m), NOW, "w", LEASE)
    schedule.release(member_key("o", m), "w", claimed["seq"], NOW + timedelta(hours=1), 7)
    schedule.wake("o", m, NOW + timedelta(hours=3))   # a snooze until later: the hour stands
    assert schedule.clock("o", m)["next_eval_at"] == NOW + timedelta(hours=1)
    schedule.wake("o", m, NOW + timedelta(minutes=5))  # feedback: look again sooner
    assert [d["member_id"] for d in schedule.due([7], NOW + timedelta(minutes=5), 10)] == [m]


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


def _state(rm, org, member):
    return sorted((r["kind"], r["agg_id"], r["version"], r["deleted"], str(r["state"]), r["seen_at"])
                  for r in rm.records(org, member))


def test_a_members_changes_of_one_poll_in_one_write_give_the_state_one_by_one_gives(nudge_settings):
    rm = MongoReadModel(ReadRecord._get_collection())
    h = timedelta(hours=1)
    changes = [Change("contact", "c-1", 1, {"display_name": "v1"}, False, NOW + 2 * h),
               Change("contact", "c-1", 3, {"display_name": "v3"}, False, NOW + 3 * h),
               Change("contact", "c-1", 2, {"display_name": "v2"}, False, NOW + h),
               Change("goal", "g-1", 1, {"title": "CTO"}, False, NOW),
               Change("contact", "odd.id$", 1, None, True, NOW)]
    for i, order in enumerate([changes, changes[::-1], changes[2:] + changes[:2]]):
        assert rm.apply_many("o", f"batch-{i}", order) == 3  # three aggregates moved forward
        assert rm.apply_many("o", f"batch-{i}", order) == 0  # a replay changes nothing
        for c in changes:
            rm.apply("o", f"single-{i}", c)
        assert _state(rm, "o", f"batch-{i}") == _state(rm, "o", f"single-{i}")
    [contact] = [r for r in rm.records("o", "batch-0") if r["agg_id"] == "c-1"]
    assert contact["version"] == 3 and contact["seen_at"] == NOW + h  # newest state, first sighting
    # an older batch after a newer one: only the earlier sighting is taken
    assert rm.apply_many("o", "batch-0", [Change("contact", "c-1", 2, {"display_name": "old"}, False, NOW),
                                          Change("goal", "g-1", 1, {"title": "old"}, False, NOW)]) == 0
    [contact] = [r for r in rm.records("o", "batch-0") if r["agg_id"] == "c-1"]
    assert contact["state"] == {"display_name": "v3"} and contact["seen_at"] == NOW


def test_a_batch_that_loses_a_race_falls_back_to_one_change_at_a_time(nudge_settings):
    """Between the batch's read and its write another writer stores a newer version of one
    aggregate: the batch's guarded write fails, and each change is applied on its own."""
    raw = ReadRecord._get_collection()
    rm = MongoReadModel(raw)
    rm.apply("o", "racy", Change("contact", "c-1", 1, {"display_name": "v1"}, False, NOW))
    real_find_one = rm.coll.find_one

    def find_then_race(*args, **kwargs):
        found = real_find_one(*args, **kwargs)
        rm.coll.find_one = real_find_one
        MongoReadModel(raw).apply("o", "racy", Change("contact", "c-1", 5, {"display_name": "v5"}, False, NOW))
        return found

    rm.coll.find_one = find_then_race
    moved = rm.apply_many("o", "racy", [Change("contact", "c-1", 2, {"display_name": "v2"}, False, NOW),
                                        Change("goal", "g-1", 1, {"title": "CTO"}, False, NOW)])
    assert moved == 1  # the goal; the contact's v2 lost to v5
    by_id = {r["agg_id"]: r for r in rm.records("o", "racy")}
    assert by_id["c-1"]["state"] == {"display_name": "v5"} and by_id["g-1"]["version"] == 1
