"""The nudge worker: a separate process (scaled on its own) that turns events into nudges.

All workers share one consumer group over the co-partitioned contacts, goals and accounts
topics; the range assignor gives one worker partition n of every topic, so it sees all of
a member's events, in order. After each poll the worker evaluates the due members of the
partitions it owns (time-based rules included): no leader, no timer lost when a worker
dies — the schedule lives in the database and the next owner of the partition picks it up.

Run: `python -m services.nudges.worker` (useful up to the partition count, 12).
Knobs (environment): NUDGES_CONSUMER_GROUP, NUDGES_SESSION_TIMEOUT_MS,
NUDGES_MAX_POLL_RECORDS, NUDGES_MAX_POLL_INTERVAL_MS, NUDGES_EVAL_LEASE_SECONDS, NUDGES_EVAL_BATCH,
NUDGES_METRICS_PORT. A worker survives store and broker outages and rebalances (shared.consumer)
and exits only on SIGTERM or a fatal configuration error (shared.process).
"""
from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
from datetime import timedelta

from kafka import KafkaConsumer, TopicPartition

from shared import logs, process, revocation
from shared.consumer import DEFAULT_MAX_POLL_INTERVAL_MS, ConsumerRunner
from shared.settings import Settings, load_settings
from shared.topics import SERVICE_TOPICS

from .adapters.documents import ProcessedEvent
from .bootstrap import bootstrap, knob
from .service_layer.coach import Evaluator, Projector

log = logging.getLogger(__name__)

GROUP = "rapport-nudge-workers"
CONSUMED_TOPICS = ("contacts", "goals", "accounts")


def build(settings: Settings, group_id: str | None = None, client_id: str = "nudge-worker") -> ConsumerRunner:
    """A consumer runner whose handler feeds the read model and whose after-poll hook
    evaluates the due members of the partitions it owns (`runner.evaluator`)."""
    parts = bootstrap(settings)
    given = parts.schedule.give_slots(parts.clock())
    if given:
        log.info("member clocks given their sweep slots", extra={"clocks": given})
    group = group_id or settings.extra.get("NUDGES_CONSUMER_GROUP") or GROUP
    revocation.configure(settings)
    projector = Projector(parts.read_model, parts.schedule, parts.eraser, parts.clock, revoke=revocation.record)
    owner = f"{client_id}-{socket.gethostname()}-{os.getpid()}-{id(projector):x}"
    evaluator = Evaluator(parts.read_model, parts.schedule, parts.store, parts.eraser, owner=owner,
                          lease=timedelta(seconds=knob(settings, "EVAL_LEASE_SECONDS", 30, 2, 3600)),
                          batch=knob(settings, "EVAL_BATCH", 200, 1, 10_000), clock=parts.clock)

    def after_poll(assignment: set[TopicPartition]) -> None:
        try:
            evaluator.tick({tp.partition for tp in assignment}, projector.take_touched())
        except Exception:  # the database hiccuped: the members stay due, the next tick retries
            log.exception("evaluation tick failed")
        revocation.safe_sweep(parts.eraser)  # erase again what raced in after an erasure

    topics = [settings.topic(SERVICE_TOPICS[name]) for name in CONSUMED_TOPICS]
    session = knob(settings, "SESSION_TIMEOUT_MS", 10_000, 6_000, 300_000)
    runner = ConsumerRunner(settings, settings.topic(group), topics, projector.handle,
                            ProcessedEvent._get_collection(), client_id=client_id,
                            max_poll_records=knob(settings, "MAX_POLL_RECORDS", 200, 1, 10_000),
                            session_timeout_ms=session, after_poll=after_poll,
                            batch_handler=projector.handle_batch,  # idempotent: no dedupe markers needed
                            max_poll_interval_ms=knob(settings, "MAX_POLL_INTERVAL_MS", DEFAULT_MAX_POLL_INTERVAL_MS,
                                                      1_000, 3_600_000))
    runner.evaluator = evaluator  # type: ignore[attr-defined]
    runner.projector = projector  # type: ignore[attr-defined]
    return runner


def wait_for_topics(settings: Settings, topics: list[str], stop: threading.Event | None = None,
                    timeout: float = 300.0) -> bool:
    """Wait until the brokers know every topic (a worker started beside `rapport-topics ensure`
    would otherwise join its group with no partitions until the next metadata refresh)."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None, client_id="nudge-worker-meta")
    deadline = time.monotonic() + timeout
    try:
        while stop is None or not stop.is_set():
            missing = [t for t in topics if not consumer.partitions_for_topic(t)]
            if not missing:
                return True
            if time.monotonic() > deadline:
                raise RuntimeError(f"topics not found after {timeout:.0f}s: {missing} (run rapport-topics ensure)")
            log.warning("waiting for topics", extra={"missing": missing})
            process.beat()
            time.sleep(1.0)
            consumer.topics()  # refresh metadata
        return False
    finally:
        consumer.close()


def main() -> int:
    settings = load_settings("nudges", require_keys=False)
    logs.configure("nudge-worker", settings.log_level)
    port = knob(settings, "METRICS_PORT", 0, 0, 65535)
    if port:
        from prometheus_client import start_http_server
        start_http_server(port)
    topics = [settings.topic(SERVICE_TOPICS[name]) for name in CONSUMED_TOPICS]

    def run(stop: threading.Event) -> None:
        if not process.until_done(lambda: wait_for_topics(settings, topics, stop), "waiting for topics", stop):
            return
        runner = process.until_done(lambda: build(settings), "nudge worker start", stop)
        if runner is not None:
            runner.run(stop)

    return process.run_until_signalled(run)


if __name__ == "__main__":
    sys.exit(main())
