"""The outbox relay: publishes the events that writes recorded inside documents.

Each round it claims a batch of documents with pending events under a lease (so several
relays can run and a dead one's claims expire), publishes their events in order with the
member id as key, waits for every acknowledgement, and only then removes exactly the
events it published. A crash at any point leaves unpublished events in place; at worst an
event is published twice, which consumers dedupe by event id.

Run: `rapport-relay <service>` (one process per service, more for availability).
"""
from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import Iterable

from kafka import KafkaProducer
from pymongo import UpdateOne
from pymongo.collection import Collection

from . import db, logs
from .events import Event
from .kafka import SEND_TIMEOUT_SECONDS, producer
from .process import run_until_signalled
from .settings import Settings, load_settings
from .topics import SERVICE_TOPICS

log = logging.getLogger(__name__)


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
        `max_idle`, so an idle suite does not poll its databases hard."""
        log.info("relay started", extra={"topic": self.topic, "owner": self.owner})
        idle = min_idle
        while not stop.is_set():
            try:
                if self.run_once():
                    idle = min_idle
                else:
                    stop.wait(idle)
                    idle = min(idle * 2, max_idle)
            except Exception:
                log.exception("relay round failed; retrying")
                stop.wait(1.0)
        log.info("relay stopped", extra={"published": self.published_total})

    def _claim(self, coll: Collection) -> list[dict]:
        now = datetime.now(timezone.utc)
        free = {"outbox_pending": True,
                "$or": [{"outbox_lease_until": None}, {"outbox_lease_until": {"$lt": now}}]}
        ids = [d["_id"] for d in coll.find(free, {"_id": 1}).sort("outbox_since", 1).limit(self.batch_size)]
        if not ids:
            return []
        token = f"{self.owner}:{uuid.uuid4().hex[:8]}"
        coll.update_many({"_id": {"$in": ids}, **free},
                         {"$set": {"outbox_lease_owner": token, "outbox_lease_until": now + self.lease}})
        claimed = list(coll.find({"outbox_lease_owner": token},
                                 {"outbox": 1, "outbox_since": 1, "outbox_lease_owner": 1}))
        claimed.sort(key=lambda d: d.get("outbox_since") or now)
        return claimed

    def _drain(self, coll: Collection) -> int:
        docs = self._claim(coll)
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
            f.get(timeout=SEND_TIMEOUT_SECONDS)  # raises: nothing is removed, the lease expires, we retry
        self._remove_published(coll, docs)
        count = len(futures)
        self.published_total += count
        return count


    def _remove_published(self, coll: Collection, docs: list[dict]) -> None:
        """Remove exactly the published events. The filter compares the whole outbox array
        (a compare-and-swap that MongoDB and FerretDB both support); a document that got new
        events during publishing is re-read and only its published head is cut off."""
        done = {"$set": {"outbox": [], "outbox_pending": False},
                "$unset": {"outbox_since": "", "outbox_lease_owner": "", "outbox_lease_until": ""}}
        coll.bulk_write([UpdateOne({"_id": d["_id"], "outbox": d["outbox"]}, done) for d in docs], ordered=False)
        lease_owner = docs[0].get("outbox_lease_owner")
        for doc in coll.find({"_id": {"$in": [d["_id"] for d in docs]}, "outbox_lease_owner": lease_owner}):
            published = next(d for d in docs if d["_id"] == doc["_id"])["outbox"]
            current = doc["outbox"]
            while current[:len(published)] == published:
                rest = current[len(published):]
                result = coll.update_one(
                    {"_id": doc["_id"], "outbox": current},
                    {"$set": {"outbox": rest, "outbox_pending": bool(rest)},
                     "$unset": {"outbox_lease_owner": "", "outbox_lease_until": ""}})
                if result.modified_count:
                    break
                fresh = coll.find_one({"_id": doc["_id"]}, {"outbox": 1})
                current = fresh["outbox"] if fresh else []


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
    relay = build(settings)
    run_until_signalled(relay.run_forever)
    relay.producer.close(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
