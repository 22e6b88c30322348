"""Access revocation: a member who left or was erased is shut out of every service.

Tokens are verified locally, so a token issued before `account.member_left` or
`account.member_erased` stays valid until it expires. Each service therefore keeps what it
learned from those events in its own database, in `access_revocations` (one document per
member, `_id` `<org>|<member>`), and the authenticate step (`shared.auth.authenticate`)
refuses such a member with `401 /problems/access-revoked`:

- the followers of goals and contacts and the nudge workers call `record(event)` on each
  accounts event, *before* they erase anything; the request path reads that one document
  by `_id` on every request (no cache: the first request after the write is refused);
- accounts needs no copy: it decides from its own member documents
  (`services.accounts.service_layer.accounts.Accounts.revoked`), so it refuses as soon as its
  own write is done.

A request that passed the check just before the revocation was recorded may still write
after the erase. For an erased member the revocation therefore also carries a schedule of
sweeps (`RAPPORT_REVOCATION_SWEEP_SECONDS`, default 10, 60 and 600 seconds after it was
recorded); the followers' `after_poll` calls `sweep(erase)`, which erases the member again at
each of those times (counted from `erased_at`, when this service recorded the erasure) and
then forgets the schedule. So a write of any request that was already past the check when the
revocation was recorded, and ended within the last delay, is erased. The revocation itself is
kept: it holds no personal data (two ids, a reason and a time) and is what keeps the member out.
"""
from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any, Callable

from pymongo.collection import Collection

from . import clock, db, transient
from .db import Scope
from .events import Event, read_data
from .guard import Guarded

log = logging.getLogger(__name__)

COLLECTION = "access_revocations"
LEFT, ERASED = "left", "erased"
EVENT_REASONS = {"account.member_left": LEFT, "account.member_erased": ERASED}
SWEEP_CHECK_SECONDS = 1.0  # how often one process looks for due sweeps
SWEEP_BATCH = 100

Erase = Callable[[Scope], Any]

_config: dict[str, Any] = {"sweeps": (10.0, 60.0, 600.0)}
_next_check = [0.0]


def configure(settings) -> None:
    """Take the sweep schedule from the settings and declare the index sweeps use (once per
    follower or worker process, after `db.connect`)."""
    _config["sweeps"] = tuple(settings.revocation_sweep_seconds)
    _next_check[0] = 0.0
    collection().create_index("sweep_at")


def collection() -> Collection:
    return db.database()[COLLECTION]


def key(org_id: str, member_id: str) -> str:
    return f"{org_id}|{member_id}"


# -- the request path ---------------------------------------------------------------------------

def revoked(org_id: str, member_id: str) -> str | None:
    """Why this member is shut out of this service (`left` or `erased`), or None: one read by
    `_id`. `shared.web.service_app` installs it as every service's check (accounts: its own)."""
    doc = transient.retry(lambda: collection().find_one({"_id": key(org_id, member_id)}, {"reason": 1}), read=True)
    return doc["reason"] if doc else None


# -- followers and workers ----------------------------------------------------------------------

def record(event: Event) -> str | None:
    """Record what an `account.member_left|member_erased` event says (idempotent, and never
    downgrades `erased` to `left`); return the reason, or None for any other event."""
    reason = EVENT_REASONS.get(event.type)
    if reason is None or not event.member_id or read_data(event) is None:
        return None
    now = clock.now()
    base = {"org_id": event.org_id, "member_id": event.member_id}
    if reason == ERASED:
        update = {"$set": {**base, "reason": ERASED, "erased_at": now, "sweeps_done": 0,
                           "sweep_at": now + timedelta(seconds=_config["sweeps"][0])},
                  "$setOnInsert": {"recorded_at": now}}
    else:
        update = {"$setOnInsert": {**base, "reason": LEFT, "recorded_at": now}}
    Guarded(collection()).update_one({"_id": key(event.org_id, event.member_id)}, update, upsert=True)
    return reason


def follow(event: Event, erase: Erase) -> bool:
    """A follower's whole handling of the accounts events that shut a member out: record the
    revocation, then (erased) erase. True when the event was one of them."""
    reason = record(event)
    if reason == ERASED and event.member_id:  # (record answers None for an event without a member)
        erase(Scope(event.org_id, event.member_id))
    return reason is not None


def sweep(erase: Erase, *, force: bool = False) -> int:
    """Erase again the erased members whose next sweep is due (a write that raced past the
    check is removed); at most once a second per process unless `force`. Returns how many."""
    if not force and time.monotonic() < _next_check[0]:
        return 0
    _next_check[0] = time.monotonic() + SWEEP_CHECK_SECONDS
    now, sweeps, done = clock.now(), _config["sweeps"], 0
    coll = collection()
    due = list(coll.find({"sweep_at": {"$lte": now}}, {"org_id": 1, "member_id": 1, "sweep_at": 1,
                                                       "sweeps_done": 1, "erased_at": 1})
               .sort("sweep_at", 1).limit(SWEEP_BATCH))
    for doc in due:
        removed = erase(Scope(doc["org_id"], doc["member_id"]))
        if removed:
            log.warning("erased data written after erasure", extra={
                "org_id": doc["org_id"], "member_id": doc["member_id"], "removed": removed})
        step = int(doc.get("sweeps_done") or 0) + 1
        if step < len(sweeps) and doc.get("erased_at"):
            change = {"$set": {"sweep_at": doc["erased_at"] + timedelta(seconds=sweeps[step]), "sweeps_done": step}}
        else:
            change = {"$set": {"sweeps_done": step}, "$unset": {"sweep_at": ""}}
        # conditional on the sweep we did: a redelivered erasure meanwhile restarted the schedule
        Guarded(coll).update_one({"_id": doc["_id"], "sweep_at": doc["sweep_at"]}, change)
        done += 1
    return done


def safe_sweep(erase: Erase) -> None:
    """`sweep` for a follower's after_poll: a database hiccup is logged, the next round retries."""
    try:
        sweep(erase)
    except Exception:
        log.exception("revocation sweep failed")
