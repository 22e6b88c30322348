"""Independently scaled workers: every expected nudge exactly once, with 1, 2 and 4 worker
processes on 12 partitions, when one is SIGKILLed mid-stream, and on a replay from the
earliest offset; poison goes to the DLQ and the workers go on."""
from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import time

import pytest

from services.nudges.adapters.documents import MemberClock, Nudge, ReadRecord
from shared.readmodel import MongoReadModel
from services.nudges.adapters.schedule import partition_for
from services.nudges.domain.timing import WorkingTime
from shared import clock
from shared.events import contract_for, new_event
from shared.topics import PARTITIONS

from ..conftest import read_topic
from .conftest import (EXPECTED_PER_MEMBER, ZONES, group_caught_up, member_events, publish, stable_members,
                       wait_for)

ORG = "org-w"


def members(n: int) -> list[str]:
    run = uuid.uuid4().hex[:6]
    return [f"m{run}-{i:03d}" for i in range(n)]


def nudges() -> list[dict]:
    return list(Nudge._get_collection().find({}))


def assert_exactly_once(ids: list[str]) -> None:
    docs = nudges()
    assert len(docs) == EXPECTED_PER_MEMBER * len(ids), f"{len(docs)} nudges for {len(ids)} members"
    per_subject = Counter((d["member_id"], d["rule"], d["contact_id"]) for d in docs)
    assert max(per_subject.values()) == 1, [k for k, v in per_subject.items() if v > 1]
    expected = {(m, rule, f"{m}-{c}") for m in ids for rule, c in (("follow_up_after_meeting", "a"),
                                                                      ("follow_up_after_meeting", "b"),
                                                                      ("keep_in_touch", "mentor"))}
    assert set(per_subject) == expected
    for d in docs:
        assert d["status"] == "pending"
        created = [e for e in d["outbox"] if e["type"] == "nudge.created"]
        assert len(created) == 1  # one event per nudge: a second writer never got as far
        index = ids.index(d["member_id"])
        working = WorkingTime.of(ZONES[index % len(ZONES)])
        local = d["due_at"].astimezone(working.zone)
        assert local.isoweekday() <= 5 and time(9) <= local.time() < time(17), (d["member_id"], local)


def settled() -> bool:
    """No member is due for evaluation: whatever the workers were going to write is written."""
    now = clock.now()
    return MemberClock._get_collection().count_documents({"next_eval_at": {"$lte": now}}) == 0


def read_model_snapshot() -> list:
    rm = MongoReadModel(ReadRecord._get_collection())
    return sorted((r["_id"], r["version"], r["deleted"], json.dumps(r["state"], sort_keys=True, default=str),
                   r["seen_at"]) for d in ReadRecord._get_collection().find({}, {"org_id": 1, "member_id": 1})
                  for r in rm.records(d["org_id"], d["member_id"]))


@pytest.mark.parametrize("n_workers", [1, 2, 4])
def test_every_expected_nudge_exactly_once_with_n_workers(n_workers, workers, nudge_settings):
    ids = members(24)
    assert len({partition_for(m, PARTITIONS) for m in ids}) >= 8  # spread over most partitions
    workers.start(n_workers)
    wait_for(lambda: stable_members(nudge_settings, workers.group) == n_workers, 60, f"{n_workers} workers to join")
    events = [e for i, m in enumerate(ids) for e in member_events(ORG, m, i)]
    half = len(events) // 2
    publish(nudge_settings, events[:half])
    publish(nudge_settings, events[half:])
    wait_for(lambda: len(nudges()) >= EXPECTED_PER_MEMBER * len(ids), 90, "every nudge")
    wait_for(lambda: group_caught_up(nudge_settings, workers.group), 30, "the group to commit everything")
    wait_for(settled, 30, "evaluations to settle")
    assert workers.alive() == n_workers, workers.logs()
    assert_exactly_once(ids)
    clocks = list(MemberClock._get_collection().find({}))
    assert len(clocks) == len(ids) and all(c["partition"] == partition_for(c["member_id"], PARTITIONS)
                                           for c in clocks)


def test_a_worker_killed_mid_stream_loses_nothing_and_duplicates_nothing(workers, nudge_settings):
    ids = members(36)
    workers.start(2, NUDGES_MAX_POLL_RECORDS="5")
    wait_for(lambda: stable_members(nudge_settings, workers.group) == 2, 60, "both workers to join")
    events = [e for i, m in enumerate(ids) for e in member_events(ORG, m, i)]
    third = len(events) // 3
    publish(nudge_settings, events[:third])
    wait_for(lambda: len(nudges()) >= 6, 60, "the first nudges")
    publish(nudge_settings, events[third:2 * third])
    workers.kill(0)  # SIGKILL: no commit, no leaving the group, leases left behind
    assert len(nudges()) < EXPECTED_PER_MEMBER * len(ids)  # truly mid-stream
    publish(nudge_settings, events[2 * third:])
    wait_for(lambda: len(nudges()) >= EXPECTED_PER_MEMBER * len(ids), 120, "every nudge after the rebalance")
    wait_for(lambda: group_caught_up(nudge_settings, workers.group), 60, "the survivor to commit everything")
    wait_for(settled, 30, "evaluations to settle")
    assert workers.alive() == 1
    assert_exactly_once(ids)


