"""What every sync scope (contacts, nudges, goals, and those to come) shares: a record's memory of the
pushed mutations that wrote it, the app's schema gate, and the server's time on every answer.
The protocol they speak is docs/sync-protocol.md.

A record remembers each (device, mutation id) that wrote it with the version that write gave it
and the status it was answered with, in the very write that changed it. So the first result is
decided once, atomically with its effect: a resend at any moment (racing the first attempt,
after a 5xx, after a crash between the write and the answer) finds it in the record and answers
`duplicate` with that version and `first_status`, never with the record's current version, and
never applies twice. Per-device receipts kept beside (`Receipts`, at most about a cap per device)
only spare the lookup and cover the answers that wrote nothing (conflict, rejected).

Also here, for every scope: the device a request syncs as (the device session its access token
was issued to, `own_device`), the result statuses of a push, the pull cursor (a position in
server write order, bound to its member, and the window a write-order pull reads), the app's
schema gate and the server's time on every answer, and the schemas the write-order scopes share.

Long because it is the one toolkit of the protocol: each piece is short, and scopes differ only
in what they add.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable

from flask import Blueprint, Response, request
from marshmallow import Schema
from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from . import clock as clocks
from . import pagination
from .clock import rfc3339
from .contracts.sync import APPLIED, DUPLICATE, MERGED
from .db import Scope, Scoped
from .errors import Conflict, Invalid
from .problems import Problem
from .schema import ApiSchema, Id, UtcDateTime, fields, validate

SCHEMA_HEADER = "X-Rapport-Schema-Version"
PATH_PREFIX = "/v1/sync/"  # every sync scope's routes: /v1/sync/<scope>/...
PROBLEM_JSON = "application/problem+json"



# -- the record's memory of the mutations that wrote it ---------------------------------------

def remember(entries: Iterable[Any] | None, key: str | None, version: int, status: str, keep: int) -> list:
    """The record's memory after a write by mutation `key` (None: a write no mutation made) that
    gave it `version` and was answered `status`; the newest `keep` entries."""
    kept = list(entries or [])
    if key:
        kept = (kept + [{"k": key, "v": version, "s": status}])[-keep:]
    return kept


def recall(entries: Iterable[Any] | None, key: str) -> dict | None:
    """What the record remembers of mutation `key`: {"k", "v", "s"} (an entry written before
    versions were kept is a bare key: its version and status are not known)."""
    for entry in entries or []:
        if entry == key:
            return {"k": key}
        if isinstance(entry, dict) and entry.get("k") == key:
            return entry
    return None


def first_result(head: dict, entry: dict, current_version: int, **extra) -> dict:
    """The answer to a resend of a mutation the record remembers: its first result."""
    return {**head, "status": DUPLICATE, "first_status": entry.get("s") or APPLIED,
            "version": entry.get("v") or current_version, **{k: v for k, v in extra.items() if v is not None}}


def repeat(result: dict) -> dict:
    """The answer to a resend of a mutation whose receipt is kept: a write's result comes back
    as `duplicate` with its `first_status`; an answer that wrote nothing, as it was."""
    if result.get("status") in (APPLIED, MERGED):
        return {**result, "status": DUPLICATE, "first_status": result["status"]}
    return result


# -- a device's receipts ------------------------------------------------------------------------

class Receipts:
    """The first results of a device's recent mutations, at most about `cap` of them.

    They live in `BUCKETS` small documents per device (`<org>|<member>|<device>:<nn>`, a
    mutation id's bucket by CRC-32), each holding its share of the cap; a bucket past its share
    keeps its newest three quarters. A resend whose receipt is gone is answered from the
    record's own memory (`recall`), so trimming never applies a mutation twice."""

    BUCKETS = 16
    MIN_PER_BUCKET = 8

    def __init__(self, collection: Collection, scope: Scope, device_id: str, cap: int):
        self.coll = Scoped(collection, scope)
        self.prefix = f"{scope.org_id}|{scope.member_id}|{device_id}"
        self.device_id = device_id
        self.per_bucket = max(self.MIN_PER_BUCKET, cap // self.BUCKETS)

    def _bucket(self, mutation_id: str) -> str:
        return f"{self.prefix}:{zlib.crc32(mutation_id.encode()) % self.BUCKETS:02d}"

    def get(self, mutation_ids: Iterable[str]) -> dict[str, dict]:
        """The kept results of these mutations (mutation ids are `[A-Za-z0-9_-]`: field names)."""
        wanted: dict[str, list[str]] = {}
        for mid in mutation_ids:
            wanted.setdefault(self._bucket(mid), []).append(mid)
        found: dict[str, dict] = {}
        for bucket, mids in wanted.items():
            doc = self.coll.find_one({"_id": bucket}, {f"receipts.{m}": 1 for m in mids})
            kept = (doc or {}).get("receipts") or {}
            found.update((m, kept[m]["result"]) for m in mids if m in kept)
        return found

    def put(self, results: dict[str, dict]) -> None:
        """Keep these first results (mutation id → result); a bucket past its share is trimmed."""
        at = clocks.timestamp()
        by_bucket: dict[str, dict[str, dict]] = {}
        for mid, result in results.items():
            by_bucket.setdefault(self._bucket(mid), {})[mid] = {"result": result, "at": at}
        for bucket, items in by_bucket.items():
            update = {"$set": {f"receipts.{m}": r for m, r in items.items()}, "$inc": {"count": len(items)},
                      "$setOnInsert": {"device_id": self.device_id}}
            try:
                doc = self.coll.find_one_and_update({"_id": bucket}, update, upsert=True,
                                                    return_document=ReturnDocument.AFTER)
            except DuplicateKeyError:  # two pushes created the bucket at once
                doc = self.coll.find_one_and_update({"_id": bucket}, update, return_document=ReturnDocument.AFTER)
            if doc is not None and doc.get("count", 0) > self.per_bucket:
                self._trim(doc)

    def forget(self) -> None:
        """Drop every receipt of this device (it was revoked)."""
        for i in range(self.BUCKETS):
            self.coll.delete_many({"_id": f"{self.prefix}:{i:02d}"})

    def _trim(self, doc: dict) -> None:
        receipts = doc.get("receipts") or {}
        keep = self.per_bucket * 3 // 4
        oldest = sorted(receipts, key=lambda m: receipts[m].get("at", 0))[:max(0, len(receipts) - keep)]
        if oldest:
            self.coll.update_one({"_id": doc["_id"]}, {"$unset": {f"receipts.{m}": "" for m in oldest},
                                                       "$inc": {"count": -len(oldest)}})


# -- the pull cursor ------------------------------------------------------------------------------

def cursor_owner(scope: Scope) -> str:
    """What binds a pull cursor to its member: a short digest of the member (contacts' change-log
    cursors carry the same one). It tells another member's cursor apart, nothing more: every
    read is scoped to the token's member anyway."""
    return hashlib.sha256(f"{scope.org_id}\x00{scope.member_id}".encode()).hexdigest()[:8]


def encode_cursor(moment: datetime, record_id: str, scope: Scope) -> str:
    """A pull's position in server write order, opaque to devices and bound to the member: the
    write time and the id of the last record seen (shared.pagination's instant cursor), and
    `cursor_owner`."""
    return pagination.encode([rfc3339(moment), record_id, cursor_owner(scope)])


def decode_cursor(cursor: str | None, scope: Scope) -> tuple[datetime, str] | None:
    """The position `encode_cursor` wrote for this member (None without a cursor); `Invalid`
    (400 invalid-cursor) for anything else, another member's cursor included. A cursor issued
    before cursors were bound (the time and the id only) is read as the position it is: it
    names no member to check, and it ages out with the tombstones kept (its scope answers an
    older position 410 resync-required)."""
    values = pagination.decode(cursor, (2, 3))
    if values is None:
        return None
    if len(values) == 3 and values[2] != cursor_owner(scope):
        raise Invalid("the cursor is not one this API issued to this account", slug="invalid-cursor")
    return pagination.instant(values[:2])


def pull_window(cursor: str | None, scope: Scope, now: datetime, lag: timedelta, retention: timedelta,
                limit: int, max_page: int) -> tuple[tuple[datetime, str] | None, datetime]:
    """Where a pull in write order (`updated_at`, then a key) starts and ends: the cursor's
    position (None: the start) and the upper bound, now minus `lag` in the store's milliseconds
    (a write that took its time but had not committed when the page was read still sorts after
    it). A page above `max_page` is 413; a position older than `retention` (the tombstones kept)
    is 410 resync-required."""
    if limit > max_page:
        raise Invalid(f"a pull page holds at most {max_page} changes", slug="payload-too-large",
                      limit=max_page, limit_name="changes_per_page")
    after = decode_cursor(cursor, scope)
    if after is not None and after[0] < now - retention:
        raise Conflict("this cursor is older than the tombstones kept; sync again from the start",
                       slug="resync-required")
    upper = now - lag
    return after, upper.replace(microsecond=upper.microsecond // 1000 * 1000)


def next_cursor(last: tuple[datetime, str] | None, has_more: bool, upper: datetime, scope: Scope) -> str:
    """The cursor after a page whose last change was `last` (its time and key): there, while more
    may follow; else at `upper`, so an idle device's cursor moves on and never ages out."""
    if last is not None and (has_more or last[0] >= upper):
        return encode_cursor(last[0], last[1], scope)
    return encode_cursor(upper, "", scope)


# -- what the write-order scopes (nudges, goals) answer and take alike ------------------------------

class ConflictOut(ApiSchema):
    """One field a pushed edit changes that the server changed after its base version."""

    field = fields.String()
    server_value = fields.Raw(allow_none=True)
    changed_in_version = fields.Integer()


class PullArgs(ApiSchema):
    """A pull's query of a scope read in write order (at most 500 changes a page)."""

    cursor = fields.String(load_default=None, validate=validate.Length(max=512),
                           metadata={"description": "from the previous page; none for a full first sync"})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1),
                           metadata={"description": "changes per page (at most 500: more is 413)"})
    device_id = Id(load_default=None, metadata={
        "description": "the device pulling, as in every scope (optional): the token's own (its `sid`), else 409 "
                       "device-not-registered (docs/sync-protocol.md, devices)"})


# -- the device a request syncs as ------------------------------------------------------------

def own_device(session_device: str, named: str | None) -> str | None:
    """The device a sync request speaks for: the device session its access token was issued to
    (the token's `sid`, `shared.auth.Principal.device_id`; "" for a token of no device, e.g. an
    operator's). Signing in is what registers a device, so there is nothing to look up: a
    request that names a device (`device_id`: every push, a pull optionally) must name the
    token's own, else `Conflict` `device-not-registered` (409) and nothing is applied; one that
    names none speaks for the token's device, or for none. A revoked session never gets here:
    its tokens are refused when they are authenticated."""
    if named is None:
        return session_device or None
    if not session_device:
        raise Conflict(f"this token was issued to no device (an operator token), so it cannot sync as device "
                       f"{named}: sign in on this device and sync with the tokens that sign-in gives",
                       slug="device-not-registered")
    if named != session_device:
        raise Conflict(f"device {named} is not the device this token was signed in on: sign in on this device, "
                       "and sync as the device its tokens name (their `sid`)",
                       slug="device-not-registered")
    return session_device


# -- the routes of a sync scope ----------------------------------------------------------------

def serve(blueprint: Blueprint, *, minimum: Callable[[], int], current: int, now: Callable[[], datetime]) -> None:
    """Make `blueprint` a sync scope's routes: each request's app schema is checked (426 below
    `minimum()`), and each response carries the server's time."""

    @blueprint.before_request
    def _schema_gate():
        check_client_schema(request.headers.get(SCHEMA_HEADER), minimum(), current)

    blueprint.after_request(lambda response: stamp(response, now))


def header_parameters(current: int) -> list[dict]:
    """The OpenAPI parameter every sync route takes, the app's schema version: give it to the
    route (`blueprint.route(rule, parameters=...)`), so the operations keep their own."""
    return [{"in": "header", "name": SCHEMA_HEADER, "required": True, "schema": {"type": "integer", "minimum": 1},
             "description": f"the app's sync schema version (this server: {current}); below the oldest served: "
                            "426, nothing applied"}]


def check_client_schema(header: str | None, minimum: int, current: int) -> None:
    """Apps send the sync schema they speak; below `minimum`: 426, and nothing is applied."""
    raw = (header or "").strip()
    version = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else 0
    if version < minimum:
        raise Problem(426, f"this app speaks sync schema {version or 'unknown'} (header {SCHEMA_HEADER}); the oldest "
                           f"this server supports is {minimum}: update the app", slug="upgrade-required",
                      min_schema_version=minimum, schema_version=current)


# -- the server's time on every answer --------------------------------------------------------

def stamp(response: Response, now: Callable[[], datetime]) -> Response:
    """Put the server's time on a sync answer, errors included (devices never use their own
    clock): the header always, and `server_time` into a problem body that lacks it (successful
    bodies carry it by their schema; the gateway stamps the problems it makes itself)."""
    moment = rfc3339(now())
    response.headers["X-Server-Time"] = moment
    if response.mimetype == PROBLEM_JSON and not response.is_streamed:
        try:
            body = json.loads(response.get_data())
        except ValueError:
            return response
        if isinstance(body, dict) and "server_time" not in body:
            body["server_time"] = moment
            response.set_data(json.dumps(body))
    return response


def problem_schema(base: type[Schema]) -> type[Schema]:
    """The problem schema of a sync route: the service's own, plus `server_time`."""
    return type("SyncProblem", (base,), {
        "server_time": UtcDateTime(required=True, metadata={"description": "the server's time (also X-Server-Time)"}),
        "Meta": type("Meta", (base.Meta,), {})})
