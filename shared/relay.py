"""The outbox relay: publishes the events that writes recorded inside documents.

Each round, for each outbox collection, it takes (or renews) that collection's lease — one
small lock document, so several relays can run for availability and a dead one's lease
expires — reads the oldest documents with pending events, publishes their events in order
with the member id as key, waits for every acknowledgement, and only then removes exactly
the events it published (conditional on the document's version, so events appended during
publishing stay; the removal holds the documents' write guards, shared.guard, so it never
overwrites a service's write on servers without atomic conditional updates). A crash at any
point leaves unpublished events in place; at worst an event is published twice, which
consumers dedupe by event id.

Claiming per collection rather than per document keeps the relay's writes to one per
published document: FerretDB's SQLite backend pays for every document write.

Run: `rapport-relay <service>` (one process per service; a second one stands by). It waits out
store and broker outages and exits only on SIGTERM or a fatal configuration error.
"""
from __future__ import annotations

import argparse
import logging
import sys
import threading
import uuid
from datetime import timedelta
from typing import Any, Iterable

from kafka import KafkaProducer
from pymongo.errors import OperationFailure
from pymongo.collection import Collection

from prometheus_client import Counter

from . import clock
from . import db, faults, guard, logs, process
from .events import Event
from .kafka import SEND_TIMEOUT_SECONDS, producer
from .process import run_until_signalled
from .settings import Settings, load_settings
from .topics import SERVICE_TOPICS

log = logging.getLogger(__name__)


LOCKS = "outbox_relay_locks"
FAULTS = Counter("rapport_relay_faults_total", "relay rounds that failed and were retried", ["topic", "fault"])


