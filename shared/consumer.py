"""The idempotent consumer: a kafka-python consumer-group loop done once, right.

- clients are created in `run()`, i.e. in the process that consumes (after any fork);
- offsets are committed manually, after the effect is stored, per partition;
- events already processed by this group are skipped (a marker per event id, written
  only after the handler's effect, which must itself be idempotent);
- a failing message is retried a bounded number of times, then sent to `<topic>.dlq`
  with the reason in headers, and the consumer moves on;
- unknown event types are skipped (`read_data` returns None); a malformed body goes
  straight to the DLQ;
- stopping finishes the message in hand and commits only what was processed;
- markers older than the topics' retention (nothing that old can be redelivered) are
  pruned hourly, since TTL indexes are not available on every supported server.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from typing import Callable

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.structs import OffsetAndMetadata
from prometheus_client import Counter
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

from . import clock
from . import db
from . import kafka as kafka_clients
from .events import Event, EventError
from .kafka import SEND_TIMEOUT_SECONDS
from .settings import Settings

log = logging.getLogger(__name__)

Handler = Callable[[Event], None]

CONSUMED = Counter("rapport_events_consumed_total", "events handled", ["group", "type", "outcome"])
MARKER_RETENTION = timedelta(days=35)  # longer than any topic's retention (shared/topics.py)
PRUNE_EVERY_SECONDS = 3600


class ConsumerRunner:
    def __init__(self, settings: Settings, group_id: str, topics: list[str], handler: Handler,
                 processed: Collection, *, client_id: str = "", retry_backoff_seconds: float = 0.2,
                 max_poll_records: int = 200, session_timeout_ms: int | None = None,
                 after_poll: Callable[[set[TopicPartition]], None] | None = None):
        self.settings = settings
        self.group_id = group_id
        self.topics = topics
        self.handler = handler
        self.processed = processed
        self.client_id = client_id or group_id
        self.max_retries = settings.consumer_max_retries
        self.retry_backoff = retry_backoff_seconds
        self.max_poll_records = max_poll_records
        self.session_timeout_ms = session_timeout_ms
        # called after each poll round (offsets committed) with the current assignment:
        # lets a worker run per-partition periodic work (e.g. time-based rules) in its loop
        self.after_poll = after_poll
        self.consumer: KafkaConsumer | None = None
        self.dlq: KafkaProducer | None = None
        self.handled = 0
        self._next_prune = 0.0

    # -- lifecycle -------------------------------------------------------------
    def run(self, stop: threading.Event, poll_timeout_ms: int = 500) -> None:
        self.consumer = kafka_clients.consumer(self.settings, self.group_id, self.topics, self.client_id,
                                               self.max_poll_records, session_timeout_ms=self.session_timeout_ms)
        self.dlq = kafka_clients.producer(self.settings, f"{self.client_id}-dlq")
        log.info("consumer started", extra={"group": self.group_id, "topics": self.topics})
        try:
            while not stop.is_set():
                self._maybe_prune()
                batch = self.consumer.poll(timeout_ms=poll_timeout_ms)
                for tp, records in batch.items():
                    done = self._process_batch(records, stop)
                    if done is not None:
                        self.consumer.commit({tp: OffsetAndMetadata(done.offset + 1, "", -1)})
                    if stop.is_set():
                        break
                if self.after_poll is not None and not stop.is_set():
                    self.after_poll(self.consumer.assignment())
        finally:
            self.close()

    def close(self) -> None:
        if self.consumer is not None:
            self.consumer.close(autocommit=False)
            self.consumer = None
        if self.dlq is not None:
            self.dlq.close(timeout=10)
            self.dlq = None

    def _maybe_prune(self) -> None:
        if time.monotonic() < self._next_prune:
            return
        self._next_prune = time.monotonic() + PRUNE_EVERY_SECONDS
        cutoff = clock.now() - MARKER_RETENTION
        removed = self.processed.delete_many({"at": {"$lt": cutoff}}).deleted_count
        if removed:
            log.info("pruned processed-event markers", extra={"group": self.group_id, "removed": removed})

    # -- messages ----------------------------------------------------------------
    def _process_batch(self, records: list[ConsumerRecord], stop: threading.Event) -> ConsumerRecord | None:
        """Handle one partition's records in order; write their dedupe markers in one go
        (after the effects, before the offsets are committed). Returns the last record
        handled, whose offset may be committed."""
        markers: list[dict] = []
        done = None
        for record in records:
            if stop.is_set():
                break
            marker = self._process(record, {m["_id"] for m in markers})
            if marker:
                markers.append({"_id": marker, "at": clock.now()})
            done = record
        for start in range(0, len(markers), db.BULK_CHUNK):
            try:
                self.processed.insert_many(markers[start:start + db.BULK_CHUNK], ordered=False)
            except BulkWriteError as exc:  # a marker already there (a redelivery raced us): fine
                if any(e.get("code") not in (11000, 11001) for e in exc.details.get("writeErrors", [])):
                    raise
        return done

    def _process(self, record: ConsumerRecord, pending_markers: set[str]) -> str | None:
        """Handle one record; return the dedupe marker to write when it had an effect."""
        try:
            event = Event.from_bytes(record.value)
        except EventError as exc:
            self._dead_letter(record, "malformed", str(exc))
            CONSUMED.labels(self.group_id, "unknown", "dead_lettered").inc()
            return None
        marker = f"{self.group_id}:{event.id}"
        if marker in pending_markers or self.processed.find_one({"_id": marker}, {"_id": 1}) is not None:
            CONSUMED.labels(self.group_id, event.type, "duplicate").inc()
            return None
        attempt = 0
        while True:
            try:
                self.handler(event)
                break
            except Exception as exc:  # the handler's failure is data here, not a crash
                attempt += 1
                if attempt > self.max_retries:
                    log.warning("event dead-lettered", extra={"event_id": event.id, "type": event.type,
                                                              "error": repr(exc)})
                    self._dead_letter(record, "handler-failed", f"{exc.__class__.__name__}: {exc}")
                    CONSUMED.labels(self.group_id, event.type, "dead_lettered").inc()
                    return None
                time.sleep(self.retry_backoff * attempt)
        self.handled += 1
        CONSUMED.labels(self.group_id, event.type, "handled").inc()
        return marker

    def _dead_letter(self, record: ConsumerRecord, reason: str, error: str) -> None:
        headers = list(record.headers or []) + [
            ("dlq_reason", reason.encode()), ("dlq_error", error[:1000].encode()),
            ("dlq_topic", record.topic.encode()), ("dlq_partition", str(record.partition).encode()),
            ("dlq_offset", str(record.offset).encode()), ("dlq_group", self.group_id.encode()),
            ("dlq_at", clock.now().isoformat().encode()),
        ]
        future = self.dlq.send(f"{record.topic}.dlq", key=record.key, value=record.value, headers=headers)
        future.get(timeout=SEND_TIMEOUT_SECONDS)  # the offset moves on only once the DLQ has it


def replay_dead_letters(settings: Settings, topic: str, group_id: str, limit: int | None = None,
                        timeout_ms: int = 5000) -> int:
    """Re-publish `<topic>.dlq` messages to `topic` (operators run it after a fix).

    The DLQ is read by its own consumer group, so each dead letter is replayed once."""
    consumer = kafka_clients.consumer(settings, group_id, [f"{topic}.dlq"], f"{group_id}-replay")
    producer = kafka_clients.producer(settings, f"{group_id}-replay")
    replayed = 0
    try:
        while limit is None or replayed < limit:
            batch = consumer.poll(timeout_ms=timeout_ms)
            if not batch:
                break
            for tp, records in batch.items():
                for record in records:
                    headers = [(k, v) for k, v in (record.headers or []) if not k.startswith("dlq_")]
                    producer.send(topic, key=record.key, value=record.value, headers=headers).get(
                        timeout=SEND_TIMEOUT_SECONDS)
                    replayed += 1
                consumer.commit({tp: OffsetAndMetadata(records[-1].offset + 1, "", -1)})
    finally:
        consumer.close(autocommit=False)
        producer.close(timeout=10)
    return replayed


__all__ = ["ConsumerRunner", "replay_dead_letters", "TopicPartition"]


def main(argv: list[str] | None = None) -> int:
    """`rapport-dlq replay rapport.contacts.v1 [--limit N]`: put dead letters back on their topic."""
    import argparse

    from .settings import load_settings

    parser = argparse.ArgumentParser(prog="rapport-dlq", description=main.__doc__)
    parser.add_argument("command", choices=["replay"])
    parser.add_argument("topic", help="the original topic, e.g. rapport.contacts.v1 (its .dlq is read)")
    parser.add_argument("--limit", type=int, help="replay at most this many")
    args = parser.parse_args(argv)
    settings = load_settings("dlq", require_keys=False)
    topic = settings.topic(args.topic)
    count = replay_dead_letters(settings, topic, settings.topic("rapport-dlq-replay"), args.limit)
    print(f"replayed {count} dead letter(s) from {topic}.dlq to {topic}")
    return 0
