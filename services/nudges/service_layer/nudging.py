"""Use cases on nudges: what the API and mobile sync do, and the writes the workers share.

Every change is one compare-and-swap write of the nudge document that also records its
events (`nudge.created`, `nudge.updated`, `nudge.completed`) for the relay to publish on
`rapport.nudges.v1`; one that keeps losing its race ends as `Busy` (shared.retry). What goes
wrong is said with domain errors (shared.errors); time comes from the injected clock.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from shared import clock as clocks
from shared import pagination
from shared.clock import Clock, rfc3339
from shared.db import Scope
from shared.errors import Conflict, Invalid, not_found
from shared.events import Event, new_event

from shared.readmodel import ReadModel
from ..adapters.schedule import MemberSchedule
from ..adapters.store import NudgeStore, Planned
from ..domain.engine import SCRUBBED_SENTENCE, NewNudge, Withdrawal
from ..domain.lifecycle import TransitionError, plan_action
from ..domain.model import OPEN, build_view, completion_interaction_id
from ..domain.timing import UTC, WorkingTime

SOURCE = "rapport/nudges"
DEFAULT_STATUSES = ("pending", "snoozed", "done", "dismissed")

# -- documents and events ---------------------------------------------------------------------


def _dt(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    return rfc3339(value)


def nudge_state(doc: dict[str, Any]) -> dict[str, Any]:
    """The nudge as its events describe it (`shared/contracts/nudges.py`)."""
    return {"nudge_id": doc["_id"], "kind": doc["kind"], "rule": doc.get("rule"), "contact_id": doc.get("contact_id"),
            "goal_id": doc.get("goal_id"), "status": doc["status"], "due_at": _dt(doc["due_at"]),
            "priority": doc["priority"], "reason": doc.get("reason") or doc.get("withdrawn_reason"),
            "snoozed_until": _dt(doc.get("snoozed_until")), "version": doc.get("version")}


def nudge_event(type_: str, scope: Scope, data: dict[str, Any], *, correlation_id: str | None = None,
                causation_id: str | None = None) -> Event:
    return new_event(type_, org_id=scope.org_id, member_id=scope.member_id, data=data, source=SOURCE,
                     correlation_id=correlation_id, causation_id=causation_id)


def new_document(new: NewNudge, now: datetime) -> dict[str, Any]:
    s = new.suggestion
    return {"_id": new.id, "rule": s.rule, "kind": s.kind, "key": list(s.key), "contact_id": s.contact_id,
            "goal_id": s.goal_id, "contact_ids": list(s.contact_ids), "sentence": s.sentence, "why": s.why,
            "priority": s.priority, "due_at": new.due_at, "timezone": new.timezone, "issued_day": new.issued_day,
            "status": "pending", "status_version": 1, "created_at": now, "updated_at": now}


def after(doc: dict[str, Any], sets: dict[str, Any], unset: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    out = {**doc, **sets}
    for name in unset:
        out.pop(name, None)
    return out


def updated(scope: Scope, doc: dict[str, Any], sets: dict[str, Any], unset=(), *, now: datetime,
            correlation_id: str | None = None, extra_events: list[Event] | None = None,
            mutation: dict[str, Any] | None = None) -> Planned:
    """A planned change: the sets (with bookkeeping) and the `nudge.updated` event (and the
    sync mutation it answers, remembered in the same write)."""
    sets = {**sets, "updated_at": now}
    if "status" in sets and sets["status"] != doc.get("status"):
        sets["status_version"] = doc["version"] + 1
    state = nudge_state({**after(doc, sets, unset), "version": doc["version"] + 1})
    event = nudge_event("nudge.updated", scope, state, correlation_id=correlation_id)
    return Planned(sets, list(unset), [event, *(extra_events or [])], mutation)


def withdraw_change(scope: Scope, w: Withdrawal, now: datetime):
    def change(doc: dict[str, Any]):
        if doc.get("scrubbed") or (doc["status"] == "withdrawn" and not w.scrub):
            return None
        if doc["status"] not in OPEN and not w.scrub:
            return None
        sets: dict[str, Any] = {"status": "withdrawn", "withdrawn_reason": w.reason}
        if w.merged_into:
            sets["merged_into"] = w.merged_into
        if w.scrub:
            sets.update(sentence=SCRUBBED_SENTENCE, why={"rule": doc.get("rule"), "summary": "", "data": {}},
                        note=None, scrubbed=True)
        return updated(scope, doc, sets, ["snoozed_until"], now=now)
    return change


def retime_change(scope: Scope, r, now: datetime):
    def change(doc: dict[str, Any]):
        expected = "pending" if r.field == "due_at" else "snoozed"
        if doc["status"] != expected:
            return None
        return updated(scope, doc, {r.field: r.due_at, "issued_day": r.issued_day, "timezone": r.timezone}, now=now)
    return change


def wake_change(scope: Scope, now: datetime):
    def change(doc: dict[str, Any]):
        until = doc.get("snoozed_until")
        if doc["status"] != "snoozed" or until is None:
            return None
        until = until if until.tzinfo else until.replace(tzinfo=UTC)
        if until > now:
            return None
        return updated(scope, doc, {"status": "pending", "due_at": until}, ["snoozed_until"], now=now)
    return change


# -- the member's working time (for snoozes) -----------------------------------------------------


def working_time(read_model: ReadModel, scope: Scope) -> WorkingTime:
    records = [r for r in read_model.records(scope.org_id, scope.member_id) if r["kind"] in ("plan", "profile")]
    return build_view(scope.org_id, scope.member_id, records).working


# -- the API's use cases ------------------------------------------------------------------------------


class Nudges:
    """List and act on nudges (the API and mobile sync use these)."""

    def __init__(self, store: NudgeStore, schedule: MemberSchedule, read_model: ReadModel,
                 clock: Clock = clocks.now):
        self.store = store
        self.schedule = schedule
        self.read_model = read_model
        self.clock = clock

    def list(self, scope: Scope, *, limit: int, cursor: str | None, statuses: list[str] | None = None,
             kind: str | None = None, contact_id: str | None = None, goal_id: str | None = None,
             due_before: datetime | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """Nudges in due order (then id), filtered; the cursor is the last (due_at, id)."""
        query: dict[str, Any] = {"status": {"$in": list(statuses or DEFAULT_STATUSES)}}
        for name, value in (("kind", kind), ("contact_id", contact_id), ("goal_id", goal_id)):
            if value:
                query[name] = value
        if due_before is not None:
            query["due_at"] = {"$lt": due_before}
        after_key = pagination.decode_instant(cursor)
        if after_key is not None:
            due, after_id = after_key
            query = {"$and": [query, {"$or": [{"due_at": {"$gt": due}}, {"due_at": due, "_id": {"$gt": after_id}}]}]}
        docs = self.store.find(scope, query, [("due_at", 1), ("_id", 1)], limit + 1)
        next_cursor = None
        if len(docs) > limit:
            last = docs[limit - 1]
            next_cursor = pagination.encode_instant(last["due_at"], last["_id"])
        return docs[:limit], next_cursor

    def get(self, scope: Scope, nudge_id: str) -> dict[str, Any]:
        doc = self.store.get(scope, nudge_id)
        if doc is None:
            raise not_found("nudge")
        return doc

    def act(self, scope: Scope, nudge_id: str, action: str, *, reason: str | None = None, note: str | None = None,
            until: datetime | None = None, interaction: dict[str, Any] | None = None,
            correlation_id: str | None = None, mutation: dict[str, Any] | None = None,
            guard: Callable[[dict[str, Any]], None] | None = None) -> tuple[dict[str, Any], bool]:
        """Apply one lifecycle action. Returns (nudge, changed). `mutation` records a sync
        push's (device, mutation id) inside the same write, for exactly-once retries;
        `guard` may refuse the current document (sync raises its conflict from it)."""
        now = self.clock()
        working = working_time(self.read_model, scope)

        def change(doc: dict[str, Any]):
            if guard is not None:
                guard(doc)
            snoozed_until = doc.get("snoozed_until")
            if snoozed_until is not None and snoozed_until.tzinfo is None:
                snoozed_until = snoozed_until.replace(tzinfo=UTC)
            outcome = plan_action(doc["status"], action, now=now, working=working, reason=reason, note=note,
                                  until=until, snoozed_until=snoozed_until)
            if outcome.same:
                return None
            extra = []
            if action == "done":
                extra.append(self._completed(scope, doc, now, note, interaction, correlation_id))
            return updated(scope, doc, outcome.sets, outcome.unset, now=now, correlation_id=correlation_id,
                           extra_events=extra, mutation=dict(mutation) if mutation is not None else None)

        try:  # a race lost five times: Busy (503 write-conflict, shared.retry)
            doc, changed = self.store.change(scope, nudge_id, change)
        except TransitionError as exc:
            kind = Invalid if exc.slug == "validation-error" else Conflict
            raise kind(str(exc), slug=exc.slug) from None
        if doc is None:
            raise not_found("nudge")
        if changed:
            # feedback changes what the coach does next: look at this member again soon
            wake_at = doc.get("snoozed_until") if action == "snooze" else None
            self.schedule.wake(scope.org_id, scope.member_id, wake_at or now)
        return doc, changed

    def _completed(self, scope: Scope, doc: dict[str, Any], now: datetime, note: str | None,
                   interaction: dict[str, Any] | None, correlation_id: str | None) -> Event:
        logged = None
        if interaction is not None:
            if not doc.get("contact_id"):
                raise TransitionError("validation-error", "this nudge is about no contact; log no interaction")
            logged = {"interaction_id": completion_interaction_id(doc["_id"]),
                      "contact_id": doc["contact_id"], "kind": interaction["kind"],
                      "occurred_at": _dt(interaction.get("occurred_at") or now),
                      "note": interaction.get("note"), "direction": interaction.get("direction")}
        data = {"nudge_id": doc["_id"], "rule": doc.get("rule"), "kind": doc["kind"],
                "contact_id": doc.get("contact_id"), "goal_id": doc.get("goal_id"), "completed_at": _dt(now),
                "note": note, "interaction": logged}
        return nudge_event("nudge.completed", scope, data, correlation_id=correlation_id)


def local_due(doc: dict[str, Any]) -> str | None:
    """The due time in the member's own zone, with its offset (e.g. 2026-05-04T09:00:00+02:00)."""
    due = doc.get("snoozed_until") if doc.get("status") == "snoozed" else doc.get("due_at")
    if not isinstance(due, datetime):
        return None
    due = due if due.tzinfo else due.replace(tzinfo=UTC)
    return due.astimezone(WorkingTime.of(doc.get("timezone")).zone).isoformat(timespec="minutes")