class OutboxRelay:
    def __init__(self, collections: Iterable[Collection], topic: str, kafka_producer: KafkaProducer,
                 lease_seconds: int = 30, batch_size: int = 200, owner: str | None = None):
        self.collections = list(collections)
        self.topic = topic
        self.producer = kafka_producer
        self.lease = timedelta(seconds=lease_seconds)
        self.batch_size = batch_size
        self.owner = owner or f"relay-{uuid.uuid4().hex[:12]}"
        self.published_total = 0

    def run_once(self) -> int:
        """Publish what is pending now; return how many events were published."""
        return sum(self._drain(coll) for coll in self.collections)

    def run_forever(self, stop: threading.Event, min_idle: float = 0.05, max_idle: float = 0.5) -> None:
        """Publish until stopped. When idle, look again after a pause that doubles up to
        `max_idle`, so an idle suite does not poll its databases hard. A failed round (the store
        or the broker away or busy, anything unexpected) is logged, counted
        (`rapport_relay_faults_total`) and retried with backoff; nothing is removed from an
        outbox before Kafka acknowledged it, so a retry only ever republishes. Only a fatal
        configuration error (shared.faults.fatal) ends the loop."""
        log.info("relay started", extra={"topic": self.topic, "owner": self.owner})
        idle = min_idle
        backoff = faults.Backoff(cap=10.0)
        while not stop.is_set():
            process.beat()
            try:
                if self.run_once():
                    idle = min_idle
                else:
                    stop.wait(idle)
                    idle = min(idle * 2, max_idle)
                backoff.reset()
            except Exception as exc:
                if faults.fatal(exc):
                    raise
                kind = faults.kind(exc) if faults.transient(exc) else "other"
                FAULTS.labels(self.topic, kind).inc()
                delay = backoff.next()
                if kind == "other":
                    log.exception(f"relay round failed; retrying in {delay:.1f}s")
                else:
                    log.warning(f"relay round failed ({kind} unavailable); retrying in {delay:.1f}s",
                                extra={"error": repr(exc)[:500]})
                stop.wait(delay)
        try:
            self.release()
        except Exception:  # the lease simply runs out
            log.warning("could not release the relay's leases", exc_info=True)
        log.info("relay stopped", extra={"published": self.published_total})

    def holds_lease(self, coll: Collection) -> bool:
        """Take or renew this collection's lease; False while another live relay holds it."""
        now = clock.now()
        locks = guard.Guarded(coll.database[LOCKS])
        try:
            locks.find_one_and_update(
                {"_id": coll.name, "$or": [{"owner": self.owner}, {"until": {"$lt": now}}]},
                {"$set": {"owner": self.owner, "until": now + self.lease}}, upsert=True)
        except OperationFailure as exc:
            if not db.is_duplicate_key(exc):
                raise
            return False  # the lock document exists and is held by someone else
        return True

    def release(self) -> None:
        for coll in self.collections:
            coll.database[LOCKS].delete_one({"_id": coll.name, "owner": self.owner})

    def _drain(self, coll: Collection) -> int:
        if not self.holds_lease(coll):
            return 0
        docs = list(coll.find({"outbox_pending": True}, {"outbox": 1, "version": 1, "outbox_since": 1})
                    .sort("outbox_since", 1).limit(self.batch_size))
        if not docs:
            return 0
        futures = []
        for doc in docs:
            for raw in doc.get("outbox") or []:
                event = Event.from_dict(raw)
                futures.append(self.producer.send(self.topic, key=event.key.encode(), value=event.to_bytes(),
                                                  headers=event.headers()))
        self.producer.flush(timeout=SEND_TIMEOUT_SECONDS)
        for f in futures:
            f.get(timeout=SEND_TIMEOUT_SECONDS)  # raises: nothing is removed, a later round retries
        self._remove_published(coll, docs)
        self.published_total += len(futures)
        return len(futures)

    def _remove_published(self, coll: Collection, docs: list[dict]) -> None:
        """Remove exactly the published events. Documents still at the version that was read
        are emptied in one update per version; a document written meanwhile is re-read and
        only the published head of its outbox is cut off."""
        guarded = guard.Guarded(coll)
        done = {"$set": {"outbox": [], "outbox_pending": False}, "$unset": {"outbox_since": ""}}
        by_version: dict[Any, list] = {}
        for d in docs:
            by_version.setdefault(d.get("version"), []).append(d["_id"])
        for version, ids in by_version.items():
            for start in range(0, len(ids), db.BULK_CHUNK):
                guarded.update_many({"_id": {"$in": ids[start:start + db.BULK_CHUNK]}, "version": version}, done)
        published = {d["_id"]: d["outbox"] for d in docs}
        for doc in coll.find({"_id": {"$in": list(published)}, "outbox_pending": True}, {"outbox": 1, "version": 1}):
            head = published[doc["_id"]]
            while doc is not None and doc["outbox"][:len(head)] == head:
                rest = doc["outbox"][len(head):]
                update = {"$set": {"outbox": rest, "outbox_pending": bool(rest)}}
                if not rest:
                    update["$unset"] = {"outbox_since": ""}
                if guarded.update_one({"_id": doc["_id"], "version": doc["version"]}, update).modified_count:
                    break
                doc = coll.find_one({"_id": doc["_id"]}, {"outbox": 1, "version": 1})


def outbox_collections(service: str) -> list[Collection]:
    """The collections of a service whose documents carry an outbox."""
    import importlib

    module = importlib.import_module(f"services.{service}.adapters.documents")
    return [doc._get_collection() for doc in module.OUTBOX_DOCUMENTS]


def build(settings: Settings) -> OutboxRelay:
    db.connect(settings)
    return OutboxRelay(outbox_collections(settings.service), settings.topic(SERVICE_TOPICS[settings.service]),
                       producer(settings, f"relay-{settings.service}"), settings.relay_lease_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rapport-relay", description="Publish a service's outbox to Kafka.")
    parser.add_argument("service", choices=sorted(SERVICE_TOPICS))
    args = parser.parse_args(argv)
    settings = load_settings(args.service, require_keys=False)
    logs.configure(f"{args.service}-relay", settings.log_level)

    def run(stop: threading.Event) -> None:
        relay = process.until_done(lambda: build(settings), f"{args.service} relay start", stop)
        if relay is None:
            return
        try:
            relay.run_forever(stop)
        finally:
            relay.producer.close(timeout=10)

    return run_until_signalled(run)


if __name__ == "__main__":
    sys.exit(main())
