"""Operations on records that REST and sync share: references between records, the probable
duplicates of new contacts, deleting (a contact's interactions with it) and merging. Each
takes the `Batch` of the use case that calls it. A write that loses its race is decided again
on what is there now (shared.retry); one that keeps losing is `Busy` (503 `write-conflict`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from shared import clock
from shared.errors import Busy
from shared.retry import until_written

from ..adapters.store import Batch
from ..domain import duplicates, merging, normalize
from ..domain.model import CONTACTS, GATHERINGS, INTERACTIONS
from ..domain.records import KINDS, FieldErrors, Kind

MERGE_CHAIN = 10
# why deleting a record this batch read live leaves its tombstone (never nothing)
_STILL_THERE = "a record live in this batch is not purged: only tombstones past their retention are"


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

HINT_FIELDS = {"display_name": 1, "company": 1, "dedupe_keys": 1, "emails": 1}


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
        return b.find(CONTACTS, {"dedupe_keys": {"$in": wanted}, "deleted": {"$ne": True}}, HINT_FIELDS)
    found: dict[str, dict] = {}
    for key in wanted:
        for doc in b.find(CONTACTS, {"dedupe_keys": key}, {**HINT_FIELDS, "deleted": 1}):
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
    assert tomb is not None, _STILL_THERE
    return tomb


def _tombstone(b: Batch, kind: Kind, doc: dict | None, *, mutation: str | None = None,
               merged_into: str | None = None) -> dict | None:
    """The record's tombstone (None when it is gone); a record deleted already stays as it is."""
    current = [doc]

    def attempt() -> tuple[dict | None] | None:
        doc = current[0]
        if doc is None or doc.get("deleted"):
            return (doc,)
        done = b.tombstone(kind, doc, mutation=mutation, merged_into=merged_into)
        if done is None:
            current[0] = b.get(kind.name, doc["_id"], fresh=True)
            return None
        return (done,)
    (tomb,) = until_written(attempt, detail="the record kept changing while it was being deleted; try again")
    return tomb


@dataclass
class Merged:
    winner: dict
    loser: dict
    already: bool
    moved: int


def _jsonable(value):
    """What a merge took from the loser, as the contact keeps it (an instant as RFC 3339 text)."""
    return clock.rfc3339(value) if isinstance(value, datetime) else value


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
    current = [winner]

    def absorb() -> dict | None:
        """Step 1: the winner takes the loser's fields (None: another write got there first)."""
        winner = current[0]
        if any(m.get("contact_id") == loser_id for m in winner.get("merged_from") or []):
            return winner  # step 1 done before (an interrupted merge being resumed)
        changes, took = merging.combine(winner, loser)
        entry = {"contact_id": loser_id, "merged_at": clock.now(),
                 "took": {k: _jsonable(v) for k, v in took.items()}}
        server = {"merged_from": list(winner.get("merged_from") or []) + [entry],
                  "import_keys": normalize.unique(list(winner.get("import_keys") or [])
                                                  + list(loser.get("import_keys") or []))}
        done = b.update(contacts, winner, changes, mutation=mutation, server=server)
        if done is None:
            reloaded = b.get(CONTACTS, winner_id, fresh=True)
            if reloaded is None or reloaded.get("deleted"):
                raise OperationError("merge_invalid", "the contact to merge into was deleted meanwhile")
            current[0] = reloaded
        return done
    winner = until_written(absorb, detail="the contacts kept changing while they were being merged; try again")
    moved = _move_interactions(b, loser_id, winner_id)
    tomb = _tombstone(b, contacts, b.get(CONTACTS, loser_id, fresh=True), mutation=mutation, merged_into=winner_id)
    moved += _move_interactions(b, loser_id, winner_id)  # logged against the loser while we worked
    assert tomb is not None, _STILL_THERE
    return Merged(winner, tomb, False, moved)


def _move_interactions(b: Batch, loser_id: str, winner_id: str) -> int:
    kind = KINDS[INTERACTIONS]
    found = b.find(INTERACTIONS, {"contact_id": loser_id, "deleted": {"$ne": True}})
    b.expect([(INTERACTIONS, d["_id"]) for d in found])

    def relink(current: list[dict | None]) -> bool | None:
        """Move `current[0]` (the interaction as last read) to the winner. True: moved now;
        False: nothing to move (gone, deleted, moved); None: lost a race (read again)."""
        doc = current[0]
        if doc is None or doc.get("deleted") or doc.get("contact_id") != loser_id:
            return False
        if b.update(kind, doc, {"contact_id": winner_id}) is not None:
            return True
        current[0] = b.get(INTERACTIONS, doc["_id"], fresh=True)
        return None
    moved = 0
    for doc in found:
        try:
            moved += until_written(partial(relink, [doc]))
        except Busy:
            continue  # left with the loser: the pass after its tombstone (or a merge again) moves it
    return moved
