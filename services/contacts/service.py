"""Use cases of the contacts service (REST), and the operations sync shares with them.

Each use case runs in one `Batch`: records and their events are written atomically per
document, and every new version is logged for sync.
"""
from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared import pagination
from shared.db import Scope
from shared.problems import Problem, not_found

from .domain import duplicates, merging, normalize
from .domain.model import CONTACTS, GATHERINGS, INTERACTIONS
from .adapters.store import NO_OUTBOX, Batch, collection, utcnow
from .domain.records import KINDS, FieldErrors, Kind, present
from .service_layer.fields import clean

log = logging.getLogger(__name__)

MAX_RETRIES = 5
MERGE_CHAIN = 10


# -- references between records -------------------------------------------------------------

def follow_merges(b: Batch, contact_id: str) -> tuple[dict | None, str | None]:
    """The live contact `contact_id` is now (following merges), and the id it was relinked to."""
    doc = b.get(CONTACTS, contact_id)
    relinked = None
    for _ in range(MERGE_CHAIN):
        if doc is None or not doc.get("deleted") or not doc.get("merged_into"):
            break
        relinked = doc["merged_into"]
        doc = b.get(CONTACTS, relinked)
    return doc, relinked


def check_references(b: Batch, kind: Kind, data: dict) -> str | None:
    """Every id `data` points at must be a live record of this member. An interaction whose
    contact was merged away is relinked to the contact it was merged into (returned)."""
    errors: dict[str, list[str]] = {}
    relinked = None
    if data.get("gathering_id"):
        g = b.get(GATHERINGS, data["gathering_id"])
        if g is None:
            errors["gathering_id"] = ["no such gathering"]
        elif g.get("deleted"):
            errors["gathering_id"] = ["the gathering was deleted"]
    if kind.name == INTERACTIONS and "contact_id" in data:
        contact, relinked = follow_merges(b, data["contact_id"])
        if contact is None:
            errors["contact_id"] = ["no such contact"]
        elif contact.get("deleted"):
            errors["contact_id"] = ["the contact was deleted"]
        elif relinked:
            data["contact_id"] = contact["_id"]
    if errors:
        raise FieldErrors(errors)
    return relinked


# -- probable duplicates --------------------------------------------------------------------

_HINT_FIELDS = {"display_name": 1, "company": 1, "dedupe_keys": 1, "emails": 1}


KEYED_LOOKUPS = 48  # up to this many keys, one equality query each; above, one query for the batch


def duplicate_candidates(b: Batch, contacts: list[dict]) -> list[dict]:
    """Live contacts sharing any lookup key with `contacts`.

    A few keys (a phone's capture, a small push) are looked up one equality each, which an
    index answers on every store: FerretDB evaluates `$in` itself over every contact of the
    member, so one `$in` query costs as much as the member's whole collection (0.66 s at 2,000
    contacts), where an equality costs about a millisecond. Many keys go in one `$in` query."""
    wanted = sorted({k for c in contacts for k in duplicates.keys(c)})
    if not wanted:
        return []
    if len(wanted) > KEYED_LOOKUPS:
        return b.find(CONTACTS, {"dedupe_keys": {"$in": wanted}, "deleted": {"$ne": True}}, _HINT_FIELDS)
    found: dict[str, dict] = {}
    for key in wanted:
        for doc in b.find(CONTACTS, {"dedupe_keys": key}, {**_HINT_FIELDS, "deleted": 1}):
            if not doc.get("deleted"):
                found[doc["_id"]] = doc
    return list(found.values())


# -- deleting and merging -------------------------------------------------------------------

class OperationError(Exception):
    def __init__(self, reason: str, message: str, **details: Any):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.details = details


def delete(b: Batch, kind: Kind, doc: dict, *, mutation: str | None = None) -> dict:
    """Tombstone a record (a contact's interactions go with it). Deletes win: no version check."""
    rid = doc["_id"]
    children = []
    if kind.name == CONTACTS:
        children = b.find(INTERACTIONS, {"contact_id": rid, "deleted": {"$ne": True}}, {"_id": 1, "version": 1,
                                                                                         "contact_id": 1})
        b.expect([(CONTACTS, rid)] + [(INTERACTIONS, c["_id"]) for c in children])
    tomb = _tombstone(b, kind, doc, mutation=mutation)
    for child in children:
        _tombstone(b, KINDS[INTERACTIONS], b.get(INTERACTIONS, child["_id"], fresh=True))
    return tomb


