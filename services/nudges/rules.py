"""Nudge rules: small pure functions from facts to suggestions, each with its `why`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DEFAULT_FOLLOW_UP_DAYS = 2
DEFAULT_WORKING_HOURS = (time(9, 0), time(17, 0))


@dataclass(frozen=True)
class Suggestion:
    kind: str
    rule: str
    sentence: str
    priority: int
    due_at: datetime
    contact_id: str | None = None
    goal_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def why(self) -> dict[str, Any]:
        return {"rule": self.rule, "data": self.data}


def within_working_hours(moment: datetime, tz: str = "UTC",
                         hours: tuple[time, time] = DEFAULT_WORKING_HOURS) -> datetime:
    """The first moment at or after `moment` that falls in the member's working hours on a
    weekday, in their time zone (never 3 a.m.). Returns an aware datetime in UTC."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    start, end = hours
    for _ in range(8):
        if local.weekday() < 5:
            if local.time() < start:
                local = local.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
            if local.time() < end:
                return local.astimezone(ZoneInfo("UTC"))
        local = (local + timedelta(days=1)).replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    raise AssertionError("a week always has a working day")


def follow_up_after_meeting(contact: dict[str, Any], met_at: datetime, tz: str = "UTC",
                            days: int = DEFAULT_FOLLOW_UP_DAYS) -> Suggestion:
    """Someone was just captured: follow up while the conversation is fresh."""
    name = contact["display_name"]
    where = f" at {contact['gathering_name']}" if contact.get("gathering_name") else ""
    return Suggestion(
        kind="follow_up", rule="follow_up_after_meeting", priority=2, contact_id=contact["contact_id"],
        sentence=f"Follow up with {name}: you met{where} {days} day{'s' if days != 1 else ''} ago.",
        due_at=within_working_hours(met_at + timedelta(days=days), tz),
        data={"met_at": met_at.isoformat(), "follow_up_days": days, "gathering_id": contact.get("gathering_id")},
    )
