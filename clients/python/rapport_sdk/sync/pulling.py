"""What a pull page does to the device's store (docs/sync-protocol.md §6): upserts replace the
server's copy (changes still waiting stay shown over it), tombstones drop the record (deletes
win: its unsent mutations go too) and re-link what pointed at a merged contact. A page is
applied whole, then the cursor moves, in one transaction.
"""
from __future__ import annotations

from typing import Any

from .db import Database
from .model import SCOPES, Row, overlay

CURSOR = "cursor.{}"


def cursor_key(scope: str) -> str:
    return CURSOR.format(scope)


def apply_page(db: Database, scope: str, changes: dict[str, Any], next_cursor: str | None) -> int:
    count = 0
    with db.tx():
        for collection in SCOPES[scope]:
            page = changes.get(collection) or {}
            for server in page.get("upserted") or []:
                upserted(db, collection, server)
                count += 1
            for stone in page.get("deleted") or []:
                deleted(db, collection, stone)
                count += 1
        if next_cursor:
            db.set_meta(cursor_key(scope), next_cursor)
    return count


def upserted(db: Database, collection: str, server: dict[str, Any]) -> None:
    id = str(server["id"])
    version = server.get("version") if isinstance(server.get("version"), int) else None
    row = db.row(collection, id)
    if row is not None and row.version is not None and version is not None and version < row.version:
        return  # older than what this device already has (a push answer brought it)
    pending = db.pending_for(collection, id)
    if not pending and (row is None or row.state != "conflict"):
        db.put(Row(collection, id, data=overlay(server, []), version=version, server=server, state="synced"))
        return
    base = row if row is not None else Row(collection, id, state="local")
    base.data = overlay(server, pending, base.conflicts)
    base.server, base.version = server, version
    db.put(base)


def deleted(db: Database, collection: str, stone: dict[str, Any]) -> None:
    id = str(stone["id"])
    db.unqueue([m.seq for m in db.pending_for(collection, id) if not m.sent])  # deletes win
    db.drop(collection, id)
    if collection == "contacts" and stone.get("merged_into"):
        db.relink(id, str(stone["merged_into"]))


def start_over(db: Database, scope: str, drop_synced: bool) -> None:
    """410 (or a cursor the server does not know): pull everything again. Records with changes still queued
    stay (pushes do not depend on the cursor); with `drop_synced` the rest is dropped and pulled anew."""
    with db.tx():
        db.set_meta(cursor_key(scope), None)
        if drop_synced:
            db.drop_synced(SCOPES[scope])