def _tombstone(b: Batch, kind: Kind, doc: dict | None, *, mutation: str | None = None,
               merged_into: str | None = None) -> dict | None:
    for _ in range(MAX_RETRIES):
        if doc is None or doc.get("deleted"):
            return doc
        done = b.tombstone(kind, doc, mutation=mutation, merged_into=merged_into)
        if done is not None:
            return done
        doc = b.get(kind.name, doc["_id"], fresh=True)
    raise Problem(503, "the record kept changing while it was being deleted; try again",
                  headers={"Retry-After": "1"})


@dataclass
class Merged:
    winner: dict
    loser: dict
    already: bool
    moved: int


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def merge_contacts(b: Batch, winner_id: str, loser_id: str, *, mutation: str | None = None) -> Merged:
    """Merge `loser_id` into `winner_id`: fields combined with provenance, interactions moved,
    the loser left as a `merged_into` tombstone. Idempotent, and resumable after a crash:
    each step checks whether it already happened."""
    contacts = KINDS[CONTACTS]
    if winner_id == loser_id:
        raise OperationError("merge_invalid", "a contact cannot be merged into itself")
    loser = b.get(CONTACTS, loser_id)
    winner = b.get(CONTACTS, winner_id)
    if loser is None:
        raise OperationError("not_found", "the contact to merge away does not exist")
    if winner is None:
        raise OperationError("not_found", "the contact to merge into does not exist")
    if winner.get("deleted"):
        raise OperationError("merge_invalid", "the contact to merge into was deleted",
                             merged_into=winner.get("merged_into"))
    if loser.get("deleted"):
        if loser.get("merged_into") == winner_id:
            moved = _move_interactions(b, loser_id, winner_id)  # stragglers of an interrupted merge
            return Merged(winner, loser, True, moved)
        raise OperationError("deleted", "the contact to merge away was already deleted or merged",
                             merged_into=loser.get("merged_into"))
    b.expect([(CONTACTS, winner_id), (CONTACTS, loser_id)])
    for _ in range(MAX_RETRIES):
        if any(m.get("contact_id") == loser_id for m in winner.get("merged_from") or []):
            break  # step 1 done before (an interrupted merge being resumed)
        changes, took = merging.combine(winner, loser)
        entry = {"contact_id": loser_id, "merged_at": utcnow(), "took": {k: _jsonable(v) for k, v in took.items()}}
        server = {"merged_from": list(winner.get("merged_from") or []) + [entry],
                  "import_keys": normalize.unique(list(winner.get("import_keys") or [])
                                                  + list(loser.get("import_keys") or []))}
        done = b.update(contacts, winner, changes, mutation=mutation, server=server)
        if done is not None:
            winner = done
            break
        winner = b.get(CONTACTS, winner_id, fresh=True)
        if winner is None or winner.get("deleted"):
            raise OperationError("merge_invalid", "the contact to merge into was deleted meanwhile")
    else:
        raise Problem(503, "the contacts kept changing while they were being merged; try again",
                      headers={"Retry-After": "1"})
    moved = _move_interactions(b, loser_id, winner_id)
    tomb = _tombstone(b, contacts, b.get(CONTACTS, loser_id, fresh=True), mutation=mutation, merged_into=winner_id)
    moved += _move_interactions(b, loser_id, winner_id)  # logged against the loser while we worked
    return Merged(winner, tomb, False, moved)


def _move_interactions(b: Batch, loser_id: str, winner_id: str) -> int:
    kind = KINDS[INTERACTIONS]
    found = b.find(INTERACTIONS, {"contact_id": loser_id, "deleted": {"$ne": True}})
    b.expect([(INTERACTIONS, d["_id"]) for d in found])
    moved = 0
    for doc in found:
        for _ in range(MAX_RETRIES):
            if doc is None or doc.get("deleted") or doc.get("contact_id") != loser_id:
                break
            if b.update(kind, doc, {"contact_id": winner_id}) is not None:
                moved += 1
                break
            doc = b.get(INTERACTIONS, doc["_id"], fresh=True)
    return moved


# -- REST use cases -------------------------------------------------------------------------

