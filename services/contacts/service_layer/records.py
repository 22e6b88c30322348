"""Use cases of the contacts service's REST routes (records, duplicates, merges) and of the
events it follows; the operations sync shares with them are in `operations`.

Each use case runs in one `Batch`: records and their events are written atomically per
document, and every new version is logged for sync. What goes wrong is said with domain errors
(shared.errors); a write that keeps losing its race is `Busy` (shared.retry).

The record use cases take `batches`, what makes their `Batch` (by default on the store;
`adapters/memory.py`'s `InMemoryRecords.batches` for tests without a server). Lists and the
duplicate pairs query the collections themselves.
"""
from __future__ import annotations

import logging
import re
import uuid
from typing import Any, Callable

from shared import pagination
from shared.db import Scope
from shared.errors import Busy, Conflict, Invalid, not_found
from shared.retry import until_written

from ..adapters.store import NO_OUTBOX, Batch, collection
from ..domain import duplicates, merging, normalize
from ..domain.model import CONTACTS, INTERACTIONS
from ..domain.records import KINDS, FieldErrors, Kind, present
from .fields import clean, cleaned
from .operations import (HINT_FIELDS, OperationError, check_references, delete, duplicate_candidates,
                         merge_contacts)

log = logging.getLogger(__name__)

Batches = Callable[..., Batch]  # (scope, *, correlation_id=None) -> a Batch


# -- REST use cases -------------------------------------------------------------------------

def _live(b: Batch, kind: Kind, rid: str) -> dict:
    doc = b.get(kind.name, rid)
    if doc is None or doc.get("deleted"):
        raise not_found(kind.name[:-1])
    return doc


def _inserted(b: Batch, coll: str, rid: str) -> dict:
    """A record this batch has just flushed, as the store now has it."""
    doc = b.get(coll, rid)
    assert doc is not None, "a flushed record is kept by the batch (or its id was taken by one that is there)"
    return doc


def _invalid(errors: dict) -> Invalid:
    return Invalid("the request has invalid fields", errors=errors)


def get_record(kind: Kind, scope: Scope, rid: str, *, batches: Batches = Batch) -> dict:
    with batches(scope) as b:
        return _live(b, kind, rid)


def create_record(kind: Kind, scope: Scope, fields: dict | None, correlation_id: str | None, *,
                  batches: Batches = Batch) -> tuple[dict, list[dict]]:
    """Create from a REST body its route loaded with the POST schema (None: no body); contacts
    also get the probable duplicates found."""
    with batches(scope, correlation_id=correlation_id) as b:
        try:
            data = cleaned(kind, fields)
            check_references(b, kind, data)
        except FieldErrors as exc:
            raise _invalid(exc.errors) from None
        hints = []
        if kind.name == CONTACTS:
            candidate = {"_id": None, **data}
            hints = [m.to_dict() for m in duplicates.matches(candidate, duplicate_candidates(b, [data]))]
        doc = b.create(kind, str(uuid.uuid4()), data, extra={"source": "capture"} if kind.name == CONTACTS else None)
        if b.flush():
            raise Busy("could not store the record; try again")  # its new id was taken meanwhile
        return _inserted(b, kind.name, doc["_id"]), hints


def patch_record(kind: Kind, scope: Scope, rid: str, fields: dict | None, if_match: int | None,
                 correlation_id: str | None, *, batches: Batches = Batch) -> dict:
    """Change some fields, loaded by the route with the PATCH schema (None: no body). With
    If-Match, only if the record is still at that version (else 412)."""
    with batches(scope, correlation_id=correlation_id) as b:
        tries = 0

        def attempt() -> dict | None:
            nonlocal tries
            tries += 1
            doc = b.get(kind.name, rid, fresh=tries > 1)
            if doc is None or doc.get("deleted"):
                raise not_found(kind.name[:-1])
            if if_match is not None and doc["version"] != if_match:
                raise Conflict(f"the record is at version {doc['version']}, not {if_match}",
                               slug="version-mismatch", version=doc["version"])
            try:
                data = cleaned(kind, fields, doc)
                check_references(b, kind, data)
            except FieldErrors as exc:
                raise _invalid(exc.errors) from None
            changes = {k: v for k, v in data.items() if not merging.same(doc.get(k), v)}
            if not changes:
                return doc
            return b.update(kind, doc, changes)
        return until_written(attempt)


def delete_record(kind: Kind, scope: Scope, rid: str, correlation_id: str | None, *,
                  batches: Batches = Batch) -> None:
    with batches(scope, correlation_id=correlation_id) as b:
        delete(b, kind, _live(b, kind, rid))


