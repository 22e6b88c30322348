"""A nudge's lifecycle, as pure decisions shared by the API and mobile sync.

    pending ──done──▶ done            snoozed ──(its time)──▶ pending
       │  └─snooze─▶ snoozed ──done / dismiss / snooze again──▶ …
       └──dismiss──▶ dismissed        any open ──(reason gone)──▶ withdrawn (a tombstone)

Repeating an action that already happened is harmless (`same`); acting on a closed nudge
(done, dismissed, withdrawn) is refused with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .model import OPEN
from .timing import WorkingTime

ACTIONS = ("done", "snooze", "dismiss", "reopen")
TARGET = {"done": "done", "snooze": "snoozed", "dismiss": "dismissed", "reopen": "pending"}
MAX_SNOOZE = timedelta(days=180)


class TransitionError(ValueError):
    """The action does not apply to the nudge as it is now."""

    def __init__(self, slug: str, message: str):
        super().__init__(message)
        self.slug = slug


@dataclass(frozen=True)
class Outcome:
    status: str
    sets: dict[str, Any]
    unset: tuple[str, ...] = ()
    same: bool = False


def plan_action(status: str, action: str, *, now: datetime, working: WorkingTime,
                reason: str | None = None, note: str | None = None, until: datetime | None = None,
                snoozed_until: datetime | None = None) -> Outcome:
    """What an action does to a nudge now in `status`.

    Snoozing places the return in the member's working hours; `until` must lie ahead."""
    if action not in ACTIONS:
        raise TransitionError("invalid-action", f"unknown action {action!r}")
    target = TARGET[action]
    if status == "withdrawn":
        raise TransitionError("nudge-withdrawn", "this nudge was withdrawn: its reason no longer holds")
    if status == target and action in ("done", "dismiss", "reopen"):
        return Outcome(status, {}, same=True)
    if status not in OPEN:
        raise TransitionError("nudge-closed", f"this nudge is already {status}")
    if action == "reopen" and status != "snoozed":
        return Outcome(status, {}, same=True)
    sets: dict[str, Any] = {"status": target}
    unset: tuple[str, ...] = ()
    if action == "snooze":
        if until is None or until <= now:
            raise TransitionError("validation-error", "a snooze must end in the future")
        if until - now > MAX_SNOOZE:
            raise TransitionError("validation-error", f"a snooze lasts at most {MAX_SNOOZE.days} days")
        returns = working.due(until)
        if status == "snoozed" and snoozed_until == returns:
            return Outcome(status, {}, same=True)
        sets["snoozed_until"] = returns
    else:
        unset = ("snoozed_until",)
    if action == "reopen":
        sets["due_at"] = working.due(now)
    if reason is not None:
        sets["reason"] = reason
    if note is not None:
        sets["note"] = note
    return Outcome(target, sets, unset)
