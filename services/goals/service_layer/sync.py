"""Mobile sync of the `goals` scope (docs/sync-protocol.md): a phone edits goals (with their
milestones) offline and pulls what changed.

Push: each mutation creates, edits or deletes one record of a collection (`goals`, `objectives`,
`plan`: each a `Synced`, service_layer/synced.py, written through its own use cases). Results
per mutation, in order: applied; merged
(the record changed on the server since `base_version`, in other fields); conflict (a field
this mutation changes to another value was changed on the server after `base_version`:
nothing written, the server record comes back); duplicate (a resend of the same device and
mutation id — remembered inside the record in the very write it made, so a crash between the
change and its receipt cannot apply it twice); rejected (invalid, not_found, deleted,
base_version_ahead, or the rule the change broke). A record knows the version at which each
field last changed (`field_versions`, written by every change, REST or sync).

Pull: changes in server write order (`updated_at`, then collection, then id) after an opaque
cursor bound to its member; the newest `SYNC_LAG` is held back, so a write that took its time
but had not committed when a page was read still sorts after that page's cursor. Deleted goals
and objectives travel as tombstones; a cursor older than `TOMBSTONE_RETENTION` is 410 resync-required.

The statuses, receipts, the device rule, the cursor, the schema gate and the server's time are
the sync toolkit's (shared.syncing), the same for every scope.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Callable, Protocol

from marshmallow import Schema, ValidationError
from pymongo.collection import Collection

from shared import clock as clocks
from shared import syncing
from shared.clock import Clock
from shared.contracts.sync import APPLIED, CONFLICT, MERGED, REJECTED
from shared.db import Scope
from shared.errors import DomainError, Invalid
from shared.retry import until_written
from shared.versions import field_version

from ..adapters.store import IdTaken
from ..schemas import SyncMutationIn

MAX_MUTATIONS = 100
MAX_PAGE = 500
SCHEMA_VERSION = 1
MIN_CLIENT_SCHEMA = 1
SYNC_LAG = timedelta(seconds=2)
TOMBSTONE_RETENTION = timedelta(days=90)
RECEIPTS_PER_DEVICE = 2000
RECORD_MEMORY = 50  # mutations a record remembers (a resend older than that is answered by the receipts)
MEMORY = "applied_mutations"
_MUTATION = SyncMutationIn()


class Synced(Protocol):
    """One collection of the scope, as sync reads and writes it."""

    name: str
    deletable: bool    # False: a delete is rejected `not_deletable`
    creating: Schema   # the fields of a new record (the REST create's schema)
    editing: Schema    # the fields of an edit (the REST PATCH's schema)

    def get(self, scope: Scope, record_id: str) -> dict[str, Any] | None: ...  # tombstones too
    def create(self, scope: Scope, record_id: str, fields: dict, memory: list, correlation_id: str | None
               ) -> dict[str, Any]: ...
    def edit(self, doc: dict, fields: dict) -> tuple[dict[str, Any], list[str]]: ...  # what to set, fields moved
    def write(self, scope: Scope, doc: dict, new: dict, correlation_id: str | None) -> dict[str, Any] | None: ...
    def delete(self, scope: Scope, doc: dict, memory: list, correlation_id: str | None) -> dict[str, Any] | None: ...
    def changed_since(self, scope: Scope, query: dict, limit: int) -> list[dict[str, Any]]: ...
    def out(self, doc: dict) -> dict[str, Any]: ...  # the record as GET returns it (a conflict's `record`)


class _Remembered(Exception):
    def __init__(self, entry: dict[str, Any]):
        super().__init__("remembered")
        self.entry = entry


class GoalsSync:
    def __init__(self, collections: list[Synced], receipts: Collection, clock: Clock = clocks.now,
                 lag: timedelta = SYNC_LAG, retention: timedelta = TOMBSTONE_RETENTION,
                 receipts_cap: int = RECEIPTS_PER_DEVICE):
        self.collections = {c.name: c for c in collections}
        self.receipts = receipts
        self.clock = clock
        self.lag = lag
        self.retention = retention
        self.receipts_cap = receipts_cap

    # -- push -----------------------------------------------------------------------------------
    def push(self, scope: Scope, session_device: str, device_id: str, mutations: list[Any],
             correlation_id: str | None = None) -> dict[str, Any]:
        if len(mutations) > MAX_MUTATIONS:
            raise Invalid(f"a push carries at most {MAX_MUTATIONS} mutations; split the batch",
                          slug="payload-too-large", limit=MAX_MUTATIONS, limit_name="mutations_per_push")
        syncing.own_device(session_device, device_id)
        receipts = syncing.Receipts(self.receipts, scope, device_id, self.receipts_cap)
        return {"server_time": self.clock(),
                "results": [self._one(scope, device_id, receipts, raw, correlation_id) for raw in mutations]}

    def _one(self, scope: Scope, device_id: str, receipts: syncing.Receipts, raw: Any,
             correlation_id: str | None) -> dict[str, Any]:
        item = raw if isinstance(raw, dict) else {}
        try:
            if not isinstance(raw, dict):
                raise ValidationError("a mutation is an object")
            m = _MUTATION.load(raw)
        except ValidationError as exc:
            return {"mutation_id": _str(item.get("mutation_id")), "collection": _str(item.get("collection")),
                    "id": _str(item.get("id")), "status": REJECTED, "reason": "invalid",
                    "errors": exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}}
        head = {"mutation_id": m["mutation_id"], "collection": m["collection"], "id": m["id"]}
        kept = receipts.get([m["mutation_id"]]).get(m["mutation_id"])
        if kept is not None:
            return syncing.repeat(kept)
        key = f"{device_id}:{m['mutation_id']}"
        synced = self.collections[m["collection"]]
        try:
            result = until_written(lambda: self._decide(scope, synced, m, key, head, correlation_id),
                                   detail="a record kept changing under other writes; push again")
        except _Remembered as exc:
            entry = exc.entry
            result = syncing.first_result(head, entry, entry.get("v") or 0)
            receipts.put({m["mutation_id"]: {**head, "status": result["first_status"], "version": result["version"]}})
            return result
        receipts.put({m["mutation_id"]: result})
        return result

    def _decide(self, scope: Scope, synced: Synced, m: dict[str, Any], key: str, head: dict[str, Any],
                correlation_id: str | None) -> dict[str, Any] | None:
        """The mutation's result, written with the record's memory of it; None when the write lost
        its race (it is decided again on what is there now)."""
        doc = synced.get(scope, m["id"])
        if doc is not None:
            entry = syncing.recall(doc.get(MEMORY), key)
            if entry is not None:
                raise _Remembered(entry)  # an earlier attempt of this mutation wrote it
        base = m.get("base_version")

        def memory(version: int, status: str) -> list:
            return syncing.remember((doc or {}).get(MEMORY), key, version, status, RECORD_MEMORY)

        if m["op"] == "delete":
            if not synced.deletable:
                return {**head, "status": REJECTED, "reason": "not_deletable",
                        "errors": {"op": [f"{synced.name} cannot be deleted; set it instead"]}}
            if doc is None:
                return {**head, "status": REJECTED, "reason": "not_found"}
            if doc.get("deleted"):
                return {**head, "status": APPLIED, "version": doc["version"]}  # deletes win, again
            after = synced.delete(scope, doc, memory(doc["version"] + 1, APPLIED), correlation_id)
            return None if after is None else {**head, "status": APPLIED, "version": after["version"]}
        if doc is None:
            if base is not None:
                return {**head, "status": REJECTED, "reason": "not_found"}
            return self._create(scope, synced, m, head, memory(1, APPLIED), correlation_id)
        if doc.get("deleted"):
            return {**head, "status": REJECTED, "reason": "deleted", "version": doc["version"]}
        return self._edit(scope, synced, m, doc, head, memory, correlation_id)

    def _create(self, scope: Scope, synced: Synced, m: dict[str, Any], head: dict[str, Any], memory: list,
                correlation_id: str | None) -> dict[str, Any] | None:
        try:
            fields = synced.creating.load(m.get("fields") or {})
        except ValidationError as exc:
            return {**head, "status": REJECTED, "reason": "invalid", "errors": exc.messages}
        try:
            created = synced.create(scope, m["id"], fields, memory, correlation_id)
        except IdTaken:
            if synced.get(scope, m["id"]) is not None:
                return None  # another device created it meanwhile: decided again, as an edit of version 0
            return {**head, "status": REJECTED, "reason": "invalid",
                    "errors": {"id": ["this id is taken; make up another (a UUID)"]}}
        except DomainError as exc:
            return _refused(head, exc)
        return {**head, "status": APPLIED, "version": created["version"]}

    def _edit(self, scope: Scope, synced: Synced, m: dict[str, Any], doc: dict[str, Any], head: dict[str, Any],
              memory: Callable[[int, str], list], correlation_id: str | None) -> dict[str, Any] | None:
        base = m.get("base_version") or 0  # an upsert without a base for a record that exists: an edit of version 0
        if base > doc["version"]:
            return {**head, "status": REJECTED, "reason": "base_version_ahead", "version": doc["version"],
                    "errors": {"base_version": [f"ahead of the server's version {doc['version']}"]}}
        try:
            fields = synced.editing.load(m.get("fields") or {})
        except ValidationError as exc:
            return {**head, "status": REJECTED, "reason": "invalid", "errors": exc.messages}
        try:
            new, changing = synced.edit(doc, fields)
        except DomainError as exc:
            return _refused(head, exc)
        conflicts = [{"field": f, "server_value": doc.get(f), "changed_in_version": field_version(doc, f)}
                     for f in changing if field_version(doc, f) > base]
        if conflicts:
            return {**head, "status": CONFLICT, "version": doc["version"], "record": synced.out(doc),
                    "conflicts": conflicts}
        status = APPLIED if doc["version"] == base else MERGED
        try:
            after = synced.write(scope, doc, {**new, MEMORY: memory(doc["version"] + 1, status)}, correlation_id)
        except DomainError as exc:
            return _refused(head, exc)
        return None if after is None else {**head, "status": status, "version": after["version"]}

    # -- pull -----------------------------------------------------------------------------------
    def pull(self, scope: Scope, cursor: str | None, limit: int, session_device: str,
             device_id: str | None) -> dict[str, Any]:
        syncing.own_device(session_device, device_id)
        now = self.clock()
        after, upper = syncing.pull_window(cursor, scope, now, self.lag, self.retention, limit, MAX_PAGE)
        found: list[tuple[datetime, str, str, dict[str, Any]]] = []
        for name, synced in sorted(self.collections.items()):
            for doc in synced.changed_since(scope, _after(name, after, upper), limit + 1):
                found.append((clocks.instant_or_none(doc["updated_at"]) or now, name, doc["_id"], doc))
        found.sort(key=lambda f: f[:3])
        page, has_more = found[:limit], len(found) > limit
        changes: dict[str, dict[str, list]] = {name: {"upserted": [], "deleted": []} for name in self.collections}
        for moment, name, record_id, doc in page:
            if doc.get("deleted"):
                changes[name]["deleted"].append({"id": record_id, "version": doc["version"], "deleted_at": moment})
            else:
                changes[name]["upserted"].append(doc)
        last = (page[-1][0], f"{page[-1][1]}/{page[-1][2]}") if page else None
        next_cursor = syncing.next_cursor(last, has_more, upper, scope)
        return {"server_time": now, "changes": changes, "next_cursor": next_cursor, "has_more": has_more}


def _after(name: str, after: tuple[datetime, str] | None, upper: datetime) -> dict[str, Any]:
    """The query of one collection's changes after the cursor position, up to `upper`."""
    query: dict[str, Any] = {"updated_at": {"$lte": upper}}
    if after is None:
        return query
    since, key = after
    after_name, _, after_id = key.partition("/")
    later: dict[str, Any] = {"updated_at": {"$gt": since}}
    if name < after_name:  # this collection's records of that instant sort before the cursor's
        return {"$and": [query, later]}
    same_time: dict[str, Any] = {"updated_at": since, **({"_id": {"$gt": after_id}} if name == after_name else {})}
    return {"$and": [query, {"$or": [later, same_time]}]}


def _refused(head: dict[str, Any], exc: DomainError) -> dict[str, Any]:
    """A rule of the service refused the change (e.g. a second active ultimate goal)."""
    errors = getattr(exc, "errors", None) or {"fields": [exc.detail]}
    reason = "invalid" if exc.slug == "validation-error" else exc.slug.replace("-", "_")  # invalid: as the schema's
    return {**head, "status": REJECTED, "reason": reason, "errors": errors}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
