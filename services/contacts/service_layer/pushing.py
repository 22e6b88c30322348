"""One sync push applied, mutation by mutation, inside one `Batch` (docs/sync-protocol.md,
push): upserts (a capture created without a lookup, an edit merged field by field),
deletes and merges, each answered applied / duplicate / merged / conflict / rejected. A
mutation a record remembers answers its first result (shared.syncing)."""
from __future__ import annotations

import logging

from pymongo.errors import PyMongoError

from shared import syncing
from shared.errors import Busy, DomainError
from shared.retry import until_written
from shared.schema import is_id

from ..adapters.store import Batch
from ..domain import duplicates, merging
from ..domain.model import CONTACTS
from ..domain.records import KINDS, FieldErrors, present
from shared.contracts.sync import APPLIED, CONFLICT, DUPLICATE, MERGED, REJECTED

from ..domain.results import json_value, mutation_result
from .fields import clean
from .operations import OperationError, check_references, delete, merge_contacts

log = logging.getLogger(__name__)


class Pusher:
    """Applies one push, mutation by mutation, inside one Batch."""

    def __init__(self, b: Batch, device_id: str):
        self.b = b
        self.device_id = device_id
        self.created_by: dict[tuple[str, str], int] = {}
        self.candidates = duplicates.Index()   # contacts a capture may duplicate (db + this batch)
        self.cleaned: dict[int, dict] = {}     # new contacts' fields, validated once for the duplicate lookup

    def key(self, m: dict) -> str:
        return f"{self.device_id}:{m['mutation_id']}"

    @staticmethod
    def probably_new(m: dict) -> bool:
        return m["op"] == "upsert" and m.get("base_version") is None

    def touched(self, m: dict) -> set[tuple[str, str]]:
        keys = {(m["collection"], m["id"])}
        raw = m.get("fields_")
        fields = raw if isinstance(raw, dict) else {}
        for name, coll in (("contact_id", CONTACTS), ("gathering_id", "gatherings")):
            if is_id(fields.get(name)):  # not validated yet: anything else is the schema's to refuse
                keys.add((coll, fields[name]))
        if m.get("merge_into"):
            keys.add((CONTACTS, m["merge_into"]))
        return keys

    def apply(self, m: dict) -> dict:
        try:
            if m["op"] == "delete":
                return self._delete(m)
            if m["op"] == "merge":
                return self._merge(m)
            return self._upsert(m)
        except FieldErrors as exc:
            return mutation_result(m, REJECTED, reason="invalid", errors={"fields": exc.errors})
        except PyMongoError:
            raise  # the store is unwell: fail the push, the device retries it whole
        except DomainError:
            raise  # e.g. a delete or merge that kept losing its race (Busy): the push is answered 503
        except Exception:  # a bug must not block the device: answer, log, keep going
            log.exception("mutation failed", extra={"mutation_id": m.get("mutation_id")})
            return mutation_result(m, REJECTED, reason="server_error")

    def _remembered(self, m: dict, doc: dict | None) -> dict | None:
        """The first result of this mutation if the record remembers its write: a resend racing
        the first attempt, after a 5xx, or whose receipt is gone (shared.syncing)."""
        if doc is None:
            return None  # no record, nothing remembered
        entry = syncing.recall(doc.get("recent_mutations"), self.key(m))
        if entry is None:
            return None
        return syncing.first_result(mutation_result(m, DUPLICATE), entry, doc["version"],
                                    merged_into=doc.get("merged_into") if doc.get("deleted") else None)

    def _upsert(self, m: dict) -> dict:
        kind = KINDS[m["collection"]]
        b, key = self.b, self.key(m)
        raw = m.get("fields_")
        if raw is None:
            return mutation_result(m, REJECTED, reason="invalid", errors={"fields": ["an upsert needs fields"]})
        if m.get("base_version") is None and not b.known(kind.name, m["id"]):
            # most likely a capture: create without a lookup (an id that exists after all fails
            # on its unique _id when the batch is flushed, and the mutation is applied as an edit)
            try:
                return self._create(m, kind, raw)
            except FieldErrors:
                pass  # perhaps an edit of a record whose version the device never saw: look
        tries = 0

        def attempt() -> dict | None:
            nonlocal tries
            tries += 1
            doc = b.get(kind.name, m["id"], fresh=tries > 1)
            if doc is None:
                if m.get("base_version"):
                    return mutation_result(m, REJECTED, reason="not_found",
                                           errors={"id": ["no such record (it may have been deleted long ago)"]})
                return self._create(m, kind, raw)
            if (first := self._remembered(m, doc)) is not None:
                return first
            if doc.get("deleted"):
                return mutation_result(m, REJECTED, reason="deleted", version=doc["version"],
                                       merged_into=doc.get("merged_into"))
            data = clean(kind, raw, doc)
            relinked = check_references(b, kind, data)
            decision = merging.decide(doc, m.get("base_version"), data)
            if decision.status == REJECTED:
                return mutation_result(m, REJECTED, reason=decision.reason, version=doc["version"],
                                       errors={"base_version": [f"the server has version {doc['version']}"]})
            if decision.status == CONFLICT:
                conflicts = [{"field": f, "server_value": json_value(doc.get(f)),
                              "changed_in_version": merging.field_version(doc, f)} for f in decision.conflicts]
                return mutation_result(m, CONFLICT, version=doc["version"], conflicts=conflicts,
                                       record=present(kind, doc, iso=True))
            if not decision.changes:
                return mutation_result(m, decision.status, version=doc["version"], relinked_to=relinked,
                                       record=present(kind, doc, iso=True) if decision.status == MERGED else None)
            done = b.update(kind, doc, decision.changes, mutation=key, status=decision.status)
            if done is None:
                return None  # another write got there first: decide again on what is there now
            return mutation_result(m, decision.status, version=done["version"], relinked_to=relinked,
                                   record=present(kind, done, iso=True) if decision.status == MERGED else None)
        try:
            return until_written(attempt)
        except Busy:
            return mutation_result(m, REJECTED, reason="server_error")  # kept losing races: the device retries later

    def _create(self, m: dict, kind, raw) -> dict:
        b = self.b
        data = self.cleaned.pop(m["_index"], None) or clean(kind, raw)
        relinked = check_references(b, kind, data)
        hints = None
        extra = None
        if kind.name == CONTACTS:
            candidate = {"_id": m["id"], **data}
            hints = [h.to_dict() for h in self.candidates.matches(candidate)] or None
            extra = {"source": "capture"}
        doc = b.create(kind, m["id"], data, mutation=self.key(m), extra=extra)
        if kind.name == CONTACTS:
            self.candidates.add({"_id": doc["_id"], "display_name": doc.get("display_name"),
                                 "dedupe_keys": doc["dedupe_keys"]})
        self.created_by[(kind.name, m["id"])] = m["_index"]
        return mutation_result(m, APPLIED, version=1, possible_duplicates=hints, relinked_to=relinked)

    def _delete(self, m: dict) -> dict:
        kind = KINDS[m["collection"]]
        doc = self.b.get(kind.name, m["id"])
        if doc is None:
            return mutation_result(m, REJECTED, reason="not_found", errors={"id": ["no such record"]})
        if (first := self._remembered(m, doc)) is not None:
            return first
        if doc.get("deleted"):  # deleting twice changes nothing
            return mutation_result(m, APPLIED, version=doc["version"], merged_into=doc.get("merged_into"))
        tomb = delete(self.b, kind, doc, mutation=self.key(m))
        return mutation_result(m, APPLIED, version=tomb["version"], merged_into=tomb.get("merged_into"))

    def _merge(self, m: dict) -> dict:
        if m["collection"] != CONTACTS or not m.get("merge_into"):
            return mutation_result(m, REJECTED, reason="invalid",
                           errors={"merge_into": ["a merge names the contact to merge into (contacts only)"]})
        loser = self.b.get(CONTACTS, m["id"])
        if (first := self._remembered(m, loser)) is not None:
            return first
        try:
            merged = merge_contacts(self.b, m["merge_into"], m["id"], mutation=self.key(m))
        except OperationError as exc:
            return mutation_result(m, REJECTED, reason=exc.reason, errors={"merge_into": [exc.message]},
                           merged_into=exc.details.get("merged_into"))
        return mutation_result(m, APPLIED, version=merged.loser["version"], merged_into=m["merge_into"])
