"""What the nudge workers do with each event they consume."""
from __future__ import annotations

import logging
from datetime import datetime

from shared.db import Scope
from shared.events import Event, read_data

from . import rules, service

log = logging.getLogger(__name__)


def on_contact_created(event: Event, data: dict) -> None:
    met_at: datetime = data.get("met_at") or datetime.fromisoformat(event.occurred_at.replace("Z", "+00:00"))
    suggestion = rules.follow_up_after_meeting(data, met_at)
    service.store_suggestion(Scope(event.org_id, event.member_id), suggestion, event.id, event.correlation_id)


HANDLERS = {
    "contact.created": on_contact_created,
}


def handle(event: Event) -> None:
    """Dispatch one event; unknown types (and ones without a member) are skipped."""
    handler = HANDLERS.get(event.type)
    if handler is None or not event.member_id:
        return
    data = read_data(event)
    if data is None:
        return
    handler(event, data)
