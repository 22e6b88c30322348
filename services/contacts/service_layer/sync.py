"""Offline-first sync of contacts, interactions and gatherings: the scope `contacts`
(docs/sync-protocol.md).

Push: each mutation is validated and applied on its own, in order, and answered with
applied / duplicate / merged / conflict / rejected. A (device, mutation id) seen before
returns its first result and changes nothing: every record remembers the mutations that
wrote it with the version and status of that write, in the write itself (shared.syncing),
so a resend racing the first attempt, after a 5xx or older than the receipts answers
exactly what the first attempt answered; the device's receipts of its recent results spare
the lookup and cover the results that wrote nothing.

Pull: changes after an opaque cursor, in the member's change-log order (see
`adapters/changelog.py` for why a pull can neither miss nor repeat a change while others
write). A record is sent at the position of its latest version only, so across pages it
appears once per version; deletes and merges are tombstones, kept for the retention
period; an older cursor gets 410 `resync-required`.

A push names its device, and a pull may: it must be the device session the access token was
issued to (`shared.syncing.own_device`: 409 `device-not-registered` otherwise, nothing applied).

Here: the push and pull use cases. Applying one mutation is `pushing.Pusher`; the sync state
kept per device is `devices`; what a result looks like is `domain/results.py`; receipts and
devices in the store are `adapters/devices.py`; repairs and tombstone purges run by pulls are
`adapters/upkeep.py`.
"""
from __future__ import annotations

import base64
import json
import logging
from typing import Any

from marshmallow import ValidationError
from pymongo.errors import PyMongoError

from shared import clock, syncing, transient
from shared.db import Scope
from shared.errors import Conflict, Invalid

from ..adapters.changelog import ChangeLog
from ..adapters.devices import receipts as device_receipts
from ..adapters.store import NO_OUTBOX, Batch, collection
from ..adapters.upkeep import maintain
from ..config import ContactsConfig
from ..domain import duplicates
from ..domain.model import CONTACTS, COLLECTIONS
from ..domain.records import KINDS, FieldErrors, present, tombstone_view
from shared.contracts.sync import CONFLICT, DUPLICATE, MERGED, REJECTED

from ..domain.results import mutation_result, storable
from ..schemas import MutationIn
from .devices import synced
from .fields import clean
from .operations import duplicate_candidates
from .pushing import Pusher

log = logging.getLogger(__name__)


# -- push -----------------------------------------------------------------------------------

def _receipt(result: dict) -> dict:
    """What is kept of a first result: the mutation says which record, and the server record
    is read again when a retry asks."""
    return {k: storable(v) for k, v in result.items() if k not in ("mutation_id", "collection", "id", "record")}


_MUTATION = MutationIn()  # one instance: loading keeps no state in it


def _parse(raw: Any, index: int) -> tuple[dict | None, dict | None]:
    if not isinstance(raw, dict):
        return None, {"mutation_id": None, "collection": None, "id": None, "status": REJECTED, "reason": "invalid",
                      "errors": {"_schema": ["a mutation must be an object"]}}
    try:
        m = _MUTATION.load(raw)
    except ValidationError as exc:
        ident = {k: raw.get(k) if isinstance(raw.get(k), str) else None for k in ("mutation_id", "collection", "id")}
        return None, {**ident, "status": REJECTED, "reason": "invalid", "errors": exc.messages}
    m["_index"] = index
    return m, None


def push(scope: Scope, cfg: ContactsConfig, session_device: str, device_id: str, raw_mutations: list,
         correlation_id: str | None) -> list:
    """Apply a push of `device_id`, which must be `session_device`, the device the token was
    issued to."""
    if len(raw_mutations) > cfg.sync_max_mutations:
        raise Invalid(f"a push carries at most {cfg.sync_max_mutations} mutations; split the batch",
                      slug="payload-too-large", limit=cfg.sync_max_mutations, limit_name="mutations_per_push")
    syncing.own_device(session_device, device_id)
    parsed = [_parse(raw, i) for i, raw in enumerate(raw_mutations)]
    results: list[dict | None] = [r for _, r in parsed]
    mutations = [m for m, _ in parsed]
    receipt_book = device_receipts(scope, device_id, cfg.receipts_per_device)
    receipts = receipt_book.get({m["mutation_id"] for m in mutations if m})
    first_of: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for i, m in enumerate(mutations):
        if m is None:
            continue
        mid = m["mutation_id"]
        if mid in receipts:
            results[i] = {"mutation_id": mid, "collection": m["collection"], "id": m["id"],
                          **receipts[mid],
                          "status": DUPLICATE, "first_status": receipts[mid]["status"]}
        elif mid in first_of:
            repeats[i] = first_of[mid]
        else:
            first_of[mid] = i
    todo = [m for i, m in enumerate(mutations) if m is not None and results[i] is None and i not in repeats]

    with Batch(scope, correlation_id=correlation_id) as b:
        pusher = Pusher(b, device_id)
        for coll in COLLECTIONS:  # what the mutations edit or point at (captures are not looked up)
            ids = {k[1] for m in todo for k in pusher.touched(m) if k[0] == coll
                   and not (pusher.probably_new(m) and k == (m["collection"], m["id"]))}
            b.prefetch(coll, ids)
        new_contacts = [m for m in todo if m["collection"] == CONTACTS and pusher.probably_new(m)
                        and isinstance(m.get("fields_"), dict)]
        if new_contacts:
            for m in new_contacts:
                if (data := _lookup_fields(m["fields_"])):
                    pusher.cleaned[m["_index"]] = data
            pusher.candidates = duplicates.Index(duplicate_candidates(b, list(pusher.cleaned.values())))
        b.expect([(m["collection"], m["id"]) for m in todo])
        for m in todo:
            if m["op"] != "upsert" or pusher.touched(m) & set(b.buffer):
                _flush(b, pusher, mutations, results)
            results[m["_index"]] = pusher.apply(m)
        _flush(b, pusher, mutations, results)

    for i, first in repeats.items():
        original = results[first]
        assert original is not None, "a repeat's first occurrence was in `todo`: applied above"
        first_status = original.get("first_status", original["status"])
        repeat = {**original, "status": DUPLICATE, "first_status": first_status}
        repeat.pop("record", None)
        results[i] = repeat
    answered = _answered(results)
    _refresh_records(scope, answered)
    fresh = {r["mutation_id"]: _receipt(r) for m, r in zip(mutations, answered, strict=True)
             if m is not None and r["status"] != DUPLICATE and r.get("reason") != "server_error"}
    try:
        receipt_book.put(fresh)
        synced(scope, device_id, pushed=True)
    except (PyMongoError, transient.StoreUnavailable):
        # the mutations' effects are stored, each with its first result inside its record: a
        # resend is answered from there, so this push is answered too, not failed after the fact
        log.warning("could not keep a push's receipts; resends are answered from the records", exc_info=True)
    return answered


