"""Offline-first sync of contacts, interactions and gatherings: the scope `contacts` (README,
"The sync protocol").

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
"""
from __future__ import annotations

import base64
import json
import logging
import zlib
from datetime import datetime, timedelta
from typing import Any, Iterable

from marshmallow import ValidationError
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError, PyMongoError

from shared import clock, syncing, transient
from shared.db import Scope, Scoped
from shared.problems import Problem
from shared.schema import is_id, iso_time

from .adapters.changelog import ChangeLog, upsert_one
from .adapters.documents import SyncDevice, SyncReceipts
from .config import ContactsConfig
from .domain import duplicates, merging
from .domain.model import CONTACTS, COLLECTIONS
from .adapters.store import NO_OUTBOX, Batch, collection, utcnow
from .domain.records import KINDS, FieldErrors, present, tombstone_view
from .service_layer.fields import clean
from .schemas import MutationIn
from .service_layer.operations import OperationError, check_references, delete, duplicate_candidates, merge_contacts

log = logging.getLogger(__name__)

APPLIED, MERGED, CONFLICT, REJECTED, DUPLICATE = "applied", "merged", "conflict", "rejected", "duplicate"
_INTENT_FORGET_AFTER = timedelta(minutes=10)


# -- devices --------------------------------------------------------------------------------

def _devices(scope: Scope) -> Scoped:
    return Scoped(SyncDevice._get_collection(), scope)


def device_view(doc: dict) -> dict:
    return {"device_id": doc["_id"], "name": doc.get("name"), "platform": doc.get("platform"),
            "app_version": doc.get("app_version"), "registered_at": doc["registered_at"],
            "last_push_at": doc.get("last_push_at"), "last_pull_at": doc.get("last_pull_at"), "server_time": utcnow()}


def register_device(scope: Scope, device_id: str, info: dict) -> tuple[dict, bool]:
    """Register (or refresh) one of the member's devices; a device of another member is refused."""
    devices = _devices(scope)
    update = {"$set": {k: info.get(k) for k in ("name", "platform", "app_version")},
              "$setOnInsert": {"registered_at": utcnow(), "pushes": 0},
              "$unset": {"revoked_at": ""}}
    try:
        result = upsert_one(devices, {"_id": device_id}, update)  # scoped: another member's id cannot match
    except DuplicateKeyError:
        raise Problem(409, "this device id is registered to another account; generate a new one",
                      slug="device-id-taken") from None
    return devices.find_one({"_id": device_id}), result.upserted_id is not None


def list_devices(scope: Scope) -> list[dict]:
    return list(_devices(scope).find({"revoked_at": None}).sort("_id", 1))


def revoke_device(scope: Scope, device_id: str) -> None:
    result = _devices(scope).update_one({"_id": device_id, "revoked_at": None}, {"$set": {"revoked_at": utcnow()}})
    if result.matched_count == 0:
        raise Problem(404, "device not found")
    Receipts(scope, device_id, 0).forget()


def require_device(scope: Scope, device_id: str) -> dict:
    """The member's registered (not revoked) device, or 409."""
    doc = _devices(scope).find_one({"_id": device_id, "revoked_at": None})
    if doc is None:
        raise Problem(409, "this device is not registered for sync of this account; register it with "
                           "POST /v1/sync/contacts/devices", slug="device-not-registered")
    return doc


