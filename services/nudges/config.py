"""The nudges service's own settings (API and workers), declared as knobs on `shared.settings`
and validated at start-up: every bad value is reported by name, all at once (`SettingsError`),
none clamped. README, "Workers: how they scale", lists them.

| variable | default | bounds | meaning |
|---|---|---|---|
| NUDGES_CONSUMER_GROUP | `rapport-nudge-workers` | a name | the workers' consumer group |
| NUDGES_SESSION_TIMEOUT_MS | 10000 | 6000–300000 | how soon a dead worker's partitions move |
| NUDGES_MAX_POLL_RECORDS | 200 | 1–10000 | events per poll |
| NUDGES_MAX_POLL_INTERVAL_MS | 300000 | 1000–3600000 | Kafka's `max_poll_interval_ms` |
| NUDGES_EVAL_LEASE_SECONDS | 30 | 2–3600 | how long one member's evaluation may hold them |
| NUDGES_EVAL_BATCH | 200 | 1–10000 | due members fetched per query |
| NUDGES_PARTITIONS | 12 | 1–10000 | the topics' partition count (member → partition) |
| NUDGES_METRICS_PORT | 0 (off) | 0–65535 | a worker's Prometheus port |
| NUDGES_SYNC_LAG_MS | 2000 | 0–60000 | how recent a change a pull holds back (API) |
| NUDGES_SYNC_RECEIPTS | 2000 | 128–1000000 | push receipts kept per device (API) |
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from shared.consumer import DEFAULT_MAX_POLL_INTERVAL_MS
from shared.settings import Int, Settings, read_knobs
from shared.topics import PARTITIONS

GROUP = "rapport-nudge-workers"

KNOBS = {
    "session_timeout_ms": Int(10_000, 6_000, 300_000),
    "max_poll_records": Int(200, 1, 10_000),
    "max_poll_interval_ms": Int(DEFAULT_MAX_POLL_INTERVAL_MS, 1_000, 3_600_000),
    "eval_lease_seconds": Int(30, 2, 3600),
    "eval_batch": Int(200, 1, 10_000),
    "partitions": Int(PARTITIONS, 1, 10_000),
    "metrics_port": Int(0, 0, 65535),
    "sync_lag_ms": Int(2000, 0, 60_000),
    "sync_receipts": Int(2000, 128, 1_000_000),
}


@dataclass(frozen=True)
class NudgesConfig:
    consumer_group: str = GROUP
    session_timeout_ms: int = 10_000
    max_poll_records: int = 200
    max_poll_interval_ms: int = DEFAULT_MAX_POLL_INTERVAL_MS
    eval_lease_seconds: int = 30
    eval_batch: int = 200
    partitions: int = PARTITIONS
    metrics_port: int = 0
    sync_lag_ms: int = 2000
    sync_receipts: int = 2000

    @classmethod
    def from_settings(cls, settings: Settings) -> "NudgesConfig":
        """The NUDGES_* variables of `settings.extra`; `SettingsError` naming every bad one."""
        values = read_knobs(settings.extra, "NUDGES_", KNOBS)
        return cls(consumer_group=settings.extra.get("NUDGES_CONSUMER_GROUP") or GROUP, **values)

    @property
    def eval_lease(self) -> timedelta:
        return timedelta(seconds=self.eval_lease_seconds)

    @property
    def sync_lag(self) -> timedelta:
        return timedelta(milliseconds=self.sync_lag_ms)
