"""Idempotent consuming: duplicates have one effect, poison goes to the DLQ, the rest goes on."""
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta

from services.contacts.service_layer import records as contacts
from services.contacts.adapters.documents import Contact
from services.nudges import worker
from services.nudges.adapters.documents import Nudge, ProcessedEvent
from shared import clock
from shared import db, kafka
from shared.dlq import replay_dead_letters
from shared.db import Scope
from shared.events import contract_for, new_event
from shared.relay import OutboxRelay

from .conftest import read_topic

from ..waiting import wait_for

SCOPE = Scope("org-1", "member-1")


@contextmanager
def running_worker(settings, group="workers"):
    runner = worker.build(settings, group_id=group).runner
    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield runner
    finally:
        stop.set()
        thread.join(30)


def three_days_ago() -> datetime:
    """Met three days ago: the follow-up (after the default plan's two days) is due now."""
    return clock.now() - timedelta(days=3)


def contact_event(name="Ada"):
    data = {**contract_for("contact.created", 1).sample, "display_name": name, "contact_id": f"c-{name}",
            "met_at": three_days_ago().isoformat()}
    return new_event("contact.created", org_id=SCOPE.org_id, member_id=SCOPE.member_id, data=data, source="test")


def publish(settings, *payloads):
    producer = kafka.producer(settings, "test")
    for key, value in payloads:
        producer.send(settings.topic("rapport.contacts.v1"), key=key, value=value).get(30)
    producer.close()


def nudges():
    return list(Nudge._get_collection().find({}))


def test_the_same_event_delivered_twice_has_one_effect(kafka_topics, settings_for):
    settings = settings_for("nudges")
    event = contact_event()
    publish(settings, (b"member-1", event.to_bytes()), (b"member-1", event.to_bytes()))
    with running_worker(settings) as runner:
        wait_for(lambda: runner.consumer and runner.handled >= 1 and _committed(runner, 2), what="both copies")
        wait_for(lambda: len(nudges()) >= 1, what="the nudge")  # rules run after the poll that fed them
    assert len(nudges()) == 1
    # the workers hand each partition's poll to the projector at once; its effects are
    # idempotent by construction, so no dedupe marker is read or written
    assert ProcessedEvent._get_collection().count_documents({}) == 0
    nudge = nudges()[0]
    assert nudge["kind"] == "follow_up" and nudge["contact_id"] == "c-Ada"
    assert "Follow up with Ada" in nudge["sentence"] and nudge["why"]["rule"] == "follow_up_after_meeting"

    # a second consumer group replaying from the earliest offset (e.g. after a rebalance or a
    # reset) recomputes the same deterministic nudge id: still one nudge
    with running_worker(settings, group="replayers") as runner:
        wait_for(lambda: runner.handled >= 1, what="replay")
    assert len(nudges()) == 1


def _committed(runner, total):
    consumer = runner.consumer
    if consumer is None:
        return False
    parts = consumer.assignment()
    return sum((consumer.committed(tp) or 0) for tp in parts) >= total


def test_poison_goes_to_the_dlq_with_its_reason_and_later_events_still_count(kafka_topics, settings_for):
    settings = settings_for("nudges")
    broken = new_event("contact.created", org_id="org-1", member_id="member-1",
                       data=contract_for("contact.created", 1).sample, source="test").to_dict()
    broken["data"] = {"contact_id": "c-x"}  # violates the contract: display_name missing
    import json
    publish(settings, (b"member-1", b"{not json"), (b"member-1", json.dumps(broken).encode()),
            (b"member-1", contact_event("Grace").to_bytes()))
    with running_worker(settings):
        wait_for(lambda: len(nudges()) == 1, what="the good event's nudge")
    assert nudges()[0]["contact_id"] == "c-Grace"
    dead = read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1.dlq"), expect=2)
    reasons = sorted(dict(r.headers)["dlq_reason"].decode() for r in dead)
    assert reasons == ["handler-failed", "malformed"]
    failed = next(r for r in dead if dict(r.headers)["dlq_reason"] == b"handler-failed")
    assert b"display_name" in dict(failed.headers)["dlq_error"]
    assert dict(failed.headers)["dlq_topic"] == settings.topic("rapport.contacts.v1").encode()

    # operators replay dead letters after a fix; here they land back on the topic
    assert replay_dead_letters(settings, settings.topic("rapport.contacts.v1"), settings.topic("dlq-replay")) == 2
    assert len(read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=5)) == 5


def test_relay_down_between_write_and_publish_then_consumed_once(kafka_topics, settings_for):
    contacts_settings = settings_for("contacts")
    db.connect(contacts_settings)
    contacts.create_contact(SCOPE, {"display_name": "Hedy", "met_at": three_days_ago()})  # written; no relay
    relay = OutboxRelay([Contact._get_collection()], contacts_settings.topic("rapport.contacts.v1"),
                        kafka.producer(contacts_settings, "relay"))
    # relay "restarts" and publishes; then a second relay round publishes nothing more
    assert relay.run_once() == 1 and relay.run_once() == 0
    relay.producer.close()
    nudge_settings = settings_for("nudges")
    with running_worker(nudge_settings):
        wait_for(lambda: len(nudges()) == 1, what="nudge for Hedy")
        time.sleep(1.0)
    assert [n["sentence"].split(":")[0] for n in nudges()] == ["Follow up with Hedy"]


def _fault_count(group: str, fault: str) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value("rapport_consumer_faults_total", {"group": group, "fault": fault}) or 0.0


def test_a_batch_that_outlives_max_poll_interval_costs_a_commit_not_the_consumer(kafka_topics, settings_for):
    """The handler's first event takes three times max_poll_interval_ms (the heartbeat thread
    leaves the group meanwhile): the commit after it is refused, logged and counted, the runner
    rejoins and every event has its effect exactly once."""
    from shared.consumer import ConsumerRunner

    settings = settings_for("contacts")
    db.connect(settings)
    effects = db.database()["effects"]
    slow = {"first": True}

    def handler(event):
        if slow["first"]:
            slow["first"] = False
            time.sleep(9)  # max_poll_interval_ms is 3000
        effects.update_one({"_id": event.id}, {"$push": {"handled": 1}}, upsert=True)

    group = settings.topic("slow-batch")
    runner = ConsumerRunner(settings, group, [settings.topic("rapport.contacts.v1")], handler,
                            db.database()["processed_events"], max_poll_records=10, session_timeout_ms=6000,
                            max_poll_interval_ms=3000)
    events = [contact_event(f"P{i}") for i in range(30)]
    publish(settings, *[(f"k{i}".encode(), e.to_bytes()) for i, e in enumerate(events)])
    before = _fault_count(group, "commit_failed")
    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_for(lambda: effects.count_documents({}) == len(events) and _fault_count(group, "commit_failed") > before,
                 120, "every event handled after the refused commit",
                 show=lambda: (effects.count_documents({}), _fault_count(group, "commit_failed")))
        wait_for(lambda: _committed(runner, len(events)), 60, "the rejoined runner to commit everything")
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert sorted(len(d["handled"]) for d in effects.find({})) == [1] * len(events)
