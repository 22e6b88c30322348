"""What the goals service does with other services' events: shut out a member who left or
was erased (shared.revocation), erase an erased member's data, and between polls erase again
whatever a request that raced past the check wrote after that."""
from __future__ import annotations

from shared import db, revocation
from shared.db import Scope
from shared.events import Event

from .adapters.documents import ALL_DOCUMENTS

TOPICS = ["rapport.accounts.v1"]


def erase(scope: Scope) -> int:
    return db.erase(ALL_DOCUMENTS, scope)


def handle(event: Event) -> None:
    revocation.follow(event, erase)


def after_poll(assignment) -> None:
    revocation.safe_sweep(erase)
