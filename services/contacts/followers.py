"""What the contacts service does with other services' events: erase an erased member's
contacts, interactions, gatherings, sync state and import jobs."""
from __future__ import annotations

from shared import db
from shared.db import Scope
from shared.events import Event, read_data

from .adapters.documents import ALL_DOCUMENTS

TOPICS = ["rapport.accounts.v1"]


def handle(event: Event) -> None:
    if event.type == "account.member_erased" and event.member_id and read_data(event) is not None:
        db.erase(ALL_DOCUMENTS, Scope(event.org_id, event.member_id))
