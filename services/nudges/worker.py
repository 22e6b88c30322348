"""The nudge worker: a separate process (scaled on its own) that turns events into nudges.

All workers share one consumer group over the co-partitioned service topics; the range
assignor gives one worker partition n of every topic, so it sees all of a member's events.

Run: `python -m services.nudges.worker` (as many as there are partitions, at most).
"""
from __future__ import annotations

import signal
import sys
import threading

from shared import db, logs
from shared.consumer import ConsumerRunner
from shared.settings import Settings, load_settings
from shared.topics import SERVICE_TOPICS

from .adapters.documents import ALL_DOCUMENTS, ProcessedEvent
from .handlers import handle

GROUP = "rapport-nudge-workers"
CONSUMED_TOPICS = ("contacts", "goals", "accounts")


def build(settings: Settings, group_id: str = GROUP, client_id: str = "nudge-worker") -> ConsumerRunner:
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    topics = [settings.topic(SERVICE_TOPICS[name]) for name in CONSUMED_TOPICS]
    return ConsumerRunner(settings, settings.topic(group_id), topics, handle, ProcessedEvent._get_collection(),
                          client_id=client_id)


def main() -> int:
    settings = load_settings("nudges", require_keys=False)
    logs.configure("nudge-worker", settings.log_level)
    runner = build(settings)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    runner.run(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
