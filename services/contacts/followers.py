"""What the contacts service does with other services' events: erase an erased member's
contacts, interactions, gatherings, sync state and import jobs; record the interaction a
member logged when marking a nudge done. Between polls, the followers also run queued import
jobs (imports.py)."""
from __future__ import annotations

import logging
import uuid

from shared import db
from shared.db import Scope
from shared.events import Event, read_data

from . import imports, service
from .adapters.documents import ALL_DOCUMENTS

log = logging.getLogger(__name__)

TOPICS = ["rapport.accounts.v1", "rapport.nudges.v1"]
IMPORT_SECONDS_PER_POLL = 5.0  # short enough to keep polling Kafka well inside its limits
RUNNER = f"imports-{uuid.uuid4().hex[:12]}"


def handle(event: Event) -> None:
    if not event.member_id or event.type not in ("account.member_erased", "nudge.completed"):
        return
    data = read_data(event)
    if data is None:
        return
    scope = Scope(event.org_id, event.member_id)
    if event.type == "account.member_erased":
        db.erase(ALL_DOCUMENTS, scope)
    elif data.get("interaction"):
        service.log_completed_nudge(scope, event.data["interaction"], event.correlation_id)


def after_poll(assignment) -> None:
    try:
        imports.work(RUNNER, IMPORT_SECONDS_PER_POLL)
    except Exception:  # the database is away: the job keeps its lease and resumes later
        log.exception("import runner round failed")
