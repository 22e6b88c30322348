"""Kafka clients configured once: reliable producers and manually committing consumers.

Clients are created inside the process that uses them (after any fork), never at import.
"""
from __future__ import annotations

from kafka import KafkaConsumer, KafkaProducer
from kafka.coordinator.assignors.range import RangePartitionAssignor

from .settings import Settings

SEND_TIMEOUT_SECONDS = 30


def producer(settings: Settings, client_id: str) -> KafkaProducer:
    """acks=all with idempotence: a retried send is written once, in order per partition."""
    return KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        retries=2147483647,
        delivery_timeout_ms=SEND_TIMEOUT_SECONDS * 1000,
        request_timeout_ms=20000,
        max_in_flight_requests_per_connection=5,
    )


def consumer(settings: Settings, group_id: str, topics: list[str], client_id: str,
             max_poll_records: int = 200, session_timeout_ms: int | None = None,
             max_poll_interval_ms: int = 300000) -> KafkaConsumer:
    """Manual commits after the effect is stored; range assignment keeps co-partitioned
    topics together (partition n of every topic goes to the same member of the group)."""
    return KafkaConsumer(
        *topics,
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=group_id,
        client_id=client_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        partition_assignment_strategy=[RangePartitionAssignor],
        max_poll_records=max_poll_records,
        session_timeout_ms=session_timeout_ms or 10000,
        heartbeat_interval_ms=min(3000, (session_timeout_ms or 10000) // 3),
        max_poll_interval_ms=max_poll_interval_ms,
    )


def ready_check(settings: Settings, cache_seconds: float = 5.0):
    """A readiness probe for Kafka: the cluster answers a metadata request. A success is
    remembered briefly so probes do not open a connection each time."""
    import threading
    import time

    from kafka.admin import KafkaAdminClient

    state = {"ok_until": 0.0}
    lock = threading.Lock()

    def check() -> None:
        with lock:
            if time.monotonic() < state["ok_until"]:
                return
            admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap,
                                     client_id=f"{settings.service}-ready", request_timeout_ms=5000)
            try:
                admin.describe_cluster()
            finally:
                admin.close()
            state["ok_until"] = time.monotonic() + cache_seconds

    return check
