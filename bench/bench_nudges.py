"""Nudge workers, scaled out: events/s with 1, 2 and 4 worker processes, event→nudge latency,
and the raw kafka-python consume rate of the same messages as the ceiling.

For each worker count the workers (`python -m services.nudges.worker`, real processes) join
one group on fresh 12-partition topics and a fresh database; once the group is stable, a
burst of member events is produced (each member: joined, a plan, contacts met three days
ago — one follow-up nudge each), beside 10,000 members the workers already know. Throughput is events / (first send → every nudge stored and
every offset committed). Latency is the time from an event's `occurred_at` to its nudge's
`created_at`: under the burst (queueing included), then for a paced trickle after it.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient
from pymongo import MongoClient

from shared import clock
from shared import kafka, topics
from shared.events import Event, new_event
from shared.settings import Settings, load_settings
from shared.topics import SERVICE_TOPICS

from services.nudges.adapters.schedule import partition_for, slot
from services.nudges.domain.engine import FAR_FUTURE
from services.nudges.worker import wait_for_topics

from .table import table
from tests.procfile import stop_groups

ROOT = Path(__file__).resolve().parent.parent
WORKER_COUNTS = (1, 2, 4)
MEMBERS = 60
CONTACTS_PER_MEMBER = 4
BACKGROUND_MEMBERS = 10_000  # members already known (read model and clocks), not due
TRICKLE = 20            # paced events after the burst, for the unloaded latency
TRICKLE_PER_SECOND = 2
CONSUMED = ("contacts", "goals", "accounts")


def _settings(servers) -> Settings:
    uid = uuid.uuid4().hex[:8]
    return load_settings("nudges", {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
                                    "RAPPORT_DB_PREFIX": f"bench{uid}_", "RAPPORT_TOPIC_PREFIX": f"bench{uid}."},
                         require_keys=False)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _events(run: str, members: int, contacts: int) -> list[Event]:
    met = _iso(clock.now() - timedelta(days=3))
    out = []
    for i in range(members):
        m = f"{run}-m{i:04d}"
        out.append(new_event("account.member_joined", org_id="org-bench", member_id=m, source="bench",
                             data={"member_id": m, "display_name": f"Member {i}", "email": f"{m}@example.org",
                                   "timezone": "Europe/Berlin"}))
        out.append(new_event("plan.updated", org_id="org-bench", member_id=m, source="bench",
                             data={"version": 1, "style": "extrovert", "weekly_budget": 8, "follow_up_days": 2,
                                   "max_nudges_per_day": 20, "timezone": "Europe/Berlin"}))
        for j in range(contacts):
            out.append(_contact(m, f"{m}-c{j}", met))
    return out


def _seed_members(database, count: int) -> None:
    """Members the workers already know (a read model and a clock each), none of them due."""
    met = clock.now() - timedelta(days=30)
    for start in range(0, count, 1000):
        members = [f"bg-m{i:05d}" for i in range(start, min(count, start + 1000))]
        database["nudge_read_model"].insert_many([
            {"_id": f"org-bench-bg|{m}", "org_id": "org-bench-bg", "member_id": m,
             "a": {"contact": {f"{m}-c{j}": {"i": f"{m}-c{j}", "v": 1, "d": False,
                                             "s": {"display_name": f"Person {j}", "met_at": met}}
                               for j in range(3)}},
             "t": {"contact": {f"{m}-c{j}": met for j in range(3)}}} for m in members])
        database["nudge_members"].insert_many([
            {"_id": f"org-bench-bg|{m}", "org_id": "org-bench-bg", "member_id": m, "seq": 1,
             "partition": partition_for(m, topics.PARTITIONS), "next_eval_at": FAR_FUTURE,
             "slot": slot(partition_for(m, topics.PARTITIONS), FAR_FUTURE)} for m in members])


def _contact(member: str, cid: str, met: str) -> Event:
    return new_event("contact.created", org_id="org-bench", member_id=member, source="bench",
                     data={"contact_id": cid, "version": 1, "display_name": f"Person {cid}", "met_at": met})


def _topic(settings: Settings, e: Event) -> str:
    service = {"account": "accounts", "plan": "goals"}.get(e.type.split(".")[0], "contacts")
    return settings.topic(SERVICE_TOPICS[service])


def _produce(settings: Settings, events: list[Event], per_second: float | None = None) -> list[Event]:
    """Send events (stamping `occurred_at` at send time); returns them as sent."""
    producer = kafka.producer(settings, "bench-producer")
    sent, futures = [], []
    started = time.perf_counter()
    for n, e in enumerate(events):
        if per_second:
            time.sleep(max(0.0, started + n / per_second - time.perf_counter()))
        e = Event(**{**e.to_dict(), "occurred_at": _iso(clock.now())})
        futures.append(producer.send(_topic(settings, e), key=e.key.encode(), value=e.to_bytes()))
        sent.append(e)
    producer.flush(60)
    for f in futures:
        f.get(60)
    producer.close()
    return sent


class _Workers:
    def __init__(self, settings: Settings, n: int, group: str, logdir: Path):
        env = {**os.environ, "MONGO_URI": settings.mongo_uri, "MONGO_DB": settings.mongo_db,
               "KAFKA_BOOTSTRAP": settings.kafka_bootstrap, "RAPPORT_TOPIC_PREFIX": settings.topic_prefix,
               "RAPPORT_LOG_LEVEL": "WARNING", "NUDGES_CONSUMER_GROUP": group}
        self.procs = [subprocess.Popen([sys.executable, "-m", "services.nudges.worker"], cwd=ROOT, env=env,
                                       stdout=open(logdir / f"worker-{group}-{i}.log", "wb"),
                                       stderr=subprocess.STDOUT, start_new_session=True) for i in range(n)]

    def stop(self) -> None:
        stop_groups(self.procs)


def _stable(settings: Settings, group: str, n: int) -> bool:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        info = admin.describe_groups([settings.topic(group)]).get(settings.topic(group)) or {}
        return info.get("group_state") == "Stable" and len(info.get("members") or []) == n
    finally:
        admin.close()


def _caught_up(settings: Settings, group: str) -> bool:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        parts = [TopicPartition(settings.topic(SERVICE_TOPICS[s]), p) for s in CONSUMED
                 for p in consumer.partitions_for_topic(settings.topic(SERVICE_TOPICS[s])) or ()]
        ends = consumer.end_offsets(parts)
        gid = settings.topic(group)
        committed = admin.list_group_offsets({gid: None}).get(gid) or {}
        return all(ends[tp] == 0 or (tp in committed and committed[tp].offset >= ends[tp]) for tp in parts)
    finally:
        consumer.close()
        admin.close()


def _wait(predicate, timeout: float, what: str, progress=None) -> None:
    deadline = time.monotonic() + timeout
    last = time.monotonic()
    while time.monotonic() < deadline:
        if predicate():
            return
        if progress is not None and time.monotonic() - last > 10:
            last = time.monotonic()
            print(f"  … {what}: {progress()}", file=sys.stderr, flush=True)
        time.sleep(0.05)
    raise RuntimeError(f"bench: timed out waiting for {what}")


def _latencies(nudges, sent: list[Event]) -> list[float]:
    at = {e.data["contact_id"]: datetime.fromisoformat(e.occurred_at.replace("Z", "+00:00"))
          for e in sent if e.type == "contact.created"}
    out = []
    for d in nudges.find({"contact_id": {"$in": list(at)}}, {"contact_id": 1, "created_at": 1}):
        created = d["created_at"] if d["created_at"].tzinfo else d["created_at"].replace(tzinfo=timezone.utc)
        out.append((created - at[d["contact_id"]]).total_seconds() * 1000)
    return out


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _raw_ceiling(settings: Settings, expected: int, rounds: int = 5) -> float:
    """kafka-python alone, reading the same messages from the start (no group, no database)."""
    rates = []
    for _ in range(rounds):
        consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None,
                                 enable_auto_commit=False, max_poll_records=500)
        parts = [TopicPartition(settings.topic(SERVICE_TOPICS[s]), p) for s in CONSUMED
                 for p in consumer.partitions_for_topic(settings.topic(SERVICE_TOPICS[s])) or ()]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        seen, started = 0, time.perf_counter()
        while seen < expected:
            for records in consumer.poll(timeout_ms=500).values():
                seen += len(records)
        rates.append(seen / (time.perf_counter() - started))
        consumer.close()
    return statistics.median(rates)


def run(servers) -> str:
    load_before = os.getloadavg()[0]
    rows, ceiling, logdir = [], None, Path(tempfile.mkdtemp(prefix="bench-nudges-"))
    expected_per_run = MEMBERS * CONTACTS_PER_MEMBER
    for n in WORKER_COUNTS:
        settings = _settings(servers)
        topics.ensure(settings)
        wait_for_topics(settings, [settings.topic(SERVICE_TOPICS[s]) for s in CONSUMED], timeout=60)
        client = MongoClient(settings.mongo_uri, tz_aware=True)
        nudges = client[settings.mongo_db]["nudges"]
        _seed_members(client[settings.mongo_db], BACKGROUND_MEMBERS)
        group = f"bench-{n}"
        workers = _Workers(settings, n, group, logdir)
        try:
            _wait(lambda: _stable(settings, group, n), 120, f"{n} workers to join")
            run_id = uuid.uuid4().hex[:6]
            events = _events(run_id, MEMBERS, CONTACTS_PER_MEMBER)
            started = time.perf_counter()
            sent = _produce(settings, events)
            _wait(lambda: nudges.count_documents({}) >= expected_per_run, 900, "every nudge of the burst",
                  progress=lambda: f"{nudges.count_documents({})} of {expected_per_run}")
            _wait(lambda: _caught_up(settings, group), 120, "every offset committed")
            elapsed = time.perf_counter() - started
            burst = _latencies(nudges, sent)

            trickle_members = [f"{run_id}-m{i:04d}" for i in range(TRICKLE)]
            met = _iso(clock.now() - timedelta(days=3))
            paced = _produce(settings, [_contact(m, f"{m}-t", met) for m in trickle_members], TRICKLE_PER_SECOND)
            _wait(lambda: nudges.count_documents({}) >= expected_per_run + TRICKLE, 300, "every trickle nudge",
                  progress=lambda: f"{nudges.count_documents({}) - expected_per_run} of {TRICKLE}")
            trickle = _latencies(nudges, paced)
            if ceiling is None:
                ceiling = _raw_ceiling(settings, len(events))
        finally:
            workers.stop()
            client.drop_database(settings.mongo_db)
            client.close()
        rows.append([n, len(events), f"{elapsed:.1f}", round(len(events) / elapsed, 1),
                     round(_pct(burst, 0.5)), round(_pct(burst, 0.95)),
                     round(_pct(trickle, 0.5)), round(_pct(trickle, 0.95))])
    report = table(["workers", "events", "seconds", "events/s", "burst p50 ms", "burst p95 ms",
                    f"paced ({TRICKLE_PER_SECOND}/s) p50 ms", "paced p95 ms"], rows)
    report += "\n\n" + table(["ceiling", "messages/s"],
                             [["raw kafka-python consume, same messages, no group, no database", round(ceiling, 1)]])
    report += (f"\n\nEach run: {BACKGROUND_MEMBERS:,} members already known (read model and clock, not due); "
               f"{MEMBERS} members × (joined, plan, {CONTACTS_PER_MEMBER} contacts met three days ago) "
               f"= {MEMBERS * (2 + CONTACTS_PER_MEMBER)} events on 12-partition topics, "
               f"{expected_per_run} follow-up nudges; then {TRICKLE} contacts paced at {TRICKLE_PER_SECOND}/s. "
               f"Workers, Kafka and the database share this machine's {os.cpu_count()} CPUs "
               f"(load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after).")
    return report