def _prefix_regex(term: str) -> dict:
    return {"$regex": f"(^| ){re.escape(term)}"}


def list_records(kind: Kind, scope: Scope, args: dict) -> tuple[list[dict], str | None]:
    query: dict[str, Any] = {"deleted": {"$ne": True}}
    for name in ("tier", "gathering_id", "contact_id", "kind", "direction"):
        if args.get(name):
            query[name] = args[name]
    if args.get("tag"):
        query["tags"] = normalize.tag(args["tag"])
    terms = normalize.search_terms(args.get("q") or "")
    if terms:
        query["$and"] = [{"search": _prefix_regex(t)} for t in terms]
    elif args.get("q"):
        return [], None  # nothing searchable in the query (only punctuation)
    return pagination.page_by_id(collection(kind.name, scope), query, args["limit"], args.get("cursor"), NO_OUTBOX)


def iter_contacts(scope: Scope, args: dict, page: int = 500):
    """Every live contact matching the list filters, in id order (for exports)."""
    cursor = None
    while True:
        items, cursor = list_records(KINDS[CONTACTS], scope, {**args, "limit": page, "cursor": cursor})
        yield from items
        if cursor is None:
            return


def duplicate_pairs(scope: Scope, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    contacts = list(collection(CONTACTS, scope).find({"deleted": {"$ne": True}}, HINT_FIELDS))
    by_id = {c["_id"]: c for c in contacts}
    found = duplicates.pairs(contacts)
    after = pagination.decode(cursor, 2)
    if after is not None:
        found = [p for p in found if [p[0], p[1]] > after]
    page = found[:limit]
    items = [{"contact_ids": [a, b], "reasons": list(why),
              "contacts": [{"id": i, "display_name": by_id[i].get("display_name") or "",
                            "company": by_id[i].get("company"), "emails": by_id[i].get("emails") or []}
                           for i in (a, b)]}
             for a, b, why in page]
    next_cursor = pagination.encode([page[-1][0], page[-1][1]]) if len(found) > limit else None
    return items, next_cursor


def merge(scope: Scope, winner_id: str, loser_id: str, correlation_id: str | None, *,
          batches: Batches = Batch) -> dict:
    with batches(scope, correlation_id=correlation_id) as b:
        try:
            merged = merge_contacts(b, winner_id, loser_id)
        except OperationError as exc:
            if exc.reason == "not_found":
                raise not_found("contact") from None
            raise Conflict(exc.message, slug="merge-not-possible", reason=exc.reason,
                           **{k: v for k, v in exc.details.items() if v}) from None
        return {"winner": present(KINDS[CONTACTS], merged.winner), "loser_id": loser_id,
                "already_merged": merged.already, "moved_interactions": merged.moved}


def log_completed_nudge(scope: Scope, logged: dict, correlation_id: str | None, *,
                        batches: Batches = Batch) -> dict | None:
    """The member marked a nudge done and said what they did (`nudge.completed`): record that
    interaction once. Its id comes with the event, so a redelivered event finds it there.
    Returns the interaction, or None when it cannot be recorded (the contact is gone)."""
    kind = KINDS[INTERACTIONS]
    rid = logged["interaction_id"]
    raw = {"contact_id": logged["contact_id"], "kind": logged["kind"], "occurred_at": logged["occurred_at"],
           "notes": logged.get("note"), "direction": logged.get("direction")}
    with batches(scope, correlation_id=correlation_id) as b:
        if b.get(INTERACTIONS, rid) is not None:
            return b.get(INTERACTIONS, rid)
        try:
            data = clean(kind, {k: v for k, v in raw.items() if v is not None})
            check_references(b, kind, data)
        except FieldErrors as exc:
            log.warning("interaction of a completed nudge not recorded",
                        extra={"interaction_id": rid, "errors": exc.errors})
            return None
        b.create(kind, rid, data)
        b.flush()  # an id taken meanwhile is the same interaction, recorded by a redelivery
        return b.get(INTERACTIONS, rid, fresh=True)


# -- for code and tests that hold already-validated data -------------------------------------

def contacts(scope: Scope):
    """The member's contacts collection (raw pymongo, scoped)."""
    return collection(CONTACTS, scope)


def create_contact(scope: Scope, data: dict[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
    """Store a contact from validated data (no HTTP); publishes `contact.created`, logged for sync."""
    data = dict(data)
    source = data.pop("source", "capture")
    with Batch(scope, correlation_id=correlation_id) as b:
        doc = b.create(KINDS[CONTACTS], str(uuid.uuid4()), data, extra={"source": source})
        b.flush()
        return _inserted(b, CONTACTS, doc["_id"])