def _live(b: Batch, kind: Kind, rid: str) -> dict:
    doc = b.get(kind.name, rid)
    if doc is None or doc.get("deleted"):
        raise not_found(kind.name[:-1])
    return doc


def _invalid(errors: dict) -> Problem:
    return Problem(422, "the request has invalid fields", slug="validation-error", errors=errors)


def get_record(kind: Kind, scope: Scope, rid: str) -> dict:
    doc = collection(kind.name, scope).find_one({"_id": rid, "deleted": {"$ne": True}}, NO_OUTBOX)
    if doc is None:
        raise not_found(kind.name[:-1])
    return doc


def create_record(kind: Kind, scope: Scope, raw: dict, correlation_id: str | None) -> tuple[dict, list[dict]]:
    """Create from a REST body; contacts also get the probable duplicates found."""
    with Batch(scope, correlation_id=correlation_id) as b:
        try:
            data = clean(kind, raw)
            check_references(b, kind, data)
        except FieldErrors as exc:
            raise _invalid(exc.errors) from None
        hints = []
        if kind.name == CONTACTS:
            candidate = {"_id": None, **data}
            hints = [m.to_dict() for m in duplicates.matches(candidate, duplicate_candidates(b, [data]))]
        doc = b.create(kind, str(uuid.uuid4()), data, extra={"source": "capture"} if kind.name == CONTACTS else None)
        if b.flush():
            raise Problem(503, "could not store the record; try again")
        return b.get(kind.name, doc["_id"]), hints


def patch_record(kind: Kind, scope: Scope, rid: str, raw: dict, if_match: int | None,
                 correlation_id: str | None) -> dict:
    """Change some fields. With If-Match, only if the record is still at that version (else 412)."""
    with Batch(scope, correlation_id=correlation_id) as b:
        for attempt in range(MAX_RETRIES):
            doc = _live(b, kind, rid) if attempt == 0 else b.get(kind.name, rid, fresh=True)
            if doc is None or doc.get("deleted"):
                raise not_found(kind.name[:-1])
            if if_match is not None and doc["version"] != if_match:
                raise Problem(412, f"the record is at version {doc['version']}, not {if_match}",
                              slug="version-mismatch", version=doc["version"])
            try:
                data = clean(kind, raw, doc)
                check_references(b, kind, data)
            except FieldErrors as exc:
                raise _invalid(exc.errors) from None
            changes = {k: v for k, v in data.items() if not merging.same(doc.get(k), v)}
            if not changes:
                return doc
            done = b.update(kind, doc, changes)
            if done is not None:
                return done
        raise Problem(503, "the record kept changing; try again", headers={"Retry-After": "1"})


def delete_record(kind: Kind, scope: Scope, rid: str, correlation_id: str | None) -> None:
    with Batch(scope, correlation_id=correlation_id) as b:
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
    contacts = list(collection(CONTACTS, scope).find({"deleted": {"$ne": True}}, _HINT_FIELDS))
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


def merge(scope: Scope, winner_id: str, loser_id: str, correlation_id: str | None) -> dict:
    with Batch(scope, correlation_id=correlation_id) as b:
        try:
            merged = merge_contacts(b, winner_id, loser_id)
        except OperationError as exc:
            if exc.reason == "not_found":
                raise not_found("contact") from None
            raise Problem(409, exc.message, slug="merge-not-possible", reason=exc.reason,
                          **{k: v for k, v in exc.details.items() if v}) from None
        return {"winner": present(KINDS[CONTACTS], merged.winner), "loser_id": loser_id,
                "already_merged": merged.already, "moved_interactions": merged.moved}


def log_completed_nudge(scope: Scope, logged: dict, correlation_id: str | None) -> dict | None:
    """The member marked a nudge done and said what they did (`nudge.completed`): record that
    interaction once. Its id comes with the event, so a redelivered event finds it there.
    Returns the interaction, or None when it cannot be recorded (the contact is gone)."""
    kind = KINDS[INTERACTIONS]
    rid = logged["interaction_id"]
    raw = {"contact_id": logged["contact_id"], "kind": logged["kind"], "occurred_at": logged["occurred_at"],
           "notes": logged.get("note"), "direction": logged.get("direction")}
    with Batch(scope, correlation_id=correlation_id) as b:
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
        return b.get(CONTACTS, doc["_id"])
