"""Dead letters back on their topic: `rapport-dlq replay <topic> [--limit N]`, after a fix.

The consumer (shared.consumer) sends a message it cannot handle to `<topic>.dlq` with its
reason in `dlq_*` headers; this puts such messages back on the original topic without those
headers. The DLQ is read by its own consumer group, so each dead letter is replayed once.
"""
from __future__ import annotations

from kafka.structs import OffsetAndMetadata

from . import kafka as kafka_clients
from .kafka import SEND_TIMEOUT_SECONDS
from .settings import Settings


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