def test_replay_from_the_earliest_offset_and_poison_in_the_stream(workers, nudge_settings):
    ids = members(12)
    good = [e for i, m in enumerate(ids) for e in member_events(ORG, m, i)]
    broken = new_event("contact.created", org_id=ORG, member_id=ids[0], source="test",
                       data=contract_for("contact.created", 1).sample).to_dict()
    broken["data"] = {"contact_id": "c-x", "version": 1}  # breaks the contract: no display_name
    contacts_topic = nudge_settings.topic("rapport.contacts.v1")
    publish(nudge_settings, good[:20], raw=[(contacts_topic, ids[0].encode(), b"{not json"),
                                            (contacts_topic, ids[0].encode(), json.dumps(broken).encode())])
    publish(nudge_settings, good[20:])
    workers.start(1)
    wait_for(lambda: len(nudges()) >= EXPECTED_PER_MEMBER * len(ids), 90, "every nudge despite the poison")
    wait_for(lambda: group_caught_up(nudge_settings, workers.group), 30, "the group to move past the poison")
    wait_for(settled, 30, "evaluations to settle")
    dead = read_topic(nudge_settings.kafka_bootstrap, f"{contacts_topic}.dlq", expect=2)
    assert sorted(dict(r.headers)["dlq_reason"].decode() for r in dead) == ["handler-failed", "malformed"]
    assert_exactly_once(ids)
    before_nudges = sorted((d["_id"], d["version"]) for d in nudges())
    before_model = read_model_snapshot()
    workers.stop()

    # a new group reads every topic from the start (as after an offset reset or a new deployment)
    workers.group = f"replay-{uuid.uuid4().hex[:6]}"
    workers.start(1)
    wait_for(lambda: group_caught_up(nudge_settings, workers.group), 90, "the replay to finish")
    wait_for(settled, 30, "evaluations to settle")
    assert sorted((d["_id"], d["version"]) for d in nudges()) == before_nudges
    assert read_model_snapshot() == before_model
    assert_exactly_once(ids)


def worker_faults(port: int) -> dict[str, float]:
    """The worker's own count of the faults it survived (its Prometheus endpoint)."""
    import requests
    from prometheus_client.parser import text_string_to_metric_families

    text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    return {s.labels["fault"]: s.value for f in text_string_to_metric_families(text)
            if f.name == "rapport_consumer_faults" for s in f.samples if s.name.endswith("_total")}


def test_a_worker_whose_batch_outlives_max_poll_interval_keeps_running(kafka_topics, settings_for, own_ferretdb,
                                                                       tmp_path):
    """The worker's store freezes (SIGSTOP) mid-stream for 2.5 × max_poll_interval_ms: the batch
    in hand outlives the poll interval, the group rebalances, the commit after it is refused.
    The worker counts it, rejoins and carries on; every nudge appears exactly once."""
    from time import monotonic, sleep

    from shared import db

    from ...servers import free_port
    from .conftest import Workers

    settings = settings_for("nudges", mongo_uri=own_ferretdb.uri)
    db.connect(settings)
    workers = Workers(settings, tmp_path)
    port = free_port()
    try:
        workers.start(1, NUDGES_MAX_POLL_INTERVAL_MS="4000", NUDGES_MAX_POLL_RECORDS="5", NUDGES_METRICS_PORT=str(port))
        wait_for(lambda: stable_members(settings, workers.group) == 1, 60, "the worker to join")
        ids = members(24)
        publish(settings, [e for i, m in enumerate(ids) for e in member_events(ORG, m, i)])
        wait_for(lambda: len(nudges()) >= 3, 90, "the first nudges")
        assert len(nudges()) < EXPECTED_PER_MEMBER * len(ids)  # truly mid-stream
        own_ferretdb.freeze()
        try:
            deadline = monotonic() + 10  # 2.5 × max_poll_interval_ms
            while monotonic() < deadline:
                assert workers.alive() == 1, workers.logs()
                sleep(0.5)
        finally:
            own_ferretdb.thaw()
        wait_for(lambda: len(nudges()) >= EXPECTED_PER_MEMBER * len(ids), 180, "every nudge after the freeze")
        wait_for(lambda: group_caught_up(settings, workers.group), 90, "the worker to commit everything")
        wait_for(settled, 60, "evaluations to settle")
        assert workers.alive() == 1, workers.logs()
        survived = worker_faults(port)
        assert survived.get("poll_overrun", 0) + survived.get("commit_failed", 0) >= 1, survived
        assert_exactly_once(ids)
    finally:
        workers.stop()
