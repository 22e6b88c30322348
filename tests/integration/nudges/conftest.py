"""Nudge workers as real processes (`python -m services.nudges.worker`) on the session's
Kafka and MongoDB-wire servers, and the events a realistic member produces."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient

from shared import clock
from shared import db, kafka
from shared.events import Event, contract_for, new_event
from shared.settings import Settings
from shared.topics import PARTITIONS, SERVICE_TOPICS

from ...procfile import stop_groups
from ...servers import ROOT
from ...waiting import wait_for  # noqa: F401  (re-exported to the nudges tests)

ZONES = ["Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "UTC", "America/St_Johns"]
EXPECTED_PER_MEMBER = 3  # two follow-ups and one keep-in-touch (the default plan allows three a day)


def worker_env(settings: Settings, group: str, **extra: str) -> dict[str, str]:
    """The environment a worker process needs to join this test's servers, topics and group."""
    return {"MONGO_URI": settings.mongo_uri, "MONGO_DB": settings.mongo_db, "KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
            "RAPPORT_TOPIC_PREFIX": settings.topic_prefix, "RAPPORT_LOG_LEVEL": "WARNING",
            "RAPPORT_CONSUMER_MAX_RETRIES": str(settings.consumer_max_retries),
            "NUDGES_CONSUMER_GROUP": group, "NUDGES_SESSION_TIMEOUT_MS": "6000", "NUDGES_EVAL_LEASE_SECONDS": "5",
            "NUDGES_MAX_POLL_RECORDS": "25", **extra}


