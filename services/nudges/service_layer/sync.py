"""Mobile sync of the `nudges` scope (docs/sync-protocol.md): pull changes, push offline
status changes.

Pull: changes in server write order (`updated_at`, then id) after an opaque cursor, bound to
the member it was issued to (another member's is 400 invalid-cursor; shared.syncing). The
newest `SYNC_LAG` is held back, so a write that took its timestamp but had not committed
when a page was read still sorts after that page's cursor: nothing is missed, nothing is
returned twice. Withdrawn nudges travel as tombstones (kept `TOMBSTONE_RETENTION`; an older
cursor gets 410 resync-required).

Push: each mutation changes a nudge's status (done, snoozed, dismissed, or back to
pending) from a device that was offline. Results per mutation, in order: applied, merged
(the nudge changed on the server since `base_version`, but not its status), duplicate (a
retry of the same device and mutation id — recorded inside the nudge in the same write as
the change, so a crash between change and receipt cannot apply it twice), conflict (the
status changed on the server since `base_version`: the server record comes back) or
rejected (invalid, unknown, or deleted); the rest of the batch still applies. Each device's
first results are kept as receipts, the newest `receipts_cap` or so (shared.syncing.Receipts);
an older resend is answered from the nudge's own memory.

A push names its device, and a pull may: it must be the device session the access token was
issued to (409 device-not-registered otherwise, nothing applied); a revoked device's receipts
are forgotten when the workers read `account.device_revoked` (`forget_device`).

The statuses, the pull cursor, the receipts, the device rule, the schema gate and the server's
time are the sync toolkit's (shared.syncing), the same for every scope.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from marshmallow import ValidationError
from pymongo.collection import Collection

from shared import clock as clocks
from shared import syncing
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Busy, DomainError, Invalid
from shared.contracts.sync import APPLIED, CONFLICT, MERGED, REJECTED

from ..adapters.store import NudgeStore
from ..schemas import MutationFields, MutationIn
from .nudging import Nudges

MAX_MUTATIONS = 100
MAX_PAGE = 500
MIN_CLIENT_SCHEMA = 1
SYNC_LAG = timedelta(seconds=2)
TOMBSTONE_RETENTION = timedelta(days=30)
RECEIPTS_PER_DEVICE = 2000
_MUTATION, _FIELDS = MutationIn(), MutationFields()  # one instance each: loading keeps no state in them
ACTION_FOR = {"done": "done", "snoozed": "snooze", "dismissed": "dismiss", "pending": "reopen"}


class StatusChanged(Exception):
    """The nudge's status changed on the server since the mutation's base: a conflict result."""

    def __init__(self, doc: dict[str, Any]):
        super().__init__("conflict")
        self.doc = doc


class Remembered(Exception):
    """The nudge already remembers this mutation: a resend that raced its first attempt."""

    def __init__(self, entry: dict[str, Any]):
        super().__init__("remembered")
        self.entry = entry


SCHEMA_VERSION = 1  # the sync schema this server speaks (shared.syncing checks the header)


class NudgeSync:
    def __init__(self, store: NudgeStore, nudges: Nudges, receipts: Collection, clock: Clock = clocks.now,
                 lag: timedelta = SYNC_LAG, retention: timedelta = TOMBSTONE_RETENTION,
                 receipts_cap: int = RECEIPTS_PER_DEVICE):
        self.store = store
        self.nudges = nudges
        self.receipts = receipts
        self.clock = clock
        self.lag = lag
        self.retention = retention
        self.receipts_cap = receipts_cap

    # -- pull ---------------------------------------------------------------------------------
    def pull(self, scope: Scope, cursor: str | None, limit: int, session_device: str,
             device_id: str | None) -> dict[str, Any]:
        """A page of changes after `cursor`; a `device_id` named must be `session_device`, the
        token's device."""
        syncing.own_device(session_device, device_id)
        now = self.clock()
        after, upper = syncing.pull_window(cursor, scope, now, self.lag, self.retention, limit, MAX_PAGE)
        query: dict[str, Any] = {"updated_at": {"$lte": upper}}
        if after is not None:
            since, after_id = after
            query = {"$and": [query, {"$or": [{"updated_at": {"$gt": since}},
                                              {"updated_at": since, "_id": {"$gt": after_id}}]}]}
        docs = self.store.find(scope, query, [("updated_at", 1), ("_id", 1)], limit + 1)
        page = docs[:limit]
        upserted = [d for d in page if d["status"] != "withdrawn"]
        deleted = [{"id": d["_id"], "version": d["version"], "deleted_at": d["updated_at"], "merged_into": None,
                    "reason": d.get("withdrawn_reason"), "contact_merged_into": d.get("merged_into")}
                   for d in page if d["status"] == "withdrawn"]
        has_more = len(docs) > limit
        last = (page[-1]["updated_at"], page[-1]["_id"]) if page else None
        next_cursor = syncing.next_cursor(last, has_more, upper, scope)
        return {"server_time": now, "changes": {"nudges": {"upserted": upserted, "deleted": deleted}},
                "next_cursor": next_cursor, "has_more": has_more}

    # -- push ---------------------------------------------------------------------------------
    def push(self, scope: Scope, session_device: str, device_id: str, mutations: list[dict[str, Any]],
             correlation_id: str | None = None) -> dict[str, Any]:
        """Apply a push of `device_id`, which must be `session_device`, the token's device."""
        if len(mutations) > MAX_MUTATIONS:
            # `max_mutations`: what this 413 said before it had `limit` and `limit_name`, for apps that read it
            raise Invalid(f"a push carries at most {MAX_MUTATIONS} mutations; split the batch",
                          slug="payload-too-large", limit=MAX_MUTATIONS, limit_name="mutations_per_push",
                          max_mutations=MAX_MUTATIONS)
        syncing.own_device(session_device, device_id)
        receipts = syncing.Receipts(self.receipts, scope, device_id, self.receipts_cap)
        results = []
        for raw in mutations:
            try:
                m = _MUTATION.load(raw)
            except ValidationError as exc:
                mid = raw.get("mutation_id") if isinstance(raw.get("mutation_id"), str) else None
                rid = raw.get("id") if isinstance(raw.get("id"), str) else None
                results.append({"mutation_id": mid, "id": rid, "status": REJECTED, "reason": "invalid",
                                "errors": exc.messages})
                continue
            results.append(self._one(scope, device_id, receipts, m, correlation_id))
        return {"server_time": self.clock(), "results": results}

    def forget_device(self, scope: Scope, device_id: str) -> None:
        """The device was revoked: its receipts go (idempotent). What its mutations wrote stays,
        and each nudge still remembers them."""
        syncing.Receipts(self.receipts, scope, device_id, self.receipts_cap).forget()

    def _one(self, scope: Scope, device_id: str, receipts: syncing.Receipts, m: dict[str, Any],
             correlation_id: str | None) -> dict[str, Any]:
        head = {"mutation_id": m["mutation_id"], "id": m["id"]}
        mid = m["mutation_id"]
        stored = receipts.get([mid]).get(mid)
        if stored is not None:
            return syncing.repeat(stored)
        key = f"{device_id}:{mid}"
        inside = self.store.mutation_result(scope, m["id"], key)
        if inside is not None:  # applied, but the receipt was not written (a crash in between) or is gone
            return self._recalled(receipts, head, inside)
        try:
            result = self._decide(scope, m, key, correlation_id, head)
        except Remembered as exc:  # the first attempt, racing this one, wrote first
            return self._recalled(receipts, head, exc.entry)
        receipts.put({mid: result})
        return result

    @staticmethod
    def _recalled(receipts: syncing.Receipts, head: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
        """The first result, as the nudge remembers it (shared.syncing)."""
        first = syncing.first_result(head, entry, entry.get("v") or 0)
        receipts.put({head["mutation_id"]: {**head, "status": first["first_status"], "version": first["version"]}})
        return first

    def _decide(self, scope: Scope, m: dict[str, Any], key: str, correlation_id: str | None,
                head: dict[str, Any]) -> dict[str, Any]:
        if m["op"] == "delete":
            return {**head, "status": REJECTED, "reason": "not_deletable",
                    "errors": {"op": ["nudges cannot be deleted; dismiss them instead"]}}
        doc = self.store.get(scope, m["id"])
        if doc is None:
            return {**head, "status": REJECTED, "reason": "not_found"}
        if doc["status"] == "withdrawn":
            return {**head, "status": REJECTED, "reason": "deleted", "version": doc["version"]}
        base = m.get("base_version")
        if base is None:
            return {**head, "status": REJECTED, "reason": "invalid",
                    "errors": {"base_version": ["required: nudges are created by the coach, not by devices"]}}
        if base > doc["version"]:
            return {**head, "status": REJECTED, "reason": "base_version_ahead",
                    "errors": {"base_version": [f"ahead of the server's version {doc['version']}"]}}
        try:
            fields = _FIELDS.load(m.get("fields") or {})
        except ValidationError as exc:
            return {**head, "status": REJECTED, "reason": "invalid", "errors": exc.messages}
        target = fields["status"]
        mutation = {"k": key}

        def guard(current: dict[str, Any]) -> None:
            if current["version"] != base:  # written since the base: perhaps by this mutation's first attempt
                entry = self.store.mutation_result(scope, m["id"], key)
                if entry is not None:
                    raise Remembered(entry)
            if int(current.get("status_version") or 1) > base and current["status"] != target:
                raise StatusChanged(current)
            # decided here, on the version written over, and remembered in the same write
            mutation["s"] = APPLIED if current["version"] == base else MERGED

        try:
            after, changed = self.nudges.act(
                scope, m["id"], ACTION_FOR[target], reason=fields.get("reason"), note=fields.get("note"),
                until=fields.get("snoozed_until"), interaction=fields.get("interaction"),
                correlation_id=correlation_id, mutation=mutation, guard=guard)
        except StatusChanged as exc:
            return {**head, "status": CONFLICT, "version": exc.doc["version"], "record": exc.doc,
                    "conflicts": [{"field": "status", "server_value": exc.doc["status"],
                                   "changed_in_version": int(exc.doc.get("status_version") or 1)}]}
        except Busy:
            raise  # transient: the whole push is answered 503 (Retry-After); a resend repeats what applied
        except DomainError as exc:
            return {**head, "status": REJECTED, "reason": exc.slug.replace("-", "_"),
                    "errors": getattr(exc, "errors", None) or {"fields": [exc.detail]}}
        # what the guard decided and the nudge now remembers; a change already made is `applied`
        return {**head, "status": mutation["s"] if changed else APPLIED, "version": after["version"]}
