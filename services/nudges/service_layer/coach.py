"""What a nudge worker does: learn from events, then evaluate the rules for due members.

One event's path: `Projector.handle` reads the payload by its contract, turns it into
read-model changes (`shared.strategy.projection`), applies them (each moves its aggregate forward
by version or does nothing) and marks the member due. The workers hand over a partition's
whole poll at once (`Projector.handle_batch`): one read-model write and one mark per member.
The accounts device events change no read model: a revoked device's sync receipts are
forgotten (`account.device_revoked`).
After each poll, `Evaluator.tick` takes the due members of the partitions this worker owns,
one lease at a time, runs the rules (`domain.rules`), decides (`domain.engine`) and writes
nudges with their events.
"""
from __future__ import annotations

import logging
import time as _time
import uuid
from datetime import datetime, timedelta
from typing import Callable, Iterable, cast

from prometheus_client import Counter, Histogram

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Busy
from shared.events import Event, read_data

from shared.readmodel import ReadModel
from ..adapters.schedule import MemberSchedule, member_key
from ..adapters.store import NudgeStore
from ..domain.engine import FAR_FUTURE, Decision, decide, nudge_id
from ..domain.model import build_view
from shared.strategy.projection import HANDLED_TYPES, Change, Erase, changes_for, event_time
from ..domain.rules import suggest
from .nudging import new_document, nudge_event, nudge_state, retime_change, wake_change, withdraw_change
from .sync import TOMBSTONE_RETENTION  # devices may ask for withdrawn nudges this long

log = logging.getLogger(__name__)

MEMORY = timedelta(days=400)          # how far back feedback and done nudges count
PURGE_EVERY = timedelta(hours=6)
RETRY_FAILED_EVALUATION = timedelta(minutes=5)
RETRY_SOON = timedelta(seconds=1)

NUDGES_CREATED = Counter("rapport_nudges_created_total", "nudges created", ["rule"])
NUDGES_WITHDRAWN = Counter("rapport_nudges_withdrawn_total", "nudges withdrawn", ["reason"])
EVALUATIONS = Counter("rapport_nudge_evaluations_total", "member evaluations", ["outcome"])
EVALUATION_SECONDS = Histogram("rapport_nudge_evaluation_seconds", "time to evaluate one member")

Eraser = Callable[[Scope], object]
ForgetDevice = Callable[[Scope, str], object]
DEVICE_REVOKED = "account.device_revoked"
DEVICE_EVENTS = ("account.device_registered", DEVICE_REVOKED)


class Projector:
    """Events → read model; marks the member due for evaluation."""

    def __init__(self, read_model: ReadModel, schedule: MemberSchedule, eraser: Eraser, clock: Clock = clocks.now,
                 revoke: Callable[[Event], object] | None = None, forget_device: ForgetDevice | None = None):
        self.read_model = read_model
        self.schedule = schedule
        self.eraser = eraser
        self.clock = clock
        # records what shuts a member (or a device) out, for the API's token check (shared.revocation)
        self.revoke = revoke
        self.forget_device = forget_device  # a revoked device's sync receipts go (NudgeSync.forget_device)
        self.touched: dict[Scope, None] = {}  # marked due since `take_touched` (in order)

    def take_touched(self) -> list[Scope]:
        """The members marked due since the last call: the evaluator looks at them first."""
        touched, self.touched = list(self.touched), {}
        return touched

    def handle(self, event: Event) -> None:
        self.handle_batch([event])

    def handle_batch(self, events: list[Event]) -> None:
        """Events in their order. Every payload is read by its contract before anything is
        written (a violation raises: the runner then handles the events one by one, and the bad
        one is retried and dead-lettered); then per member one read-model write and one mark,
        or, for a member erased in this batch, each of their events on its own and in order."""
        planned: dict[Scope, list[tuple[Event, list[Change | Erase]]]] = {}
        devices: list[tuple[Event, Scope, str]] = []
        for event in events:
            if (event.type not in HANDLED_TYPES and event.type not in DEVICE_EVENTS) or not event.member_id:
                continue
            data = read_data(event)
            if data is None:
                continue
            scope = Scope(event.org_id, event.member_id)
            if event.type in DEVICE_EVENTS:
                devices.append((event, scope, data["device_id"]))
                continue
            changes = changes_for(event.type, data, event.data, event_time(event.occurred_at))
            planned.setdefault(scope, []).append((event, changes))
        for event, scope, device_id in devices:  # idempotent, in any order with the rest
            if self.revoke is not None:
                self.revoke(event)
            if event.type == DEVICE_REVOKED and self.forget_device is not None:
                self.forget_device(scope, device_id)
        for scope, items in planned.items():
            if self.revoke is not None:
                for event, _ in items:
                    self.revoke(event)  # before anything is erased: the API refuses the member from now on
            if any(isinstance(c, Erase) for _, changes in items for c in changes):
                for _, changes in items:
                    self._project(scope, changes)
            else:
                self._project(scope, [c for _, changes in items for c in changes])

    def _project(self, scope: Scope, changes: list[Change | Erase]) -> None:
        if any(isinstance(c, Erase) for c in changes):
            self.eraser(scope)
            self.schedule.mark_erased(scope.org_id, scope.member_id, self.clock())
            self.touched[scope] = None
            return
        if changes:
            self.read_model.apply_many(scope.org_id, scope.member_id, cast("list[Change]", changes))  # no Erase here
        # after the change: an evaluation that read the old state sees the new sequence
        clock = self.schedule.touch(scope.org_id, scope.member_id, self.clock())
        self.touched[scope] = None
        if clock.get("erased"):
            self.read_model.erase(scope.org_id, scope.member_id)  # a late event of an erased member


