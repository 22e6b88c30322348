"""Integration fixtures: service apps on real servers, Kafka helpers."""
from __future__ import annotations

import json
import time
from contextlib import ExitStack

import pytest
from kafka import KafkaConsumer

from shared import topics


@pytest.fixture
def make_app(settings_for):
    """make_app("contacts") -> a Flask test client of that service on real servers."""
    import importlib

    def build(service: str, **overrides):
        settings = settings_for(service, **overrides)
        app = importlib.import_module(f"services.{service}.app").create_app(settings)
        app.testing = True
        return app.test_client()

    return build


@pytest.fixture
def kafka_topics(settings_for):
    """Create this test's own copy of every declared topic; return its settings."""
    settings = settings_for("topics")
    topics.ensure(settings)
    return settings


def read_topic(bootstrap: str, topic: str, expect: int, timeout: float = 20.0) -> list:
    """Every record on `topic` from the start, waiting until at least `expect` arrived."""
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, group_id=None, consumer_timeout_ms=500)
    records, deadline = [], time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for record in consumer:
                records.append(record)
            if len(records) >= expect:
                # linger briefly: anything extra (a duplicate) must show up too
                for record in consumer:
                    records.append(record)
                break
    finally:
        consumer.close()
    return records


def envelopes(records) -> list[dict]:
    return [json.loads(r.value) for r in records]


@pytest.fixture
def planned_ferretdb(tmp_path):
    """A FerretDB of this test's own whose PostgreSQL logs every plan and forbids sequential
    scans (OwnFerretDB.PLANS), for tests that every query is answered from an index."""
    from ..servers import OwnFerretDB

    with ExitStack() as stack:
        server = OwnFerretDB(tmp_path, stack, name="ferretdb-plans", postgres_options=OwnFerretDB.PLANS)
        if server.postgres_log is None:
            pytest.skip("plans are read from PostgreSQL (FERRETDB_BACKEND=sqlite)")
        server.start()
        yield server


@pytest.fixture
def own_ferretdb(tmp_path):
    """A FerretDB for this test alone (tests/servers.py OwnFerretDB), stopped at the end."""
    from ..servers import OwnFerretDB

    with ExitStack() as stack:
        server = OwnFerretDB(tmp_path, stack)
        server.start()
        try:
            yield server
        finally:
            try:
                server.thaw()
            except (OSError, ValueError):
                pass
