"""An in-memory server keeping the sync protocol's rules (docs/sync-protocol.md §4–6) for the engine's
tests: versions, per-field versions and conflicts, receipts by (device, mutation id), merges with
tombstones and relinking, a change log for pulls, paged. The scopes' differences (§9): nudges take no
`collection`, need `base_version` and are not deletable; the goals plan is not deletable; a resend of
a conflict or rejection is answered `duplicate` in contacts, the first result as it was elsewhere.
Faults are switched on by the tests: no network, an answer lost after the writes, a 503, a 410, a refusal.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from rapport_sdk.errors import NetworkError

COLLECTIONS = {"contacts": ("gatherings", "contacts", "interactions"), "nudges": ("nudges",),
               "goals": ("goals", "objectives", "plan")}
TIME = "2026-12-02T09:00:00.000Z"


def same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def problem(status: int, slug: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    return status, {"type": f"https://rapport.example/problems/{slug}", "status": status, "title": slug,
                    "server_time": TIME, **extra}


@dataclass
class Stored:
    collection: str
    id: str
    version: int
    fields: dict[str, Any]
    field_versions: dict[str, int]
    deleted: bool = False
    merged_into: str | None = None


@dataclass
class FakeServer:
    records: dict[tuple[str, str], Stored] = field(default_factory=dict)
    log: list[tuple[int, tuple[str, str]]] = field(default_factory=list)
    receipts: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    writes: int = 0
    pushes: list[dict[str, Any]] = field(default_factory=list)
    pulls: list[dict[str, Any]] = field(default_factory=list)
    offline: bool = False
    lose_next_answer: bool = False
    fail_next_push: int = 0
    fail_next_pull: int = 0
    gone_cursors: bool = False
    refuse: tuple[int, str] | None = None       # every request answered this problem
    max_mutations: int = 100
    page_size: int = 1000                        # log slots read per pull page, at most
    server_error_once: set[str] = field(default_factory=set)  # mutation ids answered server_error once

    def transport(self) -> FakeServer:
        return self

    def record(self, collection: str, id: str) -> Stored | None:
        return self.records.get((collection, id))

    def _touch(self, rec: Stored) -> None:
        self.log.append((len(self.log) + 1, (rec.collection, rec.id)))
        self.writes += 1

    # -- writes made on the server by someone else (another device, the coach, the REST API) ----

    def seed(self, collection: str, id: str, fields: dict[str, Any]) -> Stored:
        rec = Stored(collection, id, 1, dict(fields), {f: 1 for f in fields})
        self.records[(collection, id)] = rec
        self._touch(rec)
        return rec

    def edit(self, collection: str, id: str, fields: dict[str, Any]) -> None:
        rec = self.records[(collection, id)]
        rec.version += 1
        for f, v in fields.items():
            rec.fields[f] = v
            rec.field_versions[f] = rec.version
        self._touch(rec)

    def delete(self, collection: str, id: str) -> None:
        rec = self.records[(collection, id)]
        rec.deleted, rec.version = True, rec.version + 1
        self._touch(rec)

    # -- push ----------------------------------------------------------------------------------

    def push(self, scope: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self.offline:
            raise NetworkError("no network")
        self.pushes.append(copy.deepcopy(body))
        if self.refuse:
            return problem(*self.refuse)
        if self.fail_next_push > 0:
            self.fail_next_push -= 1
            return problem(503, "unavailable")
        if len(body["mutations"]) > self.max_mutations:
            return problem(413, "payload-too-large", limit=self.max_mutations, limit_name="mutations_per_push")
        results = [self._apply(scope, body["device_id"], m) for m in body["mutations"]]
        if self.lose_next_answer:
            self.lose_next_answer = False
            raise NetworkError("the answer was lost")
        return 200, {"server_time": TIME, "results": results}

    def _apply(self, scope: str, device: str, m: dict[str, Any]) -> dict[str, Any]:
        receipt = self.receipts.get((device, m["mutation_id"]))
        if receipt is not None:
            if scope != "contacts" and receipt["status"] in ("conflict", "rejected"):
                return dict(receipt)
            return {**receipt, "status": "duplicate", "first_status": receipt["status"]}
        if m["mutation_id"] in self.server_error_once:
            self.server_error_once.discard(m["mutation_id"])
            return {"mutation_id": m["mutation_id"], "id": m["id"], "status": "rejected", "reason": "server_error"}
        result = self._decide(scope, m)
        self.receipts[(device, m["mutation_id"])] = result
        return result

    def _refused(self, scope: str, m: dict[str, Any], echo: dict[str, Any]) -> dict[str, Any] | None:
        if scope == "nudges":
            if "collection" in m:
                return {**echo, "status": "rejected", "reason": "invalid", "errors": {"collection": ["unknown"]}}
            if m["op"] == "delete":
                return {**echo, "status": "rejected", "reason": "not_deletable"}
            if m.get("base_version") is None or "status" not in (m.get("fields") or {}):
                return {**echo, "status": "rejected", "reason": "invalid", "errors": {"base_version": ["required"]}}
        elif m.get("collection") not in COLLECTIONS[scope]:
            return {**echo, "status": "rejected", "reason": "invalid", "errors": {"collection": ["required"]}}
        if m.get("collection") == "plan" and m["op"] == "delete":
            return {**echo, "status": "rejected", "reason": "not_deletable"}
        if m["op"] == "upsert" and not isinstance(m.get("fields"), dict):
            return {**echo, "status": "rejected", "reason": "invalid", "errors": {"fields": ["required"]}}
        if (m.get("fields") or {}).get("display_name") == "":
            return {**echo, "status": "rejected", "reason": "invalid", "errors": {"display_name": ["empty"]}}
        return None

    def _decide(self, scope: str, m: dict[str, Any]) -> dict[str, Any]:
        collection = "nudges" if scope == "nudges" else m.get("collection")
        echo: dict[str, Any] = {"mutation_id": m["mutation_id"], "id": m["id"]}
        if scope != "nudges":
            echo["collection"] = collection
        refused = self._refused(scope, m, echo)
        if refused is not None:
            return refused
        rec = self.record(str(collection), m["id"])
        if m["op"] in ("delete", "merge"):
            return self._remove(rec, m, echo)
        if rec is None:
            if m.get("base_version") is not None:
                return {**echo, "status": "rejected", "reason": "not_found"}
            return self._create(str(collection), m, echo)
        if rec.deleted:
            return {**echo, "status": "rejected", "reason": "deleted", "version": rec.version,
                    "merged_into": rec.merged_into}
        return self._edit(scope, rec, m, echo)

    def _remove(self, rec: Stored | None, m: dict[str, Any], echo: dict[str, Any]) -> dict[str, Any]:
        if rec is None:
            return {**echo, "status": "rejected", "reason": "not_found"}
        rec.deleted, rec.version = True, rec.version + 1
        if m["op"] == "merge":
            rec.merged_into = m["merge_into"]
            for other in self.records.values():
                if other.collection == "interactions" and other.fields.get("contact_id") == m["id"]:
                    other.version += 1
                    other.fields["contact_id"] = m["merge_into"]
                    other.field_versions["contact_id"] = other.version
                    self._touch(other)
        self._touch(rec)
        return {**echo, "status": "applied", "version": rec.version}

    def _create(self, collection: str, m: dict[str, Any], echo: dict[str, Any]) -> dict[str, Any]:
        fields = dict(m["fields"])
        target = self.record("contacts", str(fields.get("contact_id"))) if collection == "interactions" else None
        relinked = target.merged_into if target else None
        if relinked:
            fields["contact_id"] = relinked
        created = Stored(collection, m["id"], 1, fields, {f: 1 for f in fields})
        dupes = self._duplicates_of(created) if collection == "contacts" else []
        self.records[(collection, m["id"])] = created
        self._touch(created)
        out = {**echo, "status": "applied", "version": 1}
        if dupes:
            out["possible_duplicates"] = dupes
        if relinked:
            out["relinked_to"] = relinked
        return out

    def _edit(self, scope: str, rec: Stored, m: dict[str, Any], echo: dict[str, Any]) -> dict[str, Any]:
        base = m.get("base_version") or 0
        if base > rec.version:
            return {**echo, "status": "rejected", "reason": "base_version_ahead", "version": rec.version}
        changed = {f: v for f, v in m["fields"].items() if not same(rec.fields.get(f), v)}
        conflicts = [{"field": f, "server_value": rec.fields.get(f), "changed_in_version": rec.field_versions[f]}
                     for f in changed if rec.field_versions.get(f, 0) > base]
        if conflicts:
            out = {**echo, "status": "conflict", "version": rec.version, "conflicts": conflicts}
            return {**out, "record": self.wire(rec)} if scope == "contacts" else out
        at_base = rec.version == base
        if changed:
            rec.version += 1
            for f, v in changed.items():
                rec.fields[f] = v
                rec.field_versions[f] = rec.version
            self._touch(rec)
        out = {**echo, "status": "applied" if at_base else "merged", "version": rec.version}
        return {**out, "record": self.wire(rec)} if not at_base and scope == "contacts" else out

    def _duplicates_of(self, created: Stored) -> list[dict[str, Any]]:
        emails = created.fields.get("emails") or []
        return [{"id": r.id, "display_name": str(r.fields.get("display_name")), "reasons": ["email"]}
                for r in self.records.values()
                if r.collection == "contacts" and not r.deleted and set(r.fields.get("emails") or []) & set(emails)]

    def wire(self, rec: Stored) -> dict[str, Any]:
        return {"id": rec.id, "version": rec.version, "updated_at": TIME, **copy.deepcopy(rec.fields)}

    # -- pull ----------------------------------------------------------------------------------

    def pull(self, scope: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.offline:
            raise NetworkError("no network")
        self.pulls.append({"scope": scope, **query})
        if self.refuse:
            return problem(*self.refuse)
        if self.fail_next_pull > 0:
            self.fail_next_pull -= 1
            return problem(503, "unavailable")
        cursor = query.get("cursor")
        if cursor is not None and not cursor.startswith("c"):
            return problem(400, "invalid-cursor")
        if self.gone_cursors and cursor is not None:
            return problem(410, "resync-required")
        after = int(cursor[1:]) if cursor else 0
        collections = COLLECTIONS[scope]
        newest = {key: seq for seq, key in self.log}
        slots = [(seq, key) for seq, key in self.log if seq > after and key[0] in collections]
        page = slots[:min(self.page_size, int(query.get("limit", "200")))]
        rest = slots[len(page):]
        changes: dict[str, dict[str, list[Any]]] = {c: {"upserted": [], "deleted": []} for c in collections}
        for seq, key in page:
            if newest[key] != seq:
                continue  # a record is sent at its newest change only
            rec = self.records[key]
            if rec.deleted:
                changes[rec.collection]["deleted"].append(
                    {"id": rec.id, "version": rec.version, "deleted_at": TIME, "merged_into": rec.merged_into})
            else:
                changes[rec.collection]["upserted"].append(self.wire(rec))
        last = page[-1][0] if page else max(after, 0)
        return 200, {"server_time": TIME, "has_more": bool(rest), "next_cursor": f"c{last}", "changes": changes}


class Device:
    """One install: its own store file and engine, syncing as `name` with the fake server."""

    def __init__(self, server: FakeServer, directory: Any, name: str, **engine: Any) -> None:
        from datetime import datetime, timezone

        from rapport_sdk.sync import Store, SyncEngine

        self.path = directory / f"{name}.db"
        self.name = name
        self.store = Store(self.path, now=lambda: datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc))
        self.engine = SyncEngine(server.transport(), lambda: name, self.store, **engine)
        self.server = server

    def run(self) -> Any:
        return self.engine.run()
