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

from ..clock import UTC
from ..clock import instant_or_none as parse_instant

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


@dataclass(frozen=True)
class _Aggregate:
    """How the events of a kind of record read: the field naming the record, the actions that
    upsert it, and per deleting action the fields its tombstone keeps (none: no state)."""

    id_field: str
    upserts: tuple[str, ...]
    tombstones: dict[str, tuple[str, ...]]
    stamped: bool = False  # the state keeps when this version happened (`changed_at`)


_AGGREGATES = {
    "contact": _Aggregate("contact_id", ("created", "updated"), {"deleted": (), "merged": ("merged_into",)}),
    "interaction": _Aggregate("interaction_id", ("logged", "updated"), {"deleted": ("contact_id",)}),
    "gathering": _Aggregate("gathering_id", ("created", "updated"), {"deleted": ()}),
    "goal": _Aggregate("goal_id", ("created", "updated"), {"deleted": ()}),
    # the outcomes of nudges (done, dismissed and why, snoozed), for the plan that learns
    "nudge": _Aggregate("nudge_id", ("created", "updated"), {}, stamped=True),
}


def changes_for(event_type: str, data: dict[str, Any], raw: dict[str, Any], occurred_at: datetime
                ) -> list[Change | Erase]:
    """The read-model changes of one event. `data` is the contract-read payload; `raw` the
    payload as sent (extra fields newer producers add, e.g. a plan's `offers`, are read
    from it leniently)."""
    family, _, action = event_type.partition(".")
    if family in _AGGREGATES:
        return _record_changes(family, action, data, occurred_at)
    if event_type == "plan.updated":
        return [_plan_change(data, raw, occurred_at)]
    if event_type == "account.member_joined":
        return [_profile_change(data, raw, occurred_at)]
    if event_type == "account.member_left":
        return [Change("left", "left", ONCE, {"left_at": _plain(data.get("left_at"))}, False, occurred_at)]
    if event_type == "account.member_erased":
        return [Erase()]
    return []


def _record_changes(kind: str, action: str, data: dict[str, Any], occurred_at: datetime) -> list[Change | Erase]:
    """A contact, interaction, gathering or goal event: its record upserted with the payload
    as state, or left as a tombstone."""
    agg = _AGGREGATES[kind]
    rid, v = data[agg.id_field], _version(data)
    if action in agg.upserts:
        state = _plain({k: val for k, val in data.items() if k not in ("version", agg.id_field)})
        if agg.stamped:
            state["changed_at"] = occurred_at
        return [Change(kind, rid, v, state, False, occurred_at)]
    if action in agg.tombstones:
        kept = agg.tombstones[action]
        return [Change(kind, rid, v, {k: data[k] for k in kept} if kept else None, True, occurred_at)]
    return []


def _plan_change(data: dict[str, Any], raw: dict[str, Any], occurred_at: datetime) -> Change:
    """The plan's record, in force since the event happened."""
    state = _plain({k: val for k, val in data.items() if k != "version"})
    if "timezone" not in raw:
        state.pop("timezone", None)  # not given: the member's account zone applies
    if isinstance(raw.get("working_hours"), dict):
        state["working_hours"] = _plain(raw["working_hours"])  # `days` is read leniently
    if isinstance(raw.get("offers"), list):
        state["offers"] = [o for o in raw["offers"] if isinstance(o, str)]
    state[IN_FORCE_SINCE] = occurred_at
    return Change("plan", "plan", _version(data), state, False, occurred_at)


def _profile_change(data: dict[str, Any], raw: dict[str, Any], occurred_at: datetime) -> Change:
    """The member's profile as they joined (once per member)."""
    state = {"timezone": data.get("timezone"), "display_name": data.get("display_name"),
             IN_FORCE_SINCE: occurred_at}
    if isinstance(raw.get("offers"), list):
        state["offers"] = [o for o in raw["offers"] if isinstance(o, str)]
    return Change("profile", "profile", ONCE, state, False, occurred_at)


# The member's network (contacts, interactions, gatherings) and account facts: what every read
# model of a member learns.
_NETWORK = (
    "contact.created", "contact.updated", "contact.deleted", "contact.merged",
    "interaction.logged", "interaction.updated", "interaction.deleted",
    "gathering.created", "gathering.updated", "gathering.deleted",
)
_ACCOUNT = ("account.member_joined", "account.member_left", "account.member_erased")

# What the nudge workers' read model learns: the network, the member's goals and plan, the account.
HANDLED_TYPES = (*_NETWORK, "goal.created", "goal.updated", "goal.deleted", "plan.updated", *_ACCOUNT)

# What the goals service's read model learns (its follower): the network, the nudges' outcomes,
# the account. Its own goals and plan it has in its own documents.
NETWORK_TYPES = (*_NETWORK, "nudge.created", "nudge.updated", *_ACCOUNT)


def event_time(occurred_at: str) -> datetime:
    return parse_instant(occurred_at) or EPOCH