@dataclass
class Workers:
    """A group of worker processes, started, SIGKILLed or stopped like an operator would."""

    settings: Settings
    logdir: Path
    group: str = field(default_factory=lambda: f"workers-{uuid.uuid4().hex[:6]}")
    procs: list[subprocess.Popen] = field(default_factory=list)

    def start(self, n: int = 1, **extra: str) -> None:
        env = {**os.environ, **worker_env(self.settings, self.group, **extra)}
        for _ in range(n):
            log = open(self.logdir / f"worker-{len(self.procs)}.log", "ab")
            self.procs.append(subprocess.Popen([sys.executable, "-m", "services.nudges.worker"], cwd=ROOT, env=env,
                                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

    def kill(self, index: int) -> None:
        proc = self.procs[index]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def alive(self) -> int:
        return sum(1 for p in self.procs if p.poll() is None)

    def stop(self) -> None:
        stop_groups(self.procs)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n" + "\n".join(p.read_text(errors="replace").splitlines()[-20:])
                         for p in sorted(self.logdir.glob("worker-*.log")))


@pytest.fixture
def nudge_settings(kafka_topics, settings_for) -> Settings:
    settings = settings_for("nudges")
    db.connect(settings)
    return settings


@pytest.fixture
def workers(nudge_settings, tmp_path):
    group = Workers(nudge_settings, tmp_path)
    try:
        yield group
    finally:
        group.stop()


# -- events a member produces ----------------------------------------------------------------------


def event(type_: str, org: str, member: str, **data) -> Event:
    payload = {**contract_for(type_, 1).sample, **data}
    return new_event(type_, org_id=org, member_id=member, data=payload, source="test")


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def member_events(org_id: str, member_id: str, index: int = 0) -> list[Event]:
    """A member who joined, met two people three days ago (follow-ups due) and has a mentor
    last seen 40 days ago (keep in touch due; the interaction is published *before* the
    contact it belongs to). No plan: the default plan's three nudges a day fit exactly."""
    now = clock.now()
    m = member_id
    quiet = {"needs": [], "offers": [], "goal_links": [], "gathering_id": None, "tier": None}
    return [
        event("account.member_joined", org_id, m, member_id=m, timezone=ZONES[index % len(ZONES)]),
        event("interaction.logged", org_id, m, interaction_id=f"{m}-i1", contact_id=f"{m}-mentor", version=1,
              kind="coffee", occurred_at=iso(now - timedelta(days=40))),
        event("contact.created", org_id, m, **quiet, contact_id=f"{m}-a", version=1, display_name="Ada Lovelace",
              met_at=iso(now - timedelta(days=3))),
        event("contact.created", org_id, m, **quiet, contact_id=f"{m}-b", version=1, display_name="Bob Kahn",
              met_at=iso(now - timedelta(days=3))),
        event("contact.updated", org_id, m, **quiet, contact_id=f"{m}-b", version=2, display_name="Bob E. Kahn",
              met_at=iso(now - timedelta(days=3))),
        event("contact.created", org_id, m, **{**quiet, "tier": "mentor"}, contact_id=f"{m}-mentor", version=1,
              display_name="Grace Hopper", met_at=iso(now - timedelta(days=100))),
    ]


def topic_of(settings: Settings, e: Event) -> str:
    family = e.type.split(".")[0]
    service = {"account": "accounts", "plan": "goals", "goal": "goals"}.get(family, "contacts")
    return settings.topic(SERVICE_TOPICS[service])


def publish(settings: Settings, events: list[Event], raw: list[tuple[str, bytes, bytes]] = ()) -> None:
    producer = kafka.producer(settings, "test-publisher")
    futures = [producer.send(topic_of(settings, e), key=e.key.encode(), value=e.to_bytes(), headers=e.headers())
               for e in events]
    futures += [producer.send(topic, key=key, value=value) for topic, key, value in raw]
    producer.flush(30)
    for f in futures:
        f.get(30)
    producer.close()


def group_caught_up(settings: Settings, group: str) -> bool:
    """Every partition of the consumed topics has this group's commit at its end offset."""
    topics = [settings.topic(SERVICE_TOPICS[s]) for s in ("contacts", "goals", "accounts")]
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        parts = [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()]
        ends = consumer.end_offsets(parts)
        group_id = settings.topic(group)
        committed = admin.list_group_offsets({group_id: None}).get(group_id) or {}
        return all(ends[tp] == 0 or (tp in committed and committed[tp].offset >= ends[tp]) for tp in parts)
    finally:
        consumer.close()
        admin.close()


def stable_members(settings: Settings, group: str) -> int:
    """How many workers share the group's partitions once it has settled (0 while rebalancing)."""
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        group_id = settings.topic(group)
        info = admin.describe_groups([group_id]).get(group_id) or {}
        return len(info.get("members") or []) if info.get("group_state") == "Stable" else 0
    finally:
        admin.close()


# -- the nudges API and the coach in-process (tests/integration/nudges/test_api.py) -------------

UTC = timezone.utc
WEDNESDAY = datetime(2026, 5, 6, 10, 0, tzinfo=UTC)
QUIET = {"needs": [], "offers": [], "goal_links": [], "gathering_id": None, "tier": None, "tags": []}


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@dataclass
class Coach:
    client: object
    clock: Clock
    projector: object
    evaluator: object
    parts: object
    token: callable
    org: str = "org-api"
    member: str = field(default_factory=lambda: f"m-{uuid.uuid4().hex[:8]}")

    def feed(self, *events: Event) -> None:
        for e in events:
            self.projector.handle(e)
        self.evaluator.tick(range(PARTITIONS))

    def ev(self, type_: str, **data) -> Event:
        return event(type_, self.org, self.member, **data)

    def contact(self, cid: str, name: str, met_days_ago: float | None = 3, version: int = 1, **extra) -> Event:
        met = iso(self.clock.now - timedelta(days=met_days_ago)) if met_days_ago is not None else None
        return self.ev("contact.created" if version == 1 else "contact.updated",
                       **{**QUIET, **extra}, contact_id=cid, version=version, display_name=name, met_at=met)

    def plan(self, version: int = 1, **fields) -> Event:
        base = {"version": version, "style": "ambivert", "weekly_budget": 5, "follow_up_days": 2,
                "max_nudges_per_day": 10, "timezone": "UTC",
                "working_hours": {"start": "09:00", "end": "17:00"}}
        return self.ev("plan.updated", **{**base, **fields})

    def headers(self, member: str | None = None, device: str | None = None, **extra) -> dict:
        """A token of the member (signed in on `device`: its `sid`), and the sync schema header."""
        token = self.token(self.org, member or self.member, device_id=device)
        return {"Authorization": f"Bearer {token}", "X-Rapport-Schema-Version": "1", **extra}

    def get(self, path: str, member: str | None = None, device: str | None = None, **kw):
        return self.client.get(path, headers=self.headers(member, device, **kw.pop("headers", {})), **kw)

    def post(self, path: str, json=None, member: str | None = None, device: str | None = None, **kw):
        return self.client.post(path, json=json, headers=self.headers(member, device, **kw.pop("headers", {})), **kw)

    def push(self, device: str, mutations: list, **kw):
        """A sync push from `device`, signed in on it."""
        return self.post("/v1/sync/nudges/push", {"device_id": device, "mutations": mutations}, device=device, **kw)

    def items(self, query: str = "") -> list[dict]:
        r = self.get(f"/v1/nudges{query}")
        assert r.status_code == 200, r.json
        return r.json["items"]

    def outbox(self, nudge_id: str) -> list[dict]:
        return self.parts.store.coll.find_one({"_id": nudge_id})["outbox"]


def make_coach(settings_for, issue_token, **overrides) -> "Coach":
    """The nudges API and the worker's parts in-process on one database, with one clock."""
    from services.nudges.app import create_app
    from services.nudges.service_layer.coach import Evaluator, Projector

    clock = Clock(WEDNESDAY)
    extra = {"NUDGES_SYNC_LAG_MS": "0", **overrides.pop("extra", {})}
    settings = settings_for("nudges", extra=extra, **overrides)
    app = create_app(settings, clock)
    app.testing = True
    parts = app.extensions["rapport_nudges"]
    projector = Projector(parts.read_model, parts.schedule, parts.eraser, clock,
                          forget_device=parts.sync.forget_device)  # as the workers are built
    evaluator = Evaluator(parts.read_model, parts.schedule, parts.store, parts.eraser, sweep_every=0, clock=clock)
    return Coach(app.test_client(), clock, projector, evaluator, parts, issue_token)


@pytest.fixture
def coach(kafka_topics, settings_for, issue_token) -> "Coach":
    return make_coach(settings_for, issue_token)
