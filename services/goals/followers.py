"""What the goals service does with other services' events: learn the member's network (its own
read model: contacts, interactions, gatherings, the outcomes of nudges — never another service's
database), shut out a member who left or was erased (shared.revocation), erase an erased member's
data, and forget a revoked device's sync receipts. Between polls it keeps the strategy up
(service_layer/upkeep.py: the plan learns, objectives move on) and erases again whatever a
request that raced past the revocation check wrote after an erasure.

The read model moves each aggregate forward by version only (shared.readmodel), so a repeated or
replayed event changes nothing and a replay from the earliest offset rebuilds the same network.
"""
from __future__ import annotations

import functools

from shared import db, revocation, syncing
from shared.db import Scope
from shared.events import Event, read_data
from shared.readmodel import MongoReadModel
from shared.strategy.projection import NETWORK_TYPES, Change, changes_for, event_time

from .adapters.documents import ALL_DOCUMENTS, NetworkRecord, GoalSyncReceipt
from .adapters.network import MongoNetwork
from .adapters.objectives import MongoObjectiveStore
from .adapters.store import MongoGoalStore
from .adapters.suggestions import MongoSuggestionStore
from .service_layer.objectives import Objectives
from .service_layer.planning import Planning
from .service_layer.sync import RECEIPTS_PER_DEVICE
from .service_layer.upkeep import Upkeep

TOPICS = ["rapport.accounts.v1", "rapport.contacts.v1", "rapport.nudges.v1"]
DEVICE_REVOKED = "account.device_revoked"


def erase(scope: Scope) -> int:
    return db.erase(ALL_DOCUMENTS, scope)


@functools.cache
def upkeep() -> Upkeep:
    """Built at first use: the database is connected by then (shared.follower)."""
    store, network = MongoGoalStore(), MongoNetwork()
    return Upkeep(Planning(store, MongoSuggestionStore()), Objectives(MongoObjectiveStore(), store, network),
                  network, store.members_with_plans)


def _changes(event: Event) -> list[Change]:
    """What one event changes in the member's read model (read by its contract: a violation raises)."""
    if event.type not in NETWORK_TYPES or not event.member_id or event.type == "account.member_erased":
        return []
    data = read_data(event)
    if data is None:
        return []
    return [c for c in changes_for(event.type, data, event.data, event_time(event.occurred_at))
            if isinstance(c, Change)]


def _learn(scope: Scope, changes: list[Change]) -> int:
    """One guarded write of the member's read model; the member is kept up after the poll."""
    moved = MongoReadModel(NetworkRecord._get_collection()).apply_many(scope.org_id, scope.member_id, changes)
    if moved:
        upkeep().touch(scope)
    return moved


def _account(event: Event) -> None:
    """An accounts event's own effects: revocation (and erasure), a revoked device's receipts."""
    revocation.follow(event, erase)
    if event.type == DEVICE_REVOKED and event.member_id:
        data = read_data(event)
        if data is not None:
            syncing.Receipts(GoalSyncReceipt._get_collection(), Scope(event.org_id, event.member_id),
                             data["device_id"], RECEIPTS_PER_DEVICE).forget()


def handle_batch(events: list[Event]) -> None:
    """A poll's events in their order, with one read-model write per member: a member's changes
    are gathered and written together, and written before anything an accounts event of theirs
    does (a revocation, an erasure), so the outcome is the one event-by-event handling gives.
    Every effect is idempotent, so the runner needs no dedupe markers."""
    pending: dict[Scope, list[Change]] = {}
    for event in events:
        scope = Scope(event.org_id, event.member_id) if event.member_id else None
        if event.type.startswith("account."):
            if scope is not None and scope in pending:
                _learn(scope, pending.pop(scope))
            _account(event)
        changes = _changes(event)
        if changes and scope is not None:
            pending.setdefault(scope, []).extend(changes)
    for scope, changes in pending.items():
        _learn(scope, changes)


def handle(event: Event) -> None:
    handle_batch([event])


def after_poll(assignment) -> None:
    upkeep().tick()
    revocation.safe_sweep(erase)
