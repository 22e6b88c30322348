"""The platform's two reliability mechanisms, measured against their raw ceilings:

* outbox relay: documents written with their events, then published by the relay
  (claim, publish with acks=all, remove) — versus raw kafka-python sends of the same bytes;
* idempotent consumer: ConsumerRunner (dedupe marker read + write per event, manual commits)
  with a handler that does nothing — versus a raw kafka-python consumer reading the same topic.
"""
from __future__ import annotations

import threading
import time
import uuid

from kafka import KafkaConsumer

from shared import db, kafka, outbox, topics
from shared.consumer import ConsumerRunner
from shared.db import Scope, Scoped
from shared.events import new_event
from shared.relay import OutboxRelay
from shared.settings import load_settings

from .table import table

EVENTS = int(__import__("os").environ.get("BENCH_EVENTS", "5000"))


def _settings(servers, service):
    uid = uuid.uuid4().hex[:8]
    return load_settings(service, {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
                                   "RAPPORT_DB_PREFIX": f"bench{uid}_", "RAPPORT_TOPIC_PREFIX": f"bench{uid}."},
                         require_keys=False)


def _event(i: int, member: str):
    return new_event("contact.created", org_id="org-bench", member_id=member, source="bench",
                     data={"contact_id": f"c{i}", "version": 1, "display_name": f"Person {i}"})


def run(servers) -> str:
    settings = _settings(servers, "contacts")
    topics.ensure(settings)
    database = db.connect(settings)
    coll = database["bench_outbox"]
    topic = settings.topic("rapport.contacts.v1")
    members = [f"m{i}" for i in range(100)]

    # -- relay ---------------------------------------------------------------------------
    started = time.perf_counter()
    for i in range(EVENTS):
        member = members[i % len(members)]
        outbox.insert(Scoped(coll, Scope("org-bench", member)), {"_id": f"c{i}"}, [_event(i, member)])
    write_s = time.perf_counter() - started
    relay = OutboxRelay([coll], topic, kafka.producer(settings, "bench-relay"), batch_size=500)
    started = time.perf_counter()
    published = 0
    while published < EVENTS:
        published += relay.run_once()
    relay_s = time.perf_counter() - started
    relay.producer.close()

    raw = kafka.producer(settings, "bench-raw")
    payloads = [(_event(i, members[i % 100]).key.encode(), _event(i, members[i % 100]).to_bytes()) for i in range(EVENTS)]
    started = time.perf_counter()
    futures = [raw.send(settings.topic("rapport.goals.v1"), key=k, value=v) for k, v in payloads]
    raw.flush()
    for f in futures:
        f.get(30)
    raw_s = time.perf_counter() - started
    raw.close()

    # -- consumer ------------------------------------------------------------------------
    handled = threading.Event()
    runner = ConsumerRunner(settings, settings.topic("bench-runner"), [topic], lambda e: None,
                            database["processed_events"], max_poll_records=500)
    stop = threading.Event()

    def watch():
        while runner.handled < EVENTS and not stop.is_set():
            time.sleep(0.01)
        handled.set()
        stop.set()

    started = time.perf_counter()
    threading.Thread(target=watch, daemon=True).start()
    runner.run(stop)
    runner_s = time.perf_counter() - started

    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, group_id=settings.topic("bench-raw"),
                             auto_offset_reset="earliest", enable_auto_commit=False, max_poll_records=500)
    started, seen = time.perf_counter(), 0
    while seen < EVENTS:
        for records in consumer.poll(timeout_ms=500).values():
            seen += len(records)
    consumer.commit()
    raw_consume_s = time.perf_counter() - started
    consumer.close()

    rows = [
        ["outbox write (insert with event)", EVENTS, round(write_s, 2), round(EVENTS / write_s), "—", "—"],
        ["relay publish (claim, send acks=all, remove)", EVENTS, round(relay_s, 2), round(EVENTS / relay_s),
         round(EVENTS / raw_s), f"{raw_s / relay_s:.2f}"],
        ["ConsumerRunner (dedupe, commit), no-op handler", EVENTS, round(runner_s, 2), round(EVENTS / runner_s),
         round(EVENTS / raw_consume_s), f"{raw_consume_s / runner_s:.2f}"],
    ]
    return (__doc__ + "\n" + table(["path", "events", "seconds", "events/s", "raw kafka-python events/s (ceiling)",
                                    "ratio to ceiling"], rows)
            + "\n\nRaw ceilings: the same payloads sent by one KafkaProducer (acks=all, idempotent) and read "
              "by one KafkaConsumer, in the same run. The consumer figure includes group join time.\n")
