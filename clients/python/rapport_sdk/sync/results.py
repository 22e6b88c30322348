"""What a push's results do to the device's store (docs/sync-protocol.md §4 *Results*):
applied/merged/duplicate end the mutation; conflict keeps both values for the member to choose;
rejected marks the record (server_error stays queued, to be decided again; deletes win).

Called inside the transaction that applies the whole answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .db import Database
from .model import Conflict, FieldConflict, Mutation, Rejection, Row, overlay, same, visible


@dataclass
class Outcome:
    up: int = 0
    again: bool = False          # a mutation stays queued, to be decided again later
    conflicts: list[Conflict] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def apply_results(db: Database, batch: list[Mutation], results: list[Any], server_time: str | None) -> Outcome:
    out = Outcome()
    for i, m in enumerate(batch):
        r = results[i] if i < len(results) and isinstance(results[i], dict) else None
        if r is None or r.get("mutation_id") not in (None, m.mutation_id):
            out.again = True  # no answer for it (or out of step): it is sent again, the same body
            continue
        status = (r.get("first_status") or "applied") if r.get("status") == "duplicate" else r.get("status")
        if status == "rejected" and r.get("reason") == "server_error":
            out.again = True
            continue
        db.unqueue([m.seq])
        out.up += 1
        if status in ("applied", "merged"):
            written(db, m, r, status)
        elif status == "conflict":
            out.conflicts.append(conflicted(db, m, r, server_time))
        else:
            out.rejected.append(rejected(db, m, r))
    return out


def _rebase(db: Database, m: Mutation, r: dict[str, Any], status: str, row: Row) -> None:
    """Later unsent edits of the record made on the version `m` was made on move to the version `m` gave, when
    nothing but `m` can lie between: `applied` (the record was still at base), or `merged` with the server's
    record showing that none of the fields they change was changed by someone else."""
    version = r.get("version")
    if not isinstance(version, int):
        return
    others: set[str] | None = set()
    if status == "merged":
        record = r.get("record")
        if not isinstance(record, dict):
            others = None
        else:
            expected = {**visible(row.server), **(m.fields or {})}
            got = visible(record)
            others = {k for k in set(expected) | set(got) if not same(expected.get(k), got.get(k))}
    if others is None:
        return
    for later in db.pending_for(m.collection, m.id):
        if not later.sent and later.base_version == m.base_version and not (set(later.fields or {}) & others):
            later.base_version = version
            db.update_unsent(later)


def written(db: Database, m: Mutation, r: dict[str, Any], status: str) -> None:
    row = db.row(m.collection, m.id)
    if m.op != "upsert":
        if row is not None:
            db.drop(m.collection, m.id)
        return
    if row is None:
        return
    hints = r.get("possible_duplicates") or []
    for h in hints:
        db.offer(str(h.get("id")), m.id, [str(h.get("display_name", "")), str(row.data.get("display_name", ""))],
                 list(h.get("reasons") or []))
    _rebase(db, m, r, status, row)
    pending = db.pending_for(m.collection, m.id)
    relinked = {"contact_id": r["relinked_to"]} if r.get("relinked_to") else {}
    version = r.get("version") if isinstance(r.get("version"), int) else row.version
    server = r.get("record") if isinstance(r.get("record"), dict) else {
        **(row.server or {}), **(m.fields or {}), **relinked, "id": m.id, "version": version}
    row.data = overlay(server, pending, row.conflicts)
    row.server, row.version, row.problem = server, version, None
    row.state = "conflict" if row.state == "conflict" else ("local" if pending else "synced")
    db.put(row)


def conflicted(db: Database, m: Mutation, r: dict[str, Any], server_time: str | None) -> Conflict:
    mine = m.fields or {}
    fields = tuple(FieldConflict(field=str(c.get("field")), mine=mine.get(str(c.get("field"))),
                                 server_value=c.get("server_value"), changed_in_version=c.get("changed_in_version"))
                   for c in r.get("conflicts") or [] if isinstance(c, dict))
    version = r.get("version") if isinstance(r.get("version"), int) else None
    record = r.get("record") if isinstance(r.get("record"), dict) else None
    conflict = Conflict(scope=m.scope, collection=m.collection, id=m.id, version=version, fields=fields,
                        record=record, at=server_time)
    row = db.row(m.collection, m.id)
    if row is None:
        return conflict
    server = record if record is not None else {
        **(row.server or {}), **{f.field: f.server_value for f in fields}, "id": m.id, "version": version}
    row.conflicts = [{"field": f.field, "mine": f.mine, "server_value": f.server_value,
                      "changed_in_version": f.changed_in_version} for f in fields]
    row.data = overlay(server, db.pending_for(m.collection, m.id), row.conflicts)
    row.server, row.version = server, version if version is not None else row.version
    row.state, row.conflict_fields, row.conflict_at = "conflict", dict(mine), server_time
    db.put(row)
    return conflict


def rejected(db: Database, m: Mutation, r: dict[str, Any]) -> Rejection:
    reason = str(r.get("reason") or "invalid")
    errors = r.get("errors") if isinstance(r.get("errors"), dict) else None
    rejection = Rejection(scope=m.scope, collection=m.collection, id=m.id, mutation_id=m.mutation_id,
                          reason=reason, errors=errors)
    row = db.row(m.collection, m.id)
    if row is None:
        return rejection
    if reason == "deleted" or (reason == "not_found" and m.op != "upsert"):  # deletes win
        db.unqueue([p.seq for p in db.pending_for(m.collection, m.id) if not p.sent])
        db.drop(m.collection, m.id)
        if m.collection == "contacts" and r.get("merged_into"):
            db.relink(m.id, str(r["merged_into"]))
        return rejection
    row.state, row.problem = "rejected", {"reason": reason, "errors": errors}
    db.put(row)
    return rejection


def too_large(db: Database, m: Mutation) -> Rejection:
    """A single mutation the server refuses as too large: it can never be sent, so it leaves the queue."""
    db.unqueue([m.seq])
    return rejected(db, m, {"reason": "payload_too_large"})