class Evaluator:
    """Due members of owned partitions → rules → nudges."""

    def __init__(self, read_model: ReadModel, schedule: MemberSchedule, store: NudgeStore, eraser: Eraser, *,
                 owner: str | None = None, lease: timedelta = timedelta(seconds=30), batch: int = 200,
                 budget_seconds: float = 2.0, sweep_every: float = 1.0, clock: Clock = clocks.now):
        self.read_model = read_model
        self.schedule = schedule
        self.store = store
        self.eraser = eraser
        self.owner = owner or f"worker-{uuid.uuid4().hex[:12]}"
        self.lease = lease
        self.batch = batch
        self.budget = budget_seconds
        self.clock = clock
        self.sweep_every = sweep_every
        self.evaluated = 0
        self._next_purge = 0.0
        self._next_sweep = 0.0

    def tick(self, partitions: Iterable[int], touched: Iterable[Scope] = ()) -> int:
        """Evaluate, within the time budget, the members just `touched` (the projector's last
        poll, in these partitions), then — at most every `sweep_every` seconds — the other due
        members of these partitions (time-based rules, the API's feedback). Returns how many."""
        partitions = set(partitions)
        if not partitions:
            return 0
        started = _time.monotonic()
        if started >= self._next_purge:  # tombstones older than devices may ask for
            self._next_purge = started + PURGE_EVERY.total_seconds()
            self.store.purge_tombstones(self.clock() - TOMBSTONE_RETENTION)
        count = 0
        for scope in touched:
            if _time.monotonic() - started >= self.budget:
                return count  # the rest are due: the sweep finds them
            count += self.run_one(scope.org_id, scope.member_id)
        if started < self._next_sweep:
            return count
        self._next_sweep = started + self.sweep_every
        while _time.monotonic() - started < self.budget:
            due = self.schedule.due(partitions, self.clock(), self.batch)
            if not due:
                break
            for member in due:
                if self.run_one(member["org_id"], member["member_id"]):
                    count += 1
                if _time.monotonic() - started >= self.budget:
                    break
            if len(due) < self.batch:
                break
        return count

    def run_one(self, org_id: str, member_id: str) -> bool:
        now = self.clock()
        key = member_key(org_id, member_id)
        claimed = self.schedule.claim(key, now, self.owner, self.lease)
        if claimed is None:
            return False  # someone else holds it, or it is no longer due
        scope = Scope(org_id, member_id)
        started = _time.perf_counter()
        try:
            if claimed.get("erased"):
                self.eraser(scope)
                next_at = FAR_FUTURE
            else:
                next_at = self.evaluate(scope, now).next_eval_at
            EVALUATIONS.labels("ok").inc()
        except Exception:  # one member's bad data must not stop the partition
            log.exception("evaluation failed", extra={"org_id": org_id, "member_id": member_id})
            EVALUATIONS.labels("failed").inc()
            next_at = now + RETRY_FAILED_EVALUATION
        EVALUATION_SECONDS.observe(_time.perf_counter() - started)
        self.schedule.release(key, self.owner, claimed.get("seq", 0), next_at, claimed["partition"])
        self.evaluated += 1
        return True

    def evaluate(self, scope: Scope, now: datetime) -> Decision:
        records = self.read_model.records(scope.org_id, scope.member_id)
        facts = self.store.facts(scope, now - MEMORY)
        view = build_view(scope.org_id, scope.member_id, records, facts)
        suggestions = suggest(view, now)
        known = {f.id for f in facts}
        ids = [nudge_id(scope.org_id, scope.member_id, s) for s in suggestions]
        existing = self.store.existing(scope, [i for i in ids if i not in known])
        decision = decide(view, suggestions, existing, now)
        for w in decision.withdraw:
            try:
                _, changed = self.store.change(scope, w.id, withdraw_change(scope, w, now))
            except Busy:  # lost its race five times: look again soon
                decision.next_eval_at = min(decision.next_eval_at, now + RETRY_SOON)
                continue
            if changed:
                NUDGES_WITHDRAWN.labels(w.reason).inc()
        for r in decision.retime:
            try:
                self.store.change(scope, r.id, retime_change(scope, r, now))
            except Busy:
                decision.next_eval_at = min(decision.next_eval_at, now + RETRY_SOON)
        for nid in decision.wake:
            try:
                self.store.change(scope, nid, wake_change(scope, now))
            except Busy:
                decision.next_eval_at = min(decision.next_eval_at, now + RETRY_SOON)
        created = []
        for new in decision.create:
            doc = new_document(new, now)
            created.append((doc, [nudge_event("nudge.created", scope, nudge_state({**doc, "version": 1}))]))
        for doc in self.store.insert_many(scope, created):
            NUDGES_CREATED.labels(doc["rule"]).inc()
        return decision


def make_eraser(read_model: ReadModel, store: NudgeStore, *others) -> Eraser:
    """Everything the nudges service holds about a member goes (account erased)."""

    def erase(scope: Scope) -> int:
        """Returns how many nudges, feeds and receipts were removed (the read model aside)."""
        read_model.erase(scope.org_id, scope.member_id)
        removed = store.erase(scope)
        for coll in others:
            removed += coll.delete_many({"org_id": scope.org_id, "member_id": scope.member_id}).deleted_count
        return removed
    return erase
