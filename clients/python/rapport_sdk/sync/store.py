"""Every change the member makes goes through the store: written to the local record at once
(shown, marked 'local') and queued as a sync mutation for the server.

Queue rules (docs/sync-protocol.md §4–5), so a retry never duplicates and an edit never
conflicts with the device's own earlier edit:
- a mutation's id is made once, when it is queued; a mutation sent once is never changed again
  (`sent`): every resend is the same body with the same `mutation_id`;
- edits to a record whose queued upsert has not been sent yet are folded into that upsert;
- `base_version` is the server version the member saw when editing (never a later one: that
  would overwrite a change made on another device without a conflict).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .db import Database
from .model import ALWAYS_SENT, Mutation, Row, iso, overlay, same, scope_of, visible


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def new_mutation_id() -> str:
    return str(uuid.uuid4())


class Store(Database):
    """The device's synced records and their outbox, in one SQLite file."""

    def __init__(self, path: str | Path, *, now: Callable[[], datetime] = utc_now,
                 new_id: Callable[[], str] = new_mutation_id) -> None:
        super().__init__(path)
        self.now = now
        self.new_id = new_id

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def get(self, collection: str, id: str) -> dict[str, Any] | None:
        """The record as shown: visible fields, `id`, `version`, `_state` (+ `_deleted`, `_conflicts`, `_problem`)."""
        scope_of(collection)
        row = self.row(collection, id)
        return row.view() if row else None

    def all(self, collection: str, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        scope_of(collection)
        return [r.view() for r in self.rows(collection) if include_deleted or not r.deleted]

    def pending(self) -> list[Mutation]:
        """The outbox, in the order it is pushed."""
        return self.queued()

    def pending_count(self) -> int:
        return self.count()

    def conflicts(self) -> list[dict[str, Any]]:
        return [r.view() for r in self.rows(state="conflict")]

    def rejected(self) -> list[dict[str, Any]]:
        return [r.view() for r in self.rows(state="rejected")]

    def duplicates(self) -> list[dict[str, Any]]:
        """Contacts the server said look alike: `{keep, other, names, reasons}`; `merge(keep, other)` merges them."""
        return self.offers()

    def dismiss_duplicate(self, keep: str, other: str) -> None:
        with self.tx():
            self.dismiss_offer(keep, other)

    # -- changing ------------------------------------------------------------------------------

    def save(self, collection: str, id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Create (`id` new) or edit a record. Only the fields that differ from what is shown are sent."""
        scope = scope_of(collection)
        fields = visible(fields)
        with self.tx():
            row = self.row(collection, id)
            if row is None:
                if scope == "nudges":
                    raise ValueError("nudges are made by the coach: a device only changes their status")
                row = Row(collection, id, data=dict(fields), state="local")
                self.put(row)
                self._queue(collection, id, "upsert", None, fields=dict(fields))
                return row.view()
            if row.deleted:
                raise ValueError(f"{collection}/{id} is deleted on this device")
            changed = {k: v for k, v in fields.items() if not same(row.data.get(k), v)}
            if not changed:
                return row.view()
            for k in ALWAYS_SENT.get(collection, ()):
                changed[k] = fields.get(k, row.data.get(k))
            row.data.update(changed)
            row.state = "conflict" if row.state == "conflict" else "local"
            row.problem = None
            self.put(row)
            waiting = next((m for m in self.pending_for(collection, id) if not m.sent and m.op == "upsert"), None)
            if waiting is not None:
                waiting.fields = {**(waiting.fields or {}), **changed}
                waiting.client_time = iso(self.now())
                self.update_unsent(waiting)
            else:
                self._queue(collection, id, "upsert", row.version, fields=changed)
            return row.view()

    def remove(self, collection: str, id: str) -> None:
        """Delete a record. One the server never knew is simply forgotten."""
        scope = scope_of(collection)
        if scope == "nudges" or collection == "plan":
            raise ValueError(f"{collection} cannot be deleted" + (" (dismiss it instead)" if scope == "nudges" else ""))
        with self.tx():
            row = self.row(collection, id)
            if row is None or self._forget_unsent(row):
                return
            row.deleted, row.state = True, "local"
            self.put(row)
            self._queue(collection, id, "delete", row.version)

    def merge(self, keep: str, other: str) -> None:
        """Merge contact `other` into `keep` (the one that stays). `other`'s interactions show under `keep` at
        once (and the unsent interaction mutations naming `other` are re-pointed); the server moves its own."""
        with self.tx():
            row = self.row("contacts", other)
            if row is None or keep == other:
                return
            self.relink(other, keep)
            if self._forget_unsent(row):
                return
            row.deleted, row.state = True, "local"
            row.data["merged_into"] = keep
            self.put(row)
            self._queue("contacts", other, "merge", row.version, merge_into=keep)

    def discard(self, collection: str, id: str) -> None:
        """Give up the changes that wait (or that the server refused): the server's copy is shown again. A
        mutation already sent stays queued: it is answered once, whatever happens here."""
        with self.tx():
            row = self.row(collection, id)
            if row is None:
                return
            pending = self.pending_for(collection, id)
            self.unqueue([m.seq for m in pending if not m.sent])
            if row.server is None:
                self.drop(collection, id)
                return
            sent = [m for m in pending if m.sent]
            self.put(Row(collection, id, data=overlay(row.server, sent), version=row.version, server=row.server,
                         state="local" if sent else "synced"))

    def resolve(self, collection: str, id: str, choices: dict[str, str]) -> dict[str, Any] | None:
        """The member's choice for each conflicting field, 'mine' (the default) or 'theirs' (the server's value).
        The choice is queued as a new mutation on the server's version now."""
        bad = {k: v for k, v in choices.items() if v not in ("mine", "theirs")}
        if bad:
            raise ValueError(f"choices are 'mine' or 'theirs', not {bad}")
        with self.tx():
            row = self.row(collection, id)
            if row is None or row.state != "conflict":
                return row.view() if row else None
            wanted = dict(row.conflict_fields or {})
            for c in row.conflicts:
                if choices.get(c["field"], "mine") == "theirs":
                    wanted.pop(c["field"], None)
                else:
                    wanted[c["field"]] = c["mine"]
            server = row.server or {}
            changed = {k: v for k, v in wanted.items() if not same(server.get(k), v)}
            pending = self.pending_for(collection, id)
            row.data = {**overlay(server, pending), **changed}
            row.conflicts, row.conflict_fields, row.conflict_at = [], None, None
            row.state = "local" if changed or pending else "synced"
            self.put(row)
            if changed:
                for k in ALWAYS_SENT.get(collection, ()):
                    changed.setdefault(k, row.data.get(k))
                self._queue(collection, id, "upsert", row.version, fields=changed)
            return row.view()

    # -- helpers -------------------------------------------------------------------------------

    def _forget_unsent(self, row: Row) -> bool:
        """Drop the record's unsent mutations; when the server never knew the record, drop it too (True)."""
        pending = self.pending_for(row.collection, row.id)
        unsent = [m for m in pending if not m.sent]
        self.unqueue([m.seq for m in unsent])
        if row.version is None and len(unsent) == len(pending):
            self.drop(row.collection, row.id)
            return True
        return False

    def _queue(self, collection: str, id: str, op: str, base_version: int | None, *,
               fields: dict[str, Any] | None = None, merge_into: str | None = None) -> None:
        self.add(Mutation(mutation_id=self.new_id(), scope=scope_of(collection), collection=collection, id=id,
                          op=op, base_version=base_version, client_time=iso(self.now()), fields=fields,
                          merge_into=merge_into))
