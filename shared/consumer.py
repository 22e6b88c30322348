"""The idempotent consumer: a kafka-python consumer-group loop done once, right.

- clients are created in `run()`, i.e. in the process that consumes (after any fork);
- offsets are committed manually, after the effect is stored, per partition;
- events already processed by this group are skipped (a marker per event id, written
  only after the handler's effect, which must itself be idempotent);
- a failing message is retried a bounded number of times, then sent to `<topic>.dlq`
  with the reason in headers, and the consumer moves on — but a *transient* fault (the store
  or the broker away or busy, shared.faults) is never the message's fault: it is retried with
  backoff and never dead-lettered;
- one poll's records are handled within a time box well inside `max_poll_interval_ms`; what
  did not fit (or waited out a store outage past the box) is sought back and read at the next
  poll, so the loop keeps its group membership alive;
- a commit refused after a rebalance (a poll that outlived `max_poll_interval_ms` anyway) is
  logged and counted (`rapport_consumer_faults_total{fault="commit_failed"}`); the next poll
  rejoins and the records since the last commit are read again (effects are idempotent and
  the markers dedupe them). Nothing but SIGTERM or a fatal configuration error ends `run`;
- unknown event types are skipped (`read_data` returns None); a malformed body goes
  straight to the DLQ;
- a consumer whose effects are idempotent by construction (a replay changes nothing) may give
  a `batch_handler`: a poll's records (of every partition) are then handed over at once, so the
  handler writes once per aggregate, not once per event, and no markers are read or written.
  A poll that fails for anything but a transient fault is handled again partition by
  partition, and a partition that fails record by record, so a bad message is still retried
  and dead-lettered on its own;
- stopping finishes the message in hand and commits only what was processed;
- markers older than the topics' retention (nothing that old can be redelivered) are
  pruned hourly, since TTL indexes are not available on every supported server.

The module is long because the guarantees above hold only together: time box, seek-back,
commit, retry and dead-lettering share one loop's state. Replaying dead letters is in
shared.dlq.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from datetime import timedelta
from typing import Callable, TypeVar

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import IllegalStateError, KafkaError
from kafka.structs import OffsetAndMetadata
from prometheus_client import Counter
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

from . import clock
from . import db, faults, process
from . import kafka as kafka_clients
from .events import Event, EventError
from .kafka import SEND_TIMEOUT_SECONDS
from .settings import Settings

log = logging.getLogger(__name__)

Handler = Callable[[Event], None]
BatchHandler = Callable[[list[Event]], None]
T = TypeVar("T")

CONSUMED = Counter("rapport_events_consumed_total", "events handled", ["group", "type", "outcome"])
FAULTS = Counter("rapport_consumer_faults_total", "faults a consumer survived: commit_failed (the group "
                 "rebalanced), poll_overrun (max_poll_interval_ms outlived), store, kafka, other", ["group", "fault"])
DEFAULT_MAX_POLL_INTERVAL_MS = 300_000
MAX_BATCH_SECONDS = 60.0     # one poll's records are handled within min(this, max_poll_interval / 4)
COMMIT_TIMEOUT_MS = 30_000
MARKER_RETENTION = timedelta(days=35)  # longer than any topic's retention (shared/topics.py)
PRUNE_EVERY_SECONDS = 3600


class _Postponed(Exception):
    """The store or the broker stayed away past this poll's time box: the record is read again
    at the next poll (the group membership stays alive meanwhile)."""


class ConsumerRunner:
    def __init__(self, settings: Settings, group_id: str, topics: list[str], handler: Handler,
                 processed: Collection, *, client_id: str = "", retry_backoff_seconds: float = 0.2,
                 max_poll_records: int = 200, session_timeout_ms: int | None = None,
                 max_poll_interval_ms: int = DEFAULT_MAX_POLL_INTERVAL_MS,
                 after_poll: Callable[[set[TopicPartition]], None] | None = None,
                 batch_handler: BatchHandler | None = None):
        self.settings = settings
        self.group_id = group_id
        self.topics = topics
        self.handler = handler
        self.batch_handler = batch_handler
        self.processed = processed
        self.client_id = client_id or group_id
        self.max_retries = settings.consumer_max_retries
        self.retry_backoff = retry_backoff_seconds
        self.max_poll_records = max_poll_records
        self.session_timeout_ms = session_timeout_ms
        self.max_poll_interval = max_poll_interval_ms / 1000
        # the time box of one poll's records: well inside max_poll_interval_ms, leaving room for
        # the offset commit and the after-poll hook (which keep their own, shorter budgets)
        self.batch_seconds = min(MAX_BATCH_SECONDS, self.max_poll_interval / 4)
        # called after each poll round (offsets committed) with the current assignment:
        # lets a worker run per-partition periodic work (e.g. time-based rules) in its loop
        self.after_poll = after_poll
        self.consumer: KafkaConsumer | None = None  # open inside run() (see _open)
        self.dlq: KafkaProducer | None = None
        self.handled = 0
        self._next_prune = 0.0
        self._last_poll: float | None = None

    # -- lifecycle -------------------------------------------------------------
    def run(self, stop: threading.Event, poll_timeout_ms: int = 500) -> None:
        """Consume until `stop` is set. Transient faults of the store or the broker, a commit
        refused after a rebalance and even an unexpected error in a round are logged, counted
        (`rapport_consumer_faults_total`) and survived; only a fatal configuration error
        (shared.faults.fatal) ends the loop, by raising."""
        process.beat()
        if not process.until_done(self._open, f"consumer {self.group_id} start", stop):
            return
        log.info("consumer started", extra={"group": self.group_id, "topics": self.topics,
                                            "max_poll_interval_s": self.max_poll_interval})
        backoff = faults.Backoff(cap=min(10.0, self.max_poll_interval / 4))
        try:
            while not stop.is_set():
                process.beat()
                try:
                    self._round(stop, poll_timeout_ms)
                    backoff.reset()
                except Exception as exc:
                    if faults.fatal(exc):
                        raise
                    # positions may have moved past records that were never handled: a fresh
                    # consumer rejoins the group and starts again from the committed offsets
                    self._fault(exc, "round failed; rejoining from the committed offsets")
                    self.close()
                    stop.wait(backoff.next())
                    if not process.until_done(self._open, f"consumer {self.group_id} rejoin", stop):
                        return
        finally:
            self.close()
            log.info("consumer stopped", extra={"group": self.group_id, "handled": self.handled})

    def _open(self) -> bool:
        if self.consumer is None:
            self.consumer = kafka_clients.consumer(
                self.settings, self.group_id, self.topics, self.client_id, self.max_poll_records,
                session_timeout_ms=self.session_timeout_ms,
                max_poll_interval_ms=int(self.max_poll_interval * 1000))
        if self.dlq is None:
            self.dlq = kafka_clients.producer(self.settings, f"{self.client_id}-dlq")
        self._last_poll = None
        return True

    def _open_consumer(self) -> KafkaConsumer:
        assert self.consumer is not None, "the consumer is open inside run()"
        return self.consumer

    def _open_dlq(self) -> KafkaProducer:
        assert self.dlq is not None, "the DLQ producer is open inside run()"
        return self.dlq

    def close(self) -> None:
        consumer, self.consumer = self.consumer, None
        dlq, self.dlq = self.dlq, None
        try:
            if consumer is not None:
                consumer.close(autocommit=False)
            if dlq is not None:
                dlq.close(timeout=10)
        except Exception:  # closing clients of a broker that is away: nothing left to keep
            log.warning("closing the Kafka clients failed", exc_info=True)

    def _fault(self, exc: BaseException, what: str, fault: str | None = None) -> None:
        fault = fault or (faults.kind(exc) if faults.transient(exc) else "other")
        FAULTS.labels(self.group_id, fault).inc()
        if fault == "other":
            log.error(what, exc_info=exc, extra={"group": self.group_id, "fault": fault})
        else:
            log.warning(what, extra={"group": self.group_id, "fault": fault, "error": repr(exc)[:500]})

    def _round(self, stop: threading.Event, poll_timeout_ms: int) -> None:
        """One poll, its records within the time box, their commits, then the after-poll hook."""
        self._maybe_prune()
        now = time.monotonic()
        if self._last_poll is not None and now - self._last_poll > self.max_poll_interval:
            FAULTS.labels(self.group_id, "poll_overrun").inc()
            log.warning("the time between polls outlived max_poll_interval_ms; the group rebalances and "
                        "this consumer rejoins", extra={"group": self.group_id,
                                                        "seconds": round(now - self._last_poll, 1)})
        batch = self._open_consumer().poll(timeout_ms=poll_timeout_ms)
        self._last_poll = time.monotonic()
        deadline = self._last_poll + self.batch_seconds
        pending = list(batch.items())
        together = self.batch_handler is not None
        if together and pending and not stop.is_set():
            pending = self._poll_together(pending, stop, deadline)
            together = len(pending) > 1  # a poll of one partition that failed goes record by record at once
        while pending and not stop.is_set():
            tp, records = pending.pop(0)
            done, resume = self._process_batch(records, stop, deadline, together)
            if resume is not None:
                self._seek(tp, resume)  # the rest of this partition's records: at the next poll
            if done is not None and not self._commit({tp: done.offset + 1}):
                break  # the group moved on without us: poll again (that rejoins)
            if time.monotonic() >= deadline:
                break
        for tp, records in pending:  # not started in this poll's time box: read them again
            self._seek(tp, records[0].offset)
        if self.after_poll is not None and not stop.is_set():
            try:
                self.after_poll(self._open_consumer().assignment())
            except Exception as exc:
                if faults.fatal(exc):
                    raise
                self._fault(exc, "after-poll work failed; the next round tries again")

    def _poll_together(self, pending: list[tuple[TopicPartition, list[ConsumerRecord]]], stop: threading.Event,
                       deadline: float) -> list[tuple[TopicPartition, list[ConsumerRecord]]]:
        """The whole poll to the batch handler, then one commit. Returns what is left to handle
        partition by partition: nothing, or (the poll failed on a record) all of it."""
        try:
            if not self._handle_together([r for _, records in pending for r in records], stop, deadline):
                return pending
        except _Postponed:  # the store stayed away: the whole poll is read again
            for tp, records in pending:
                self._seek(tp, records[0].offset)
            return []
        self._commit({tp: records[-1].offset + 1 for tp, records in pending})
        return []

    def _seek(self, tp: TopicPartition, offset: int) -> None:
        try:
            self._open_consumer().seek(tp, offset)
        except IllegalStateError:  # no longer ours: its new owner starts from the committed offset
            pass

    def _commit(self, offsets: dict[TopicPartition, int]) -> bool:
        """Commit these partitions' offsets. A commit refused because the group rebalanced (a poll
        that outlived max_poll_interval_ms, a broker away) is logged and counted, and the next
        poll rejoins: the records after the last good commit are read again and deduped."""
        try:
            self._open_consumer().commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in offsets.items()},
                                 timeout_ms=COMMIT_TIMEOUT_MS)
            return True
        except KafkaError as exc:
            if not faults.transient(exc):
                raise
            self._fault(exc, "offset commit failed (the group rebalanced); rejoining, the records since the "
                             "last commit are read again", "commit_failed")
            return False

    def _maybe_prune(self) -> None:
        if time.monotonic() < self._next_prune:
            return
        self._next_prune = time.monotonic() + PRUNE_EVERY_SECONDS
        cutoff = clock.now() - MARKER_RETENTION
        try:
            removed = self.processed.delete_many({"at": {"$lt": cutoff}}).deleted_count
        except Exception as exc:
            if not faults.transient(exc):
                raise
            self._next_prune = time.monotonic() + 60  # try again in a minute
            self._fault(exc, "pruning processed-event markers failed; retrying later")
            return
        if removed:
            log.info("pruned processed-event markers", extra={"group": self.group_id, "removed": removed})

    def _retry(self, fn: Callable[[], T], what: str, stop: threading.Event, deadline: float) -> T:
        """Run a store or broker call; transient failures are retried with backoff until the
        poll's time box is used up (then `_Postponed`: the record comes again next poll)."""
        backoff = faults.Backoff(first=self.retry_backoff, cap=5.0)
        while True:
            try:
                return fn()
            except Exception as exc:
                if not faults.transient(exc):
                    raise
                self._fault(exc, f"{what} failed; retrying")
                delay = backoff.next()
                if stop.is_set() or time.monotonic() + delay > deadline:
                    raise _Postponed() from exc
                process.beat()
                stop.wait(delay)

    # -- messages ----------------------------------------------------------------
    def _process_batch(self, records: list[ConsumerRecord], stop: threading.Event, deadline: float,
                       together: bool = False) -> tuple[ConsumerRecord | None, int | None]:
        """Handle one partition's records in order, within the time box; write their dedupe
        markers in one go (after the effects, before the offsets are committed). With
        `together`, the batch handler gets them at once first. Returns the last record handled
        (whose offset may be committed) and, when it stopped early, the offset to read again
        from."""
        if together and not stop.is_set():
            try:
                if self._handle_together(records, stop, deadline):
                    return records[-1], None
            except _Postponed:
                return None, records[0].offset
        markers: list[dict] = []
        done, resume = None, None
        for record in records:
            if stop.is_set():
                break
            if time.monotonic() >= deadline:
                resume = record.offset
                break
            try:
                marker = self._process(record, {m["_id"] for m in markers}, stop, deadline)
            except _Postponed:
                resume = record.offset
                break
            if marker:
                markers.append({"_id": marker, "at": clock.now()})
            done = record
        try:
            self._retry(lambda: self._write_markers(markers), "writing dedupe markers", stop,
                        max(deadline, time.monotonic() + 5.0))
        except _Postponed:  # nothing of this batch is committed: it is read (and handled) again
            return None, records[0].offset
        return done, resume

    def _handle_together(self, records: list[ConsumerRecord], stop: threading.Event, deadline: float) -> bool:
        """Hand one partition's records to the batch handler at once. False when they must be
        handled record by record instead (a malformed one, or the handler failed on one)."""
        try:
            events = [Event.from_bytes(r.value) for r in records]
        except EventError:
            return False
        handler = self.batch_handler
        assert handler is not None
        try:
            self._retry(lambda: handler(events), "handling a batch", stop, deadline)
        except _Postponed:
            raise
        except Exception as exc:
            if faults.fatal(exc):
                raise
            log.warning("a batch failed; handling its records one by one", extra={
                "group": self.group_id, "records": len(records), "error": repr(exc)[:500]})
            return False
        self.handled += len(events)
        for event in events:
            CONSUMED.labels(self.group_id, event.type, "handled").inc()
        return True

    def _write_markers(self, markers: list[dict]) -> None:
        for start in range(0, len(markers), db.BULK_CHUNK):
            try:
                self.processed.insert_many(markers[start:start + db.BULK_CHUNK], ordered=False)
            except BulkWriteError as exc:  # a marker already there (a redelivery raced us): fine
                if not db.is_duplicate_key(exc):
                    raise

    def _process(self, record: ConsumerRecord, pending_markers: set[str], stop: threading.Event,
                 deadline: float) -> str | None:
        """Handle one record; return the dedupe marker to write when it had an effect."""
        try:
            event = Event.from_bytes(record.value)
        except EventError as exc:
            why = str(exc)
            self._retry(lambda: self._dead_letter(record, "malformed", why), "dead-lettering", stop, deadline)
            CONSUMED.labels(self.group_id, "unknown", "dead_lettered").inc()
            return None
        marker = f"{self.group_id}:{event.id}"
        if marker in pending_markers or self._retry(
                lambda: self.processed.find_one({"_id": marker}, {"_id": 1}), "reading a dedupe marker",
                stop, deadline) is not None:
            CONSUMED.labels(self.group_id, event.type, "duplicate").inc()
            return None
        attempt = 0
        backoff = faults.Backoff(first=self.retry_backoff, cap=5.0)
        while True:
            try:
                self.handler(event)
                break
            except Exception as exc:  # the handler's failure is data here, not a crash
                if faults.fatal(exc):
                    raise
                if faults.transient(exc):  # the store is away or busy: not the message's fault
                    self._fault(exc, "event handler hit a transient fault; retrying")
                    delay = backoff.next()
                    if stop.is_set() or time.monotonic() + delay > deadline:
                        raise _Postponed() from exc
                    process.beat()
                    stop.wait(delay)
                    continue
                attempt += 1
                if attempt > self.max_retries:
                    log.warning("event dead-lettered", extra={"event_id": event.id, "type": event.type,
                                                              "error": repr(exc)})
                    why = f"{exc.__class__.__name__}: {exc}"
                    self._retry(functools.partial(self._dead_letter, record, "handler-failed", why),
                                "dead-lettering", stop, deadline)
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
            ("dlq_at", clock.rfc3339(clock.now()).encode()),
        ]
        future = self._open_dlq().send(f"{record.topic}.dlq", key=record.key, value=record.value, headers=headers)
        future.get(timeout=SEND_TIMEOUT_SECONDS)  # the offset moves on only once the DLQ has it


__all__ = ["ConsumerRunner", "TopicPartition"]