def _answered(results: list[dict | None]) -> list[dict]:
    """A push's results once every mutation has one: refused when read, a receipt's, applied,
    or its first occurrence's."""
    answered = [r for r in results if r is not None]
    assert len(answered) == len(results), "every mutation of a push is answered"
    return answered


def _lookup_fields(raw: dict) -> dict:
    """A new contact's fields validated (for its duplicate lookup, and then to create it), or {}
    when they are not valid (its own upsert then says why)."""
    try:
        return clean(KINDS[CONTACTS], raw)
    except FieldErrors:
        return {}


def _flush(b: Batch, pusher: Pusher, mutations: list, results: list) -> None:
    for key in b.flush():  # the id existed after all (a concurrent push, or another member's)
        index = pusher.created_by.pop(key)
        m = mutations[index]
        doc = b.get(key[0], key[1], fresh=True)
        if doc is None:
            results[index] = mutation_result(m, REJECTED, reason="not_found",
                                             errors={"id": ["this id is not available"]})
        else:
            results[index] = pusher.apply(m)


def _refresh_records(scope: Scope, results: list) -> None:
    """A duplicate of a conflict or merge carries the server record as it is now."""
    for r in results:
        if r["status"] == DUPLICATE and r.get("first_status") in (CONFLICT, MERGED) and r.get("id"):
            kind = KINDS[r["collection"]]
            doc = collection(kind.name, scope).find_one({"_id": r["id"]}, NO_OUTBOX)
            if doc is not None and not doc.get("deleted"):
                r["record"] = present(kind, doc, iso=True)


# -- pull -----------------------------------------------------------------------------------

def encode_cursor(seq: int, key: str) -> str:
    raw = json.dumps([1, seq, key[:8]], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, key: str) -> int:
    try:
        values = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
        ok = (isinstance(values, list) and len(values) == 3 and values[0] == 1 and isinstance(values[1], int)
              and values[1] >= 0 and values[2] == key[:8])
    except (ValueError, TypeError):
        ok = False
    if not ok:
        raise Invalid("the cursor is not one this API issued to this account", slug="invalid-cursor")
    return values[1]


def resync_required(detail: str) -> Conflict:
    return Conflict(detail + "; discard local data and pull again without a cursor", slug="resync-required")


def pull(scope: Scope, cfg: ContactsConfig, cursor: str | None, limit: int | None, session_device: str,
         device_id: str | None) -> dict:
    """A page of changes after `cursor`. A `device_id` named must be `session_device` (the
    token's); the pull is recorded in the sync state of the token's device, if it has one."""
    limit = limit or cfg.sync_default_page
    if limit > cfg.sync_max_page:
        raise Invalid(f"a page holds at most {cfg.sync_max_page} changes", slug="payload-too-large",
                      limit=cfg.sync_max_page, limit_name="changes_per_page")
    device = syncing.own_device(session_device, device_id)
    if device:
        synced(scope, device, pushed=False)
    changelog = ChangeLog(scope)
    maintain(scope, cfg, changelog)
    head = changelog.head()
    after = 0
    if cursor:
        after = decode_cursor(cursor, changelog.key)
        if after < head.get("purged_seq", 0):
            raise resync_required("this cursor is older than the tombstone retention")
        if after > head.get("seq", 0) and not changelog.exists(after):
            raise resync_required("the server does not know this cursor")
    slots = changelog.read(after, limit)
    has_more = len(slots) > limit
    slots = slots[:limit]
    docs: dict[tuple[str, str], dict] = {}
    for coll in COLLECTIONS:
        ids = [s["rid"] for s in slots if s["coll"] == coll]
        if ids:
            for doc in collection(coll, scope).find({"_id": {"$in": ids}}, NO_OUTBOX):
                docs[(coll, doc["_id"])] = doc
    changes: dict[str, dict[str, list[dict]]] = {coll: {"upserted": [], "deleted": []} for coll in COLLECTIONS}
    for slot in slots:
        doc = docs.get((slot["coll"], slot["rid"]))
        if doc is None or doc["version"] != slot["v"]:
            continue  # superseded: the newer version has its own, later slot
        if doc.get("deleted"):
            changes[slot["coll"]]["deleted"].append(tombstone_view(doc))
        else:
            changes[slot["coll"]]["upserted"].append(present(KINDS[slot["coll"]], doc, iso=True))
    next_seq = slots[-1]["seq"] if slots else after
    return {"server_time": clock.now(), "changes": changes, "next_cursor": encode_cursor(next_seq, changelog.key),
            "has_more": has_more}
