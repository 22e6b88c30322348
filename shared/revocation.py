"""Access revocation: a member who left or was erased, or a device session that ended, is shut
out of every service.

Tokens are verified locally, so a token issued before `account.member_left`,
`account.member_erased` or `account.device_revoked` stays valid until it expires. Each service
therefore keeps what it learned from those events in its own database, in
`access_revocations`, and the authenticate step (`shared.auth.authenticate`) refuses such a
token with `401 /problems/access-revoked`:

- a member who left or was erased: one document per member, `_id` `<org>|<member>`, kept;
- a device session that ended (signed out, revoked by the member, a reused refresh token, the
  member gone): one document per device, `_id` `<org>|<member>|<device>`, with the event's
  reason and `expires_at` = `revoked_at` + the longest a device session's token is accepted
  (`RAPPORT_JWT_MAX_TTL_SECONDS`, which shared.auth enforces for every token with a `sid`) +
  the verifier's leeway. After that every token of that session has expired anyway, so the
  sweep deletes the entry (at most once a minute per process).

The followers of goals and contacts and the nudge workers call `record(event)` on each accounts
event, *before* they erase anything; the request path reads the member's document by `_id`,
and for a token of a device session (`sid`) the device's too, on every request (no cache: the
first request after the write is refused). Accounts needs no copy: it decides from its own documents
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
from .auth import ACCESS_TOKEN_SECONDS, LEEWAY_SECONDS
from .db import Scope
from .events import Event, read_data
from .guard import Guarded

log = logging.getLogger(__name__)

COLLECTION = "access_revocations"
LEFT, ERASED = "left", "erased"
EVENT_REASONS = {"account.member_left": LEFT, "account.member_erased": ERASED}
DEVICE_REVOKED = "account.device_revoked"
SWEEP_CHECK_SECONDS = 1.0  # how often one process looks for due sweeps
EXPIRY_CHECK_SECONDS = 60.0  # how often it deletes device revocations past their tokens' lifetime
SWEEP_BATCH = 100

Erase = Callable[[Scope], Any]

_config: dict[str, Any] = {"sweeps": (10.0, 60.0, 600.0), "device_seconds": ACCESS_TOKEN_SECONDS + LEEWAY_SECONDS}
_next_check = [0.0, 0.0]  # the next sweep, the next deletion of expired device revocations


def configure(settings) -> None:
    """Take the sweep schedule and how long a device revocation is kept from the settings, and
    declare the indexes sweeps use (once per follower or worker process, after `db.connect`)."""
    _config["sweeps"] = tuple(settings.revocation_sweep_seconds)
    _config["device_seconds"] = settings.jwt_max_ttl_seconds + LEEWAY_SECONDS
    _next_check[:] = [0.0, 0.0]
    collection().create_index("sweep_at")
    collection().create_index("expires_at")


def collection() -> Collection:
    return db.database()[COLLECTION]


def key(org_id: str, member_id: str) -> str:
    return f"{org_id}|{member_id}"


def device_key(org_id: str, member_id: str, device_id: str) -> str:
    return f"{org_id}|{member_id}|{device_id}"


# -- the request path ---------------------------------------------------------------------------

def revoked(org_id: str, member_id: str, device_id: str = "") -> str | None:
    """Why this member (`left`, `erased`), or else this device session of theirs (the
    `account.device_revoked` reason), is shut out of this service, or None: a read by `_id` of
    the member's document, then of the device's when a device is named and the member is not
    shut out. Two reads by `_id`, not one `_id: {$in: [...]}`: FerretDB answers only an `_id`
    equality from its index and scans the collection for an `$in` (measured on 1.24.2: 9 ms
    at 200 documents, 110 ms at 2,000, 490 ms at 10,000; the two reads 2-3 ms at every size).
    `shared.web.service_app` installs it as every service's check (accounts: its own)."""
    reason = _reason(key(org_id, member_id))
    if reason is None and device_id:
        reason = _reason(device_key(org_id, member_id, device_id))
    return reason


def _reason(_id: str) -> str | None:
    doc = transient.retry(lambda: collection().find_one({"_id": _id}, {"reason": 1}), read=True)
    return doc.get("reason") if doc else None


# -- followers and workers ----------------------------------------------------------------------

def record(event: Event) -> str | None:
    """Record what an `account.member_left|member_erased|device_revoked` event says
    (idempotent, and never downgrades `erased` to `left`); return the reason, or None for any
    other event."""
    if event.type == DEVICE_REVOKED:
        return _record_device(event)
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


def _record_device(event: Event) -> str | None:
    """A device session ended: its tokens are refused until they would have expired anyway."""
    data = read_data(event)
    if data is None or not event.member_id or not data.get("device_id"):
        return None
    reason = data["reason"] or "revoked"
    expires_at = data["revoked_at"] + timedelta(seconds=_config["device_seconds"])
    Guarded(collection()).update_one(
        {"_id": device_key(event.org_id, event.member_id, data["device_id"])},
        {"$set": {"org_id": event.org_id, "member_id": event.member_id, "device_id": data["device_id"],
                  "reason": reason, "revoked_at": data["revoked_at"]},
         "$max": {"expires_at": expires_at}, "$setOnInsert": {"recorded_at": clock.now()}},
        upsert=True)
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
    check is removed), at most once a second per process unless `force`, and delete the device
    revocations whose tokens have all expired (at most once a minute). Returns how many
    members were swept."""
    if not force and time.monotonic() < _next_check[0]:
        return 0
    _next_check[0] = time.monotonic() + SWEEP_CHECK_SECONDS
    now, sweeps, done = clock.now(), _config["sweeps"], 0
    coll = collection()
    if force or time.monotonic() >= _next_check[1]:
        _next_check[1] = time.monotonic() + EXPIRY_CHECK_SECONDS
        coll.delete_many({"expires_at": {"$lte": now}})
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
