"""What the sync engine and its store share: scopes, rows, mutations, and what a run reports.

A record row is the server's record as last seen (`server`, at `version`) with this device's
unsynced changes laid over it (`data`, the visible fields), and its state:
  'synced'   nothing of it waits; the visible fields are the server's
  'local'    saved on this device, waiting in the outbox
  'conflict' the server refused a change because another device changed the same field
  'rejected' the server refused a change for another reason (`problem` says which)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

Scope = Literal["contacts", "nudges", "goals"]
State = Literal["synced", "local", "conflict", "rejected"]
Op = Literal["upsert", "delete", "merge"]

# push order of the scopes, and of the collections within a scope (a gathering before the contact met there)
SCOPES: dict[str, tuple[str, ...]] = {
    "contacts": ("gatherings", "contacts", "interactions"),
    "goals": ("goals", "objectives", "plan"),
    "nudges": ("nudges",),
}

# fields a mutation of the collection always names, changed or not: the server decides a
# nudge's change by its status (a new snooze time is a snooze)
ALWAYS_SENT: dict[str, tuple[str, ...]] = {"nudges": ("status",)}

# what the wire puts beside the fields of a record; never stored as a visible field
RESERVED = ("id", "version")


def scope_of(collection: str) -> str:
    for scope, collections in SCOPES.items():
        if collection in collections:
            return scope
    raise ValueError(f"no sync scope holds the collection {collection!r}")


def iso(moment: datetime) -> str:
    """The one instant format of Rapport: UTC, RFC 3339, milliseconds, Z."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def visible(fields: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (fields or {}).items() if k not in RESERVED}


@dataclass
class Mutation:
    mutation_id: str
    scope: str
    collection: str
    id: str
    op: str
    base_version: int | None
    client_time: str
    fields: dict[str, Any] | None = None
    merge_into: str | None = None
    sent: bool = False
    seq: int | None = None

    def wire(self) -> dict[str, Any]:
        """The mutation as a push sends it: nudges carry no collection (docs/sync-protocol.md §9)."""
        out: dict[str, Any] = {"mutation_id": self.mutation_id, "id": self.id, "op": self.op,
                               "client_time": self.client_time}
        if self.scope != "nudges":
            out["collection"] = self.collection
        if self.base_version is not None:
            out["base_version"] = self.base_version
        if self.op == "upsert":
            out["fields"] = self.fields or {}
        if self.op == "merge":
            out["merge_into"] = self.merge_into
        return out


@dataclass
class Row:
    collection: str
    id: str
    data: dict[str, Any] = field(default_factory=dict)
    version: int | None = None
    server: dict[str, Any] | None = None
    state: str = "local"
    deleted: bool = False
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    conflict_fields: dict[str, Any] | None = None
    conflict_at: str | None = None
    problem: dict[str, Any] | None = None

    def view(self) -> dict[str, Any]:
        """The record as an app shows it: the visible fields, `id`, `version`, and `_`-prefixed state."""
        out: dict[str, Any] = {**self.data, "id": self.id, "version": self.version, "_state": self.state}
        if self.deleted:
            out["_deleted"] = True
        if self.conflicts:
            out["_conflicts"] = [dict(c) for c in self.conflicts]
            out["_conflict_at"] = self.conflict_at
        if self.problem:
            out["_problem"] = dict(self.problem)
        return out


def overlay(server: dict[str, Any] | None, pending: list[Mutation],
            conflicts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The record's fields as this device shows them: the server's copy, then what waits."""
    shown = visible(server)
    for c in conflicts or []:
        shown[c["field"]] = c["mine"]
    for m in pending:
        if m.op == "upsert":
            shown.update(m.fields or {})
    return shown


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any
    server_value: Any
    changed_in_version: int | None


@dataclass(frozen=True)
class Conflict:
    """A change the server refused because another device changed the same field(s)."""
    scope: str
    collection: str
    id: str
    version: int | None          # the server's version now: a resolved edit is made on it
    fields: tuple[FieldConflict, ...]
    record: dict[str, Any] | None
    at: str | None               # the server's time of the answer


@dataclass(frozen=True)
class Rejection:
    scope: str
    collection: str
    id: str
    mutation_id: str
    reason: str
    errors: dict[str, Any] | None = None


@dataclass
class ScopeCounts:
    up: int = 0     # mutations the server answered (for good)
    down: int = 0   # changes pulled (upserts and tombstones)


@dataclass
class Report:
    scopes: dict[str, ScopeCounts] = field(default_factory=lambda: {s: ScopeCounts() for s in SCOPES})
    conflicts: list[Conflict] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    offline: bool = False        # no network: the run stopped, nothing lost, run again later
    retry_later: bool = False    # the server asked to come back (5xx, 429) or a mutation is to be decided again
    server_time: str | None = None

    @property
    def pushed(self) -> int:
        return sum(c.up for c in self.scopes.values())

    @property
    def pulled(self) -> int:
        return sum(c.down for c in self.scopes.values())


class SyncStopped(Exception):
    """A refusal retrying cannot fix (access revoked, not this device, the app too old, a bad request)."""

    def __init__(self, slug: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{slug}: {message}")
        self.slug = slug
        self.message = message
        self.status = status
