"""What an event changes in the member's read model, as data.

Every aggregate is stored as one record with its own `version`; a record only moves
forward (a stale or repeated event changes nothing), so events of different aggregates may
arrive in any relative order and a replay from the first offset gives the same state.
Deletions are kept as versioned tombstones so a late, older update cannot resurrect them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .timing import UTC, parse_instant

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the time of an event that says none

# Events that carry no version of their own (account facts happen once per member).
ONCE = 1
# In plan and profile records: when that version happened on the member's own timeline
IN_FORCE_SINCE = "in_force_since"


@dataclass(frozen=True)
class Change:
    """Upsert one aggregate's record if `version` is newer than the stored one."""

    kind: str
    agg_id: str
    version: int
    state: dict[str, Any] | None
    deleted: bool
    seen_at: datetime


@dataclass(frozen=True)
class Erase:
    """Forget everything about the member (account erased)."""


def _plain(value: Any) -> Any:
    """BSON-friendly values: dates as ISO strings, datetimes as aware UTC, containers copied."""
    if isinstance(value, datetime):
        return parse_instant(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _version(data: dict[str, Any]) -> int:
    value = data.get("version")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else ONCE


def changes_for(event_type: str, data: dict[str, Any], raw: dict[str, Any], occurred_at: datetime
                ) -> list[Change | Erase]:
    """The read-model changes of one event. `data` is the contract-read payload; `raw` the
    payload as sent (extra fields newer producers add, e.g. a plan's `offers`, are read
    from it leniently)."""
    family, _, action = event_type.partition(".")
    v = _version(data)
    if family == "contact":
        cid = data["contact_id"]
        if action in ("created", "updated"):
            state = _plain({k: val for k, val in data.items() if k not in ("version", "contact_id")})
            return [Change("contact", cid, v, state, False, occurred_at)]
        if action == "deleted":
            return [Change("contact", cid, v, None, True, occurred_at)]
        if action == "merged":
            return [Change("contact", cid, v, {"merged_into": data["merged_into"]}, True, occurred_at)]
    elif family == "interaction":
        iid = data["interaction_id"]
        if action in ("logged", "updated"):
            state = _plain({k: val for k, val in data.items() if k not in ("version", "interaction_id")})
            return [Change("interaction", iid, v, state, False, occurred_at)]
        if action == "deleted":
            return [Change("interaction", iid, v, {"contact_id": data["contact_id"]}, True, occurred_at)]
    elif family == "gathering":
        gid = data["gathering_id"]
        if action in ("created", "updated"):
            return [Change("gathering", gid, v, _plain({k: val for k, val in data.items()
                                                         if k not in ("version", "gathering_id")}), False, occurred_at)]
        if action == "deleted":
            return [Change("gathering", gid, v, None, True, occurred_at)]
    elif family == "goal":
        gid = data["goal_id"]
        if action in ("created", "updated"):
            return [Change("goal", gid, v, _plain({k: val for k, val in data.items()
                                                    if k not in ("version", "goal_id")}), False, occurred_at)]
        if action == "deleted":
            return [Change("goal", gid, v, None, True, occurred_at)]
    elif event_type == "plan.updated":
        state = _plain({k: val for k, val in data.items() if k != "version"})
        if "timezone" not in raw:
            state.pop("timezone", None)  # not given: the member's account zone applies
        if isinstance(raw.get("working_hours"), dict):
            state["working_hours"] = _plain(raw["working_hours"])  # `days` is read leniently
        if isinstance(raw.get("offers"), list):
            state["offers"] = [o for o in raw["offers"] if isinstance(o, str)]
        state[IN_FORCE_SINCE] = occurred_at
        return [Change("plan", "plan", v, state, False, occurred_at)]
    elif event_type == "account.member_joined":
        state = {"timezone": data.get("timezone"), "display_name": data.get("display_name"),
                 IN_FORCE_SINCE: occurred_at}
        if isinstance(raw.get("offers"), list):
            state["offers"] = [o for o in raw["offers"] if isinstance(o, str)]
        return [Change("profile", "profile", ONCE, state, False, occurred_at)]
    elif event_type == "account.member_left":
        return [Change("left", "left", ONCE, {"left_at": _plain(data.get("left_at"))}, False, occurred_at)]
    elif event_type == "account.member_erased":
        return [Erase()]
    return []


HANDLED_TYPES = (
    "contact.created", "contact.updated", "contact.deleted", "contact.merged",
    "interaction.logged", "interaction.updated", "interaction.deleted",
    "gathering.created", "gathering.updated", "gathering.deleted",
    "goal.created", "goal.updated", "goal.deleted", "plan.updated",
    "account.member_joined", "account.member_left", "account.member_erased",
)


def event_time(occurred_at: str) -> datetime:
    return parse_instant(occurred_at) or EPOCH
