"""The outbox inside the document: one atomic write changes state and records its events.

MongoDB (and FerretDB) give atomicity per document, so a document carries its own pending
events. `insert` and `update` below are the only ways services write an aggregate with
events; the relay (`shared.relay`) publishes and then removes them. A crash after the write
loses nothing (the events are in the document); a failed write records nothing.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from pymongo import ReturnDocument
from pymongo.errors import BulkWriteError

from . import clock
from .db import Scoped, duplicate_positions, is_duplicate_key
from .events import Event


def _pending(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [e.to_dict() for e in events]


def insert(coll: Scoped, document: dict[str, Any], events: Iterable[Event]) -> dict[str, Any]:
    """Insert a new aggregate at version 1 with its events."""
    pending = _pending(events)
    document["version"] = 1
    document["outbox"] = pending
    document["outbox_pending"] = bool(pending)
    if pending:
        document["outbox_since"] = clock.now()
    coll.insert_one(document)
    return document


def insert_many(coll: Scoped, items: Sequence[tuple[dict[str, Any], Iterable[Event]]]) -> set[int]:
    """Insert new aggregates at version 1 with their events, each on its own (one round trip).

    Returns the positions that were not inserted because their `_id` already exists; any
    other error is raised. Each document is still written atomically with its events.
    """
    if not items:
        return set()
    now = clock.now()
    documents = []
    for document, events in items:
        pending = _pending(events)
        document.update(version=1, outbox=pending, outbox_pending=bool(pending))
        if pending:
            document["outbox_since"] = now
        documents.append(document)
    try:
        coll.insert_many(documents, ordered=False)
    except BulkWriteError as exc:
        if not is_duplicate_key(exc):
            raise
        return duplicate_positions(exc)
    return set()


def update(coll: Scoped, filter: dict[str, Any], version: int, events: Iterable[Event], *,
           set: dict[str, Any] | None = None, unset: Iterable[str] = (),
           extra: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Change an aggregate if it is still at `version`: bump the version, append events.

    Returns the new document, or None when the document is gone or another writer got
    there first (the caller reloads and decides again).
    """
    pending = _pending(events)
    update_doc: dict[str, Any] = {"$inc": {"version": 1}}
    sets = dict(set or {})
    if pending:
        sets["outbox_pending"] = True
        update_doc["$push"] = {"outbox": {"$each": pending}}
        update_doc["$min"] = {"outbox_since": clock.now()}
    if sets:
        update_doc["$set"] = sets
    unset = list(unset)
    if unset:
        update_doc["$unset"] = {k: "" for k in unset}
    for op, fields in (extra or {}).items():
        update_doc.setdefault(op, {}).update(fields)
    return coll.find_one_and_update({**filter, "version": version}, update_doc,
                                    return_document=ReturnDocument.AFTER)