class Receipts:
    """The first results of a device's recent mutations, in BUCKETS small documents."""

    BUCKETS = 16

    def __init__(self, scope: Scope, device_id: str, cap: int):
        self.coll = Scoped(SyncReceipts._get_collection(), scope)
        self.device_id = device_id
        self.per_bucket = max(8, cap // self.BUCKETS)

    def _bucket(self, mutation_id: str) -> str:
        return f"{self.device_id}:{zlib.crc32(mutation_id.encode()) % self.BUCKETS:02d}"

    def get(self, mutation_ids: Iterable[str]) -> dict[str, dict]:
        wanted: dict[str, list[str]] = {}
        for mid in mutation_ids:
            wanted.setdefault(self._bucket(mid), []).append(mid)
        found = {}
        for bucket, mids in wanted.items():
            doc = self.coll.find_one({"_id": bucket}, {f"receipts.{m}": 1 for m in mids})
            found.update((doc or {}).get("receipts") or {})
        return found

    def put(self, receipts: dict[str, dict]) -> None:
        by_bucket: dict[str, dict[str, dict]] = {}
        for mid, receipt in receipts.items():
            by_bucket.setdefault(self._bucket(mid), {})[mid] = receipt
        for bucket, items in by_bucket.items():
            update = {"$set": {f"receipts.{m}": r for m, r in items.items()}, "$inc": {"count": len(items)},
                      "$setOnInsert": {"device_id": self.device_id}}
            try:
                doc = self.coll.find_one_and_update({"_id": bucket}, update, upsert=True,
                                                    return_document=ReturnDocument.AFTER)
            except DuplicateKeyError:  # two pushes created the bucket at once
                doc = self.coll.find_one_and_update({"_id": bucket}, update, return_document=ReturnDocument.AFTER)
            if doc["count"] > self.per_bucket:
                self._trim(doc)

    def _trim(self, doc: dict) -> None:
        """Keep the newest three quarters of a full bucket. Receipts are a convenience window:
        records remember their recent mutation ids too, so nothing is ever applied twice."""
        bucket = doc["_id"]
        receipts = doc.get("receipts") or {}
        keep = self.per_bucket * 3 // 4
        oldest = sorted(receipts, key=lambda m: receipts[m].get("at", 0))[:max(0, len(receipts) - keep)]
        if oldest:
            self.coll.update_one({"_id": bucket}, {"$unset": {f"receipts.{m}": "" for m in oldest},
                                                   "$inc": {"count": -len(oldest)}})

    def forget(self) -> None:
        for i in range(self.BUCKETS):
            self.coll.raw.delete_one({"_id": f"{self.device_id}:{i:02d}", **self.coll.scope.filter()})


# -- push -----------------------------------------------------------------------------------

def _result(m: dict, status: str, **extra) -> dict:
    out = {"mutation_id": m.get("mutation_id"), "collection": m.get("collection"), "id": m.get("id"),
           "status": status}
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def _json(value):
    return iso_time(value) if isinstance(value, datetime) else value


def _receipt(result: dict) -> dict:
    """What is kept of a first result: the mutation says which record, and the server record
    is read again when a retry asks."""
    kept = {k: _storable(v) for k, v in result.items() if k not in ("mutation_id", "collection", "id", "record")}
    kept["at"] = round(clock.timestamp(), 3)
    return kept


def _storable(value):
    """`errors` as a document can hold them: marshmallow keys the errors of list items by
    position (`{"tags": {0: [...]}}`), and document keys are strings (as in the JSON answer)."""
    if isinstance(value, dict):
        return {str(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value


class Pusher:
    """Applies one push, mutation by mutation, inside one Batch."""

    def __init__(self, b: Batch, device_id: str):
        self.b = b
        self.device_id = device_id
        self.created_by: dict[tuple[str, str], int] = {}
        self.candidates = duplicates.Index()   # contacts a capture may duplicate (db + this batch)
        self.cleaned: dict[int, dict] = {}     # new contacts' fields, validated once for the duplicate lookup

    def key(self, m: dict) -> str:
        return f"{self.device_id}:{m['mutation_id']}"

    @staticmethod
    def probably_new(m: dict) -> bool:
        return m["op"] == "upsert" and m.get("base_version") is None

    def touched(self, m: dict) -> set[tuple[str, str]]:
        keys = {(m["collection"], m["id"])}
        fields = m.get("fields_") if isinstance(m.get("fields_"), dict) else {}
        for name, coll in (("contact_id", CONTACTS), ("gathering_id", "gatherings")):
            if is_id(fields.get(name)):  # not validated yet: anything else is the schema's to refuse
                keys.add((coll, fields[name]))
        if m.get("merge_into"):
            keys.add((CONTACTS, m["merge_into"]))
        return keys

    def apply(self, m: dict) -> dict:
        try:
            if m["op"] == "delete":
                return self._delete(m)
            if m["op"] == "merge":
                return self._merge(m)
            return self._upsert(m)
        except FieldErrors as exc:
            return _result(m, REJECTED, reason="invalid", errors={"fields": exc.errors})
        except PyMongoError:
            raise  # the store is unwell: fail the push, the device retries it whole
        except Problem:
            raise
        except Exception:  # a bug must not block the device: answer, log, keep going
            log.exception("mutation failed", extra={"mutation_id": m.get("mutation_id")})
            return _result(m, REJECTED, reason="server_error")

    def _remembered(self, m: dict, doc: dict | None) -> dict | None:
        """The first result of this mutation if the record remembers its write: a resend racing
        the first attempt, after a 5xx, or whose receipt is gone (shared.syncing)."""
        entry = syncing.recall((doc or {}).get("recent_mutations"), self.key(m))
        if entry is None:
            return None
        return syncing.first_result(_result(m, DUPLICATE), entry, doc["version"],
                                    merged_into=doc.get("merged_into") if doc.get("deleted") else None)

    def _upsert(self, m: dict) -> dict:
        kind = KINDS[m["collection"]]
        b, key = self.b, self.key(m)
        raw = m.get("fields_")
        if raw is None:
            return _result(m, REJECTED, reason="invalid", errors={"fields": ["an upsert needs fields"]})
        if m.get("base_version") is None and not b.known(kind.name, m["id"]):
            # most likely a capture: create without a lookup (an id that exists after all fails
            # on its unique _id when the batch is flushed, and the mutation is applied as an edit)
            try:
                return self._create(m, kind, raw)
            except FieldErrors:
                pass  # perhaps an edit of a record whose version the device never saw: look
        for attempt in range(5):
            doc = b.get(kind.name, m["id"], fresh=attempt > 0)
            if doc is None:
                if m.get("base_version"):
                    return _result(m, REJECTED, reason="not_found",
                                   errors={"id": ["no such record (it may have been deleted long ago)"]})
                return self._create(m, kind, raw)
            if (first := self._remembered(m, doc)) is not None:
                return first
            if doc.get("deleted"):
                return _result(m, REJECTED, reason="deleted", version=doc["version"], merged_into=doc.get("merged_into"))
            data = clean(kind, raw, doc)
            relinked = check_references(b, kind, data)
            decision = merging.decide(doc, m.get("base_version"), data)
            if decision.status == REJECTED:
                return _result(m, REJECTED, reason=decision.reason, version=doc["version"],
                               errors={"base_version": [f"the server has version {doc['version']}"]})
            if decision.status == CONFLICT:
                conflicts = [{"field": f, "server_value": _json(doc.get(f)),
                              "changed_in_version": merging.field_version(doc, f)} for f in decision.conflicts]
                return _result(m, CONFLICT, version=doc["version"], conflicts=conflicts,
                               record=present(kind, doc, iso=True))
            if not decision.changes:
                return _result(m, decision.status, version=doc["version"], relinked_to=relinked,
                               record=present(kind, doc, iso=True) if decision.status == MERGED else None)
            done = b.update(kind, doc, decision.changes, mutation=key, status=decision.status)
            if done is not None:
                return _result(m, decision.status, version=done["version"], relinked_to=relinked,
                               record=present(kind, done, iso=True) if decision.status == MERGED else None)
        return _result(m, REJECTED, reason="server_error")  # kept losing races: the device retries later

    def _create(self, m: dict, kind, raw) -> dict:
        b = self.b
        data = self.cleaned.pop(m["_index"], None) or clean(kind, raw)
        relinked = check_references(b, kind, data)
        hints = None
        extra = None
        if kind.name == CONTACTS:
            candidate = {"_id": m["id"], **data}
            hints = [h.to_dict() for h in self.candidates.matches(candidate)] or None
            extra = {"source": "capture"}
        doc = b.create(kind, m["id"], data, mutation=self.key(m), extra=extra)
        if kind.name == CONTACTS:
            self.candidates.add({"_id": doc["_id"], "display_name": doc.get("display_name"),
                                 "dedupe_keys": doc["dedupe_keys"]})
        self.created_by[(kind.name, m["id"])] = m["_index"]
        return _result(m, APPLIED, version=1, possible_duplicates=hints, relinked_to=relinked)

    def _delete(self, m: dict) -> dict:
        kind = KINDS[m["collection"]]
        doc = self.b.get(kind.name, m["id"])
        if doc is None:
            return _result(m, REJECTED, reason="not_found", errors={"id": ["no such record"]})
        if (first := self._remembered(m, doc)) is not None:
            return first
        if doc.get("deleted"):  # deleting twice changes nothing
            return _result(m, APPLIED, version=doc["version"], merged_into=doc.get("merged_into"))
        tomb = delete(self.b, kind, doc, mutation=self.key(m))
        return _result(m, APPLIED, version=tomb["version"], merged_into=tomb.get("merged_into"))

    def _merge(self, m: dict) -> dict:
        if m["collection"] != CONTACTS or not m.get("merge_into"):
            return _result(m, REJECTED, reason="invalid",
                           errors={"merge_into": ["a merge names the contact to merge into (contacts only)"]})
        loser = self.b.get(CONTACTS, m["id"])
        if (first := self._remembered(m, loser)) is not None:
            return first
        try:
            merged = merge_contacts(self.b, m["merge_into"], m["id"], mutation=self.key(m))
        except OperationError as exc:
            return _result(m, REJECTED, reason=exc.reason, errors={"merge_into": [exc.message]},
                           merged_into=exc.details.get("merged_into"))
        return _result(m, APPLIED, version=merged.loser["version"], merged_into=m["merge_into"])


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


def push(scope: Scope, cfg: ContactsConfig, device_id: str, raw_mutations: list, correlation_id: str | None) -> list:
    if len(raw_mutations) > cfg.sync_max_mutations:
        raise Problem(413, f"a push carries at most {cfg.sync_max_mutations} mutations; split the batch",
                      slug="payload-too-large", limit=cfg.sync_max_mutations, limit_name="mutations_per_push")
    parsed = [_parse(raw, i) for i, raw in enumerate(raw_mutations)]
    results: list[dict | None] = [r for _, r in parsed]
    mutations = [m for m, _ in parsed]
    require_device(scope, device_id)
    receipt_book = Receipts(scope, device_id, cfg.receipts_per_device)
    receipts = receipt_book.get({m["mutation_id"] for m in mutations if m})
    first_of: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for i, m in enumerate(mutations):
        if m is None:
            continue
        mid = m["mutation_id"]
        if mid in receipts:
            results[i] = {"mutation_id": mid, "collection": m["collection"], "id": m["id"],
                          **{k: v for k, v in receipts[mid].items() if k != "at"},
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
        first_status = results[first].get("first_status", results[first]["status"])
        results[i] = {**results[first], "status": DUPLICATE, "first_status": first_status}
        results[i].pop("record", None)
    _refresh_records(scope, results)
    fresh = {r["mutation_id"]: _receipt(r) for m, r in zip(mutations, results)
             if m is not None and r["status"] != DUPLICATE and r.get("reason") != "server_error"}
    try:
        receipt_book.put(fresh)
        _devices(scope).update_one({"_id": device_id}, {"$set": {"last_push_at": utcnow()}, "$inc": {"pushes": 1}})
    except (PyMongoError, transient.StoreUnavailable):
        # the mutations' effects are stored, each with its first result inside its record: a
        # resend is answered from there, so this push is answered too, not failed after the fact
        log.warning("could not keep a push's receipts; resends are answered from the records", exc_info=True)
    return results


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
            results[index] = _result(m, REJECTED, reason="not_found", errors={"id": ["this id is not available"]})
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
        raise Problem(400, "the cursor is not one this API issued to this account", slug="invalid-cursor")
    return values[1]


def resync_required(detail: str) -> Problem:
    return Problem(410, detail + "; discard local data and pull again without a cursor", slug="resync-required")


def pull(scope: Scope, cfg: ContactsConfig, cursor: str | None, limit: int | None, device_id: str | None) -> dict:
    limit = limit or cfg.sync_default_page
    if limit > cfg.sync_max_page:
        raise Problem(413, f"a page holds at most {cfg.sync_max_page} changes", slug="payload-too-large",
                      limit=cfg.sync_max_page, limit_name="changes_per_page")
    if device_id:
        require_device(scope, device_id)
        _devices(scope).update_one({"_id": device_id}, {"$set": {"last_pull_at": utcnow()}})
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
    changes = {coll: {"upserted": [], "deleted": []} for coll in COLLECTIONS}
    for slot in slots:
        doc = docs.get((slot["coll"], slot["rid"]))
        if doc is None or doc["version"] != slot["v"]:
            continue  # superseded: the newer version has its own, later slot
        if doc.get("deleted"):
            changes[slot["coll"]]["deleted"].append(tombstone_view(doc))
        else:
            changes[slot["coll"]]["upserted"].append(present(KINDS[slot["coll"]], doc, iso=True))
    next_seq = slots[-1]["seq"] if slots else after
    return {"server_time": utcnow(), "changes": changes, "next_cursor": encode_cursor(next_seq, changelog.key),
            "has_more": has_more}


# -- maintenance: repair interrupted writes, purge old tombstones ---------------------------

def maintain(scope: Scope, cfg: ContactsConfig, changelog: ChangeLog) -> None:
    for intent in changelog.stale_intents(timedelta(seconds=cfg.repair_after_seconds)):
        repair(scope, changelog, intent)
    head = changelog.head()
    purged_at = head.get("purged_at")
    if purged_at is None or purged_at < utcnow() - timedelta(seconds=cfg.purge_interval_seconds):
        purge(scope, cfg, changelog)


def repair(scope: Scope, changelog: ChangeLog, intent: dict) -> None:
    """Log the current versions of the records an interrupted write meant to change."""
    entries = []
    for coll, rid in changelog.intended(intent):
        doc = collection(coll, scope).find_one({"_id": rid}, {"version": 1})
        if doc is not None:
            entries.append((coll, rid, doc["version"]))
    changelog.append(entries)
    at = intent["at"]
    if at < utcnow() - _INTENT_FORGET_AFTER:
        changelog.done(intent["_id"])
    log.info("repaired an interrupted write", extra={"intent": intent["_id"], "records": len(entries)})


def purge(scope: Scope, cfg: ContactsConfig, changelog: ChangeLog) -> int:
    """Remove tombstones older than retention (and their slots), and slots of superseded
    versions that old. Cursors from before a removed tombstone then get 410."""
    cutoff = utcnow() - timedelta(seconds=cfg.tombstone_retention_seconds)
    head = changelog.head()
    removed = 0
    tombs: dict[str, list[str]] = {}
    for coll in COLLECTIONS:
        ids = [d["_id"] for d in collection(coll, scope).find(
            {"deleted": True, "deleted_at": {"$lt": cutoff}}, {"_id": 1}).limit(5000)]
        if ids:
            tombs[coll] = ids
    slot_ids: list[str] = []
    highest = 0
    for coll, ids in tombs.items():
        for s in changelog.slots_of(coll, ids):
            slot_ids.append(s["_id"])
            highest = max(highest, s["seq"])
    changelog.mark_purged(highest)  # first: from now on older cursors get 410
    head_seq = head.get("seq", 0)
    changelog.remove([s for s in slot_ids if s != changelog.slot_id(head_seq)])  # the head's number stays taken
    for coll, ids in tombs.items():
        removed += collection(coll, scope).delete_many({"_id": {"$in": ids}, "deleted": True}).deleted_count
    # slots of versions that were superseded long ago
    old = changelog.old_slots(cutoff, head_seq)
    by_coll: dict[str, list[dict]] = {}
    for s in old:
        by_coll.setdefault(s["coll"], []).append(s)
    stale = []
    for coll, group in by_coll.items():
        versions = {d["_id"]: d["version"] for d in collection(coll, scope).find(
            {"_id": {"$in": sorted({s["rid"] for s in group})}}, {"version": 1})}
        stale += [s["_id"] for s in group if versions.get(s["rid"], -1) != s["v"] and s["rid"] in versions]
    changelog.remove(stale)
    return removed
