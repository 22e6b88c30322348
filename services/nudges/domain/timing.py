"""Time in the member's world: their time zone, working hours and working days.

A nudge is only ever due inside working hours on a working day, in the member's own zone
(never 3 a.m.). Day boundaries for the daily throttle are the member's local midnights.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.clock import instant_or_none as parse_instant  # noqa: F401  (the rules' name for it)

UTC = timezone.utc
DEFAULT_START = time(9, 0)
DEFAULT_END = time(17, 0)
WEEKDAYS = (1, 2, 3, 4, 5)  # ISO: Monday = 1 … Sunday = 7
_DAY_NAMES = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
_HHMM = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone, or UTC when the name is missing or unknown (read leniently)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return ZoneInfo("UTC")


def _clock(value: Any, default: time) -> time:
    if isinstance(value, str):
        m = _HHMM.match(value.strip())
        if m:
            hour, minute = int(m.group(1)), int(m.group(2))
            if hour == 24:
                return time(23, 59, 59)
            return time(hour, minute)
    return default


def _days(value: Any) -> tuple[int, ...]:
    if not isinstance(value, (list, tuple)):
        return WEEKDAYS
    out = set()
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 7:
            out.add(item)
        elif isinstance(item, str) and item.strip().lower()[:3] in _DAY_NAMES:
            out.add(_DAY_NAMES[item.strip().lower()[:3]])
    return tuple(sorted(out)) or WEEKDAYS


@dataclass(frozen=True)
class WorkingTime:
    """When a member wants to be nudged: a zone, daily hours, and the working days."""

    tz: str = "UTC"
    start: time = DEFAULT_START
    end: time = DEFAULT_END
    days: tuple[int, ...] = WEEKDAYS

    @classmethod
    def of(cls, tz: str | None, hours: Any = None) -> "WorkingTime":
        """Read leniently: `{"start": "09:00", "end": "17:00", "days": [1, 2, 3, 4, 5]}`."""
        hours = hours if isinstance(hours, dict) else {}
        start = _clock(hours.get("start"), DEFAULT_START)
        end = _clock(hours.get("end"), DEFAULT_END)
        if start >= end:
            start, end = DEFAULT_START, DEFAULT_END
        return cls(zone(tz).key, start, end, _days(hours.get("days")))

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.tz)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def day(self, moment: datetime) -> date:
        """The member's local calendar day of `moment`."""
        return self.local(moment).date()

    def at(self, day: date, clock: time) -> datetime:
        """A local wall-clock time on `day`, as UTC (a time in a DST gap moves forward)."""
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)

    def next_midnight(self, moment: datetime) -> datetime:
        """The start of the member's next local day, as UTC."""
        return self.at(self.day(moment) + timedelta(days=1), time(0, 0))

    def is_working(self, moment: datetime) -> bool:
        local = self.local(moment)
        return local.isoweekday() in self.days and self.start <= local.time() < self.end

    def due(self, moment: datetime) -> datetime:
        """The first moment at or after `moment` inside working hours on a working day (UTC)."""
        moment = moment.astimezone(UTC)
        day = self.day(moment)
        for _ in range(15):
            if day.isoweekday() in self.days:
                opens, closes = self.at(day, self.start), self.at(day, self.end)
                if moment < closes:
                    return max(moment, opens)
            day += timedelta(days=1)
        raise AssertionError("a working week always has a working day")  # pragma: no cover

    def week_start(self, moment: datetime) -> date:
        """Monday of the member's local week containing `moment`."""
        day = self.day(moment)
        return day - timedelta(days=day.isoweekday() - 1)


def within_working_hours(moment: datetime, tz: str = "UTC",
                         hours: tuple[time, time] = (DEFAULT_START, DEFAULT_END),
                         days: Iterable[int] = WEEKDAYS) -> datetime:
    """The first moment at or after `moment` in working hours on a working day, as UTC."""
    return WorkingTime(zone(tz).key, hours[0], hours[1], tuple(days)).due(moment)
