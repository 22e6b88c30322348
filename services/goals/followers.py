"""What the goals service does with other services' events: erase an erased member's data."""
from __future__ import annotations

from shared.db import Scope, Scoped
from shared.events import Event, read_data

from .adapters.documents import Goal, Plan

TOPICS = ["rapport.accounts.v1"]


def erase_member(scope: Scope) -> None:
    """Hard delete: pending events of erased data are dropped with it."""
    for document in (Goal, Plan):
        Scoped(document._get_collection(), scope).delete_many({})


def handle(event: Event) -> None:
    if event.type == "account.member_erased" and read_data(event) is not None and event.member_id:
        erase_member(Scope(event.org_id, event.member_id))
