"""The nudge worker: a separate process (scaled on its own) that turns events into nudges.

All workers share one consumer group over the co-partitioned contacts, goals and accounts
topics; the range assignor gives one worker partition n of every topic, so it sees all of
a member's events, in order. After each poll the worker evaluates the due members of the
partitions it owns (time-based rules included): no leader, no timer lost when a worker
dies — the schedule lives in the database and the next owner of the partition picks it up.

Run: `python -m services.nudges.worker` (useful up to the partition count, 12).
Knobs (environment, services/nudges/config.py): NUDGES_CONSUMER_GROUP, NUDGES_SESSION_TIMEOUT_MS,
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
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition

from shared import logs, process, revocation
from shared.consumer import ConsumerRunner
from shared.settings import Settings, load_settings
from shared.topics import SERVICE_TOPICS

from .adapters.documents import ProcessedEvent
from .bootstrap import bootstrap
from .config import NudgesConfig
from .service_layer.coach import Evaluator, Projector

log = logging.getLogger(__name__)

CONSUMED_TOPICS = ("contacts", "goals", "accounts")


@dataclass
class Worker:
    """One nudge worker: the consumer runner, the projector its handler is, and the evaluator
    its after-poll hook runs."""

    runner: ConsumerRunner
    projector: Projector
    evaluator: Evaluator

    def run(self, stop: threading.Event) -> None:
        self.runner.run(stop)


def build(settings: Settings, group_id: str | None = None, client_id: str = "nudge-worker") -> Worker:
    """A worker whose runner's handler feeds the read model and whose after-poll hook
    evaluates the due members of the partitions it owns."""
    parts = bootstrap(settings)
    config = parts.config
    given = parts.schedule.give_slots(parts.clock())
    if given:
        log.info("member clocks given their sweep slots", extra={"clocks": given})
    group = group_id or config.consumer_group
    revocation.configure(settings)
    projector = Projector(parts.read_model, parts.schedule, parts.eraser, parts.clock, revoke=revocation.record,
                          forget_device=parts.sync.forget_device)
    owner = f"{client_id}-{socket.gethostname()}-{os.getpid()}-{id(projector):x}"
    evaluator = Evaluator(parts.read_model, parts.schedule, parts.store, parts.eraser, owner=owner,
                          lease=config.eval_lease, batch=config.eval_batch, clock=parts.clock)

    def after_poll(assignment: set[TopicPartition]) -> None:
        try:
            evaluator.tick({tp.partition for tp in assignment}, projector.take_touched())
        except Exception:  # the database hiccuped: the members stay due, the next tick retries
            log.exception("evaluation tick failed")
        revocation.safe_sweep(parts.eraser)  # erase again what raced in after an erasure

    topics = [settings.topic(SERVICE_TOPICS[name]) for name in CONSUMED_TOPICS]
    runner = ConsumerRunner(settings, settings.topic(group), topics, projector.handle,
                            ProcessedEvent._get_collection(), client_id=client_id,
                            max_poll_records=config.max_poll_records,
                            session_timeout_ms=config.session_timeout_ms, after_poll=after_poll,
                            batch_handler=projector.handle_batch,  # idempotent: no dedupe markers needed
                            max_poll_interval_ms=config.max_poll_interval_ms)
    return Worker(runner, projector, evaluator)


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
    topics = [settings.topic(SERVICE_TOPICS[name]) for name in CONSUMED_TOPICS]

    def run(stop: threading.Event) -> None:
        port = NudgesConfig.from_settings(settings).metrics_port  # a bad NUDGES_* value: exit 78, names given
        if port:
            from prometheus_client import start_http_server
            start_http_server(port)
        if not process.until_done(lambda: wait_for_topics(settings, topics, stop), "waiting for topics", stop):
            return
        worker = process.until_done(lambda: build(settings), "nudge worker start", stop)
        if worker is not None:
            worker.run(stop)

    return process.run_until_signalled(run)


if __name__ == "__main__":
    sys.exit(main())
