"""The device's sync database: one SQLite file (WAL) holding every synced record, the outbox of
changes waiting for the server, the pull cursors and the duplicate offers.

Every local change and every applied push answer or pull page is one transaction (`tx()`), so a
run cut short leaves either all of a change or none of it. The schema is versioned with
`PRAGMA user_version`.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .model import Mutation, Row

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE records (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER,
        data TEXT NOT NULL,
        server TEXT,
        state TEXT NOT NULL CHECK (state IN ('synced', 'local', 'conflict', 'rejected')),
        deleted INTEGER NOT NULL DEFAULT 0,
        conflicts TEXT,
        conflict_fields TEXT,
        conflict_at TEXT,
        problem TEXT,
        PRIMARY KEY (collection, id)
    );
    CREATE INDEX records_state ON records (state);
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL,
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'merge')),
        base_version INTEGER,
        fields TEXT,
        merge_into TEXT,
        client_time TEXT NOT NULL,
        sent INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX outbox_record ON outbox (collection, id);
    CREATE INDEX outbox_scope ON outbox (scope, seq);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE duplicates (
        keep TEXT NOT NULL,
        other TEXT NOT NULL,
        names TEXT NOT NULL,
        reasons TEXT NOT NULL,
        dismissed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (keep, other)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_ROW_COLUMNS = "collection, id, version, data, server, state, deleted, conflicts, conflict_fields, conflict_at, problem"
_OUTBOX_COLUMNS = "seq, mutation_id, scope, collection, id, op, base_version, fields, merge_into, client_time, sent"


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, default=str)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _row(r: sqlite3.Row) -> Row:
    return Row(collection=r["collection"], id=r["id"], version=r["version"], data=_load(r["data"]) or {},
               server=_load(r["server"]), state=r["state"], deleted=bool(r["deleted"]),
               conflicts=_load(r["conflicts"]) or [], conflict_fields=_load(r["conflict_fields"]),
               conflict_at=r["conflict_at"], problem=_load(r["problem"]))


def _mutation(r: sqlite3.Row) -> Mutation:
    return Mutation(seq=r["seq"], mutation_id=r["mutation_id"], scope=r["scope"], collection=r["collection"],
                    id=r["id"], op=r["op"], base_version=r["base_version"], fields=_load(r["fields"]),
                    merge_into=r["merge_into"], client_time=r["client_time"], sent=bool(r["sent"]))


class Database:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn = sqlite3.connect(self.path, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._depth = 0
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._migrate()

    def _migrate(self) -> None:
        with self.tx():
            current = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path} has sync schema {current}; this SDK knows up to {SCHEMA_VERSION}")
            for version in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def tx(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._depth = 0

    # -- records -------------------------------------------------------------------------------

    def row(self, collection: str, id: str) -> Row | None:
        r = self._conn.execute(f"SELECT {_ROW_COLUMNS} FROM records WHERE collection = ? AND id = ?",
                               (collection, id)).fetchone()
        return _row(r) if r else None

    def rows(self, collection: str | None = None, state: str | None = None) -> list[Row]:
        sql, args = f"SELECT {_ROW_COLUMNS} FROM records WHERE 1 = 1", list[str]()
        if collection is not None:
            sql, args = sql + " AND collection = ?", [*args, collection]
        if state is not None:
            sql, args = sql + " AND state = ?", [*args, state]
        return [_row(r) for r in self._conn.execute(sql + " ORDER BY collection, id", args)]

    def put(self, row: Row) -> None:
        self._conn.execute(
            f"INSERT OR REPLACE INTO records ({_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.collection, row.id, row.version, _dump(row.data), _dump(row.server), row.state, int(row.deleted),
             _dump(row.conflicts or None), _dump(row.conflict_fields), row.conflict_at, _dump(row.problem)))

    def drop(self, collection: str, id: str) -> None:
        self._conn.execute("DELETE FROM records WHERE collection = ? AND id = ?", (collection, id))

    def drop_synced(self, collections: tuple[str, ...]) -> None:
        marks = ", ".join("?" for _ in collections)
        self._conn.execute(f"DELETE FROM records WHERE state = 'synced' AND collection IN ({marks})", collections)

    # -- outbox --------------------------------------------------------------------------------

    def add(self, m: Mutation) -> None:
        self._conn.execute(
            "INSERT INTO outbox (mutation_id, scope, collection, id, op, base_version, fields, merge_into,"
            " client_time, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (m.mutation_id, m.scope, m.collection, m.id, m.op, m.base_version, _dump(m.fields), m.merge_into,
             m.client_time, int(m.sent)))

    def queued(self, scope: str | None = None) -> list[Mutation]:
        sql, args = f"SELECT {_OUTBOX_COLUMNS} FROM outbox", tuple[str, ...]()
        if scope is not None:
            sql, args = sql + " WHERE scope = ?", (scope,)
        return [_mutation(r) for r in self._conn.execute(sql + " ORDER BY seq", args)]

    def pending_for(self, collection: str, id: str) -> list[Mutation]:
        rows = self._conn.execute(f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE collection = ? AND id = ? ORDER BY seq",
                                  (collection, id))
        return [_mutation(r) for r in rows]

    def update_unsent(self, m: Mutation) -> None:
        """Change a mutation not sent yet (a sent one is final: a resend is the same body)."""
        self._conn.execute("UPDATE outbox SET base_version = ?, fields = ?, client_time = ? WHERE seq = ? AND sent = 0",
                           (m.base_version, _dump(m.fields), m.client_time, m.seq))

    def mark_sent(self, seqs: list[int]) -> None:
        self._conn.executemany("UPDATE outbox SET sent = 1 WHERE seq = ?", [(s,) for s in seqs])

    def unqueue(self, seqs: list[int | None]) -> None:
        self._conn.executemany("DELETE FROM outbox WHERE seq = ?", [(s,) for s in seqs if s is not None])

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    # -- meta and duplicate offers -------------------------------------------------------------

    def meta(self, key: str) -> Any:
        r = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return _load(r["value"]) if r else None

    def set_meta(self, key: str, value: Any) -> None:
        if value is None:
            self._conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, _dump(value)))

    def offer(self, keep: str, other: str, names: list[str], reasons: list[str]) -> None:
        self._conn.execute(
            "INSERT INTO duplicates (keep, other, names, reasons) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (keep, other) DO UPDATE SET names = excluded.names, reasons = excluded.reasons",
            (keep, other, _dump(names), _dump(reasons)))

    def offers(self, include_dismissed: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT keep, other, names, reasons, dismissed FROM duplicates"
        if not include_dismissed:
            sql += " WHERE dismissed = 0"
        return [{"keep": r["keep"], "other": r["other"], "names": _load(r["names"]), "reasons": _load(r["reasons"]),
                 "dismissed": bool(r["dismissed"])} for r in self._conn.execute(sql + " ORDER BY keep, other")]

    def dismiss_offer(self, keep: str, other: str) -> None:
        self._conn.execute("UPDATE duplicates SET dismissed = 1 WHERE keep = ? AND other = ?", (keep, other))

    def relink(self, old: str, new: str) -> None:
        """Everything on this device that pointed at contact `old` points at `new` (a merge, here or on the server):
        local interactions, and the interaction mutations not sent yet."""
        linked = self._conn.execute(f"SELECT {_ROW_COLUMNS} FROM records WHERE collection = 'interactions'"
                                    " AND json_extract(data, '$.contact_id') = ?", (old,)).fetchall()
        for r in linked:
            row = _row(r)
            row.data["contact_id"] = new
            self.put(row)
        for m in self.queued("contacts"):
            if not m.sent and m.collection == "interactions" and (m.fields or {}).get("contact_id") == old:
                m.fields = {**(m.fields or {}), "contact_id": new}
                self.update_unsent(m)
        self._conn.execute("DELETE FROM duplicates WHERE keep = ? OR other = ?", (old, old))
