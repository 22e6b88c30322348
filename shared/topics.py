"""The declared topics. Brokers never auto-create: `rapport-topics ensure` applies this list.

All service topics are co-partitioned (same count, same key = member id, Kafka's default
murmur2 partitioner), so a nudge worker assigned partition n of every topic by the range
assignor sees all of one member's events.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from .settings import Settings, load_settings

PARTITIONS = 12
RETENTION_7_DAYS = str(7 * 24 * 3600 * 1000)
RETENTION_30_DAYS = str(30 * 24 * 3600 * 1000)


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int = PARTITIONS
    config: dict[str, str] = field(default_factory=dict)


SERVICE_TOPICS = {
    "accounts": "rapport.accounts.v1",
    "goals": "rapport.goals.v1",
    "contacts": "rapport.contacts.v1",
    "nudges": "rapport.nudges.v1",
}


def declared() -> list[TopicSpec]:
    specs = []
    for name in SERVICE_TOPICS.values():
        specs.append(TopicSpec(name, config={"retention.ms": RETENTION_30_DAYS, "min.insync.replicas": "1"}))
        specs.append(TopicSpec(f"{name}.dlq", config={"retention.ms": RETENTION_30_DAYS}))
    return specs


def ensure(settings: Settings, replication_factor: int = 1) -> list[str]:
    """Create every declared topic that is missing; return the names created."""
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="rapport-topics",
                             request_timeout_ms=30000)
    try:
        existing = set(admin.list_topics())
        wanted = [NewTopic(settings.topic(s.name), s.partitions, replication_factor, topic_configs=s.config)
                  for s in declared() if settings.topic(s.name) not in existing]
        created = []
        for topic in wanted:
            try:
                admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:  # a concurrent ensure won the race
                pass
        return created
    finally:
        admin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rapport-topics", description=__doc__)
    parser.add_argument("command", choices=["ensure", "list"])
    args = parser.parse_args(argv)
    settings = load_settings("topics", require_keys=False)
    if args.command == "list":
        for s in declared():
            print(f"{settings.topic(s.name)}\tpartitions={s.partitions}\t{s.config}")
        return 0
    created = ensure(settings)
    print(f"topics: {len(created)} created, {len(declared()) - len(created)} already there", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
