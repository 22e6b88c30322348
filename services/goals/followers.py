"""What the goals service does with other services' events: learn the member's network (its own
read model: contacts, interactions, gatherings, the outcomes of nudges — never another service's
database), shut out a member who left or was erased (shared.revocation), erase an erased member's
data, and between polls erase again whatever a request that raced past the check wrote after that.

The read model moves each aggregate forward by version only (shared.readmodel), so a repeated or
replayed event changes nothing and a replay from the earliest offset rebuilds the same network.
"""
from __future__ import annotations

from shared import db, revocation
from shared.db import Scope
from shared.events import Event, read_data
from shared.readmodel import MongoReadModel
from shared.strategy.projection import NETWORK_TYPES, Change, changes_for, event_time

from .adapters.documents import ALL_DOCUMENTS, NetworkRecord

TOPICS = ["rapport.accounts.v1", "rapport.contacts.v1", "rapport.nudges.v1"]


def erase(scope: Scope) -> int:
    return db.erase(ALL_DOCUMENTS, scope)


def learn(event: Event) -> int:
    """Move the member's read model forward with one event; how many aggregates moved."""
    if event.type not in NETWORK_TYPES or not event.member_id or event.type == "account.member_erased":
        return 0
    data = read_data(event)
    if data is None:
        return 0
    changes = [c for c in changes_for(event.type, data, event.data, event_time(event.occurred_at))
               if isinstance(c, Change)]
    return MongoReadModel(NetworkRecord._get_collection()).apply_many(event.org_id, event.member_id, changes)


def handle(event: Event) -> None:
    revocation.follow(event, erase)
    learn(event)


def after_poll(assignment) -> None:
    revocation.safe_sweep(erase)
