"""The one source of the current time for every service, worker, relay and follower.

Code never reads the wall clock itself: it calls `now()` (an aware UTC datetime) or
`timestamp()` (seconds since the epoch), or takes a `Clock` parameter whose default is
`now`. Time is therefore an input:

- `RAPPORT_CLOCK_OFFSET_SECONDS` (a float, default 0) shifts the clock of a process. The
  clock still advances at the real rate (leases, timeouts and waits keep working); every
  process given the same offset agrees on the time. The test harness uses it to run the
  whole suite at a chosen instant (`RAPPORT_TEST_NOW=2026-12-05T02:00:00Z make test`).
- `set_offset()` / `offset_to()` change it inside one process (tests).

It is also the one place instants are written as text: `rfc3339(value)` (UTC, milliseconds,
`Z`) is the format of every API answer, event envelope and payload, sync stamp and log line;
`parse_instant` reads it back.
"""
from __future__ import annotations

import os
import time as _time
from datetime import date, datetime, time, timezone
from typing import Any, Callable

UTC = timezone.utc
OFFSET_VARIABLE = "RAPPORT_CLOCK_OFFSET_SECONDS"

Clock = Callable[[], datetime]


def _offset_from_env() -> float:
    raw = os.environ.get(OFFSET_VARIABLE, "").strip()
    if not raw:
        return 0.0
    try:
        return float(raw)
    except ValueError:
        raise SystemExit(f"invalid settings:\n  {OFFSET_VARIABLE}: must be a number of seconds, got {raw!r}") from None


_offset = _offset_from_env()


def timestamp() -> float:
    """Seconds since the epoch, on the shifted clock."""
    return _time.time() + _offset


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.fromtimestamp(timestamp(), UTC)


def offset() -> float:
    return _offset


def set_offset(seconds: float) -> None:
    global _offset
    _offset = float(seconds)


def offset_to(instant: datetime) -> float:
    """The offset that makes the clock read `instant` right now."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.timestamp() - _time.time()


def rfc3339(value: datetime) -> str:
    """An instant as Rapport writes it: UTC, RFC 3339, milliseconds (the precision the store
    keeps), `Z` — `2026-12-05T02:00:00.000Z`. A naive value is UTC (the driver hands stored
    values back naive)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_instant(value: str) -> datetime:
    """An RFC 3339 instant (`2026-12-05T02:00:00Z`); a naive one is read as UTC."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def instant_or_none(value: Any) -> datetime | None:
    """An aware UTC datetime from a datetime, a date (its midnight UTC) or an RFC 3339 string;
    None for anything else: how read models read the instants of events, leniently."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
    return None

