"""What the contacts service does with other services' events: shut out a member who left or
was erased (shared.revocation) and erase an erased member's contacts, interactions,
gatherings, sync state and import jobs; keep the sync state of each device from the accounts
device events (registered: its name and client; revoked: marked, its receipts forgotten);
record the interaction a member logged when marking a nudge done (never for an erased
member). Between polls, the followers also run queued import jobs (service_layer/imports.py)
and erase again whatever raced in after an erasure."""
from __future__ import annotations

import logging
import uuid

from shared import db, revocation
from shared.db import Scope
from shared.events import Event, read_data

from .service_layer import devices, imports, records
from .adapters.documents import ALL_DOCUMENTS

log = logging.getLogger(__name__)

TOPICS = ["rapport.accounts.v1", "rapport.nudges.v1"]
IMPORT_SECONDS_PER_POLL = 5.0  # short enough to keep polling Kafka well inside its limits
RUNNER = f"imports-{uuid.uuid4().hex[:12]}"
HANDLED = (*devices.EVENTS, "nudge.completed")  # beside the revocations shared.revocation follows


def erase(scope: Scope) -> int:
    return db.erase(ALL_DOCUMENTS, scope)


def handle(event: Event) -> None:
    revocation.follow(event, erase)  # first, always: what shuts a member (or a device) out
    if not event.member_id or event.type not in HANDLED:
        return
    data = read_data(event)
    if data is None or (event.type == "nudge.completed" and not data.get("interaction")):
        return
    if revocation.revoked(event.org_id, event.member_id) == revocation.ERASED:
        return  # late news of an erased member: nothing more is stored about them
    scope = Scope(event.org_id, event.member_id)
    if event.type == devices.REGISTERED:
        devices.registered(scope, data)
    elif event.type == devices.REVOKED:
        devices.revoked(scope, data)
    else:
        records.log_completed_nudge(scope, event.data["interaction"], event.correlation_id)


def after_poll(assignment) -> None:
    try:
        imports.work(RUNNER, IMPORT_SECONDS_PER_POLL)
    except Exception:  # the database is away: the job keeps its lease and resumes later
        log.exception("import runner round failed")
    revocation.safe_sweep(erase)
