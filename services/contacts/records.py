"""Records (contacts, interactions, gatherings) and the one way they are written.

Every write goes through a `Batch`: it records an intent, writes each record together with
its events (`shared.outbox`, one atomic document write, conditional on the version), keeps
per-field versions for field-level merges, remembers the mutation ids that wrote a record,
and finally logs the new versions in the member's change log for sync pulls. New records
are buffered and inserted together (one round trip) unless something needs them sooner.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable

from marshmallow import ValidationError
from pymongo.errors import PyMongoError

from shared import clock
from shared import outbox, syncing
from shared.db import Scope, Scoped
from shared.events import new_event, rfc3339
from shared.schema import iso_time

from .adapters.changelog import ChangeLog
from .adapters.documents import Contact, Gathering, Interaction
from .domain import duplicates, normalize
from .domain.model import (CONTACTS, DATA_FIELDS, GATHERINGS, INTERACTIONS, LIST_FIELDS, RECENT_MUTATIONS)
from .schemas import FIELD_SCHEMAS, PATCH_SCHEMAS

log = logging.getLogger(__name__)

SOURCE = "rapport/contacts"
POINT_READS = 16
NO_OUTBOX = {"outbox": 0, "outbox_pending": 0, "outbox_since": 0, "outbox_lease_owner": 0, "outbox_lease_until": 0}


utcnow = clock.now  # the one clock (shared.clock)


def _iso(value):
    return rfc3339(value) if isinstance(value, datetime) else value


# -- what events say about each kind --------------------------------------------------------

def contact_state(doc: dict) -> dict:
    state = {"contact_id": doc["_id"], "version": doc["version"], "display_name": doc.get("display_name") or ""}
    for name in ("company", "title", "tier", "gathering_id"):
        state[name] = doc.get(name)
    for name in ("tags", "needs", "offers", "goal_links"):
        state[name] = list(doc.get(name) or [])
    state["met_at"] = _iso(doc.get("met_at"))
    state["source"] = doc.get("source") or "capture"
    return state


def interaction_state(doc: dict) -> dict:
    return {"interaction_id": doc["_id"], "contact_id": doc["contact_id"], "version": doc["version"],
            "kind": doc["kind"], "occurred_at": _iso(doc["occurred_at"]), "direction": doc.get("direction"),
            "gathering_id": doc.get("gathering_id")}


def gathering_state(doc: dict) -> dict:
    return {"gathering_id": doc["_id"], "version": doc["version"], "name": doc["name"], "kind": doc.get("kind"),
            "starts_on": doc.get("starts_on"), "ends_on": doc.get("ends_on"), "place": doc.get("place"),
            "link": doc.get("link")}


def _contact_derived(doc: dict) -> dict:
    return {"search": normalize.search_text(doc.get("display_name"), doc.get("given_name"), doc.get("family_name"),
                                            doc.get("company"), doc.get("title"), doc.get("notes")),
            "dedupe_keys": duplicates.keys(doc)}


@dataclass(frozen=True)
class Kind:
    name: str
    document: type
    id_field: str
    created: str
    updated: str
    deleted: str
    state: Callable[[dict], dict]
    derive: Callable[[dict], dict]

    @property
    def fields(self) -> tuple[str, ...]:
        return DATA_FIELDS[self.name]

    def collection(self, scope: Scope) -> Scoped:
        return Scoped(self.document._get_collection(), scope)

    def deleted_data(self, doc: dict) -> dict:
        data = {self.id_field: doc["_id"], "version": doc["version"]}
        if self.name == INTERACTIONS:
            data["contact_id"] = doc["contact_id"]
        return data


KINDS: dict[str, Kind] = {
    CONTACTS: Kind(CONTACTS, Contact, "contact_id", "contact.created", "contact.updated", "contact.deleted",
                   contact_state, _contact_derived),
    INTERACTIONS: Kind(INTERACTIONS, Interaction, "interaction_id", "interaction.logged", "interaction.updated",
                       "interaction.deleted", interaction_state,
                       lambda d: {"search": normalize.search_text(d.get("notes"))}),
    GATHERINGS: Kind(GATHERINGS, Gathering, "gathering_id", "gathering.created", "gathering.updated",
                     "gathering.deleted", gathering_state,
                     lambda d: {"search": normalize.search_text(d.get("name"), d.get("place"))}),
}


# -- what clients see -----------------------------------------------------------------------

_DEFAULTS = {"share_with_colleagues": False, "source": "capture"}


def present(kind: Kind, doc: dict, *, iso: bool = False) -> dict:
    """The record as the API shows it (REST and sync alike). `iso`: datetimes as RFC 3339 text."""
    out: dict[str, Any] = {"id": doc["_id"], "version": doc["version"]}
    for name in kind.fields:
        value = doc.get(name)
        if value is None:
            value = [] if name in LIST_FIELDS else _DEFAULTS.get(name)
        out[name] = value
    if kind.name == CONTACTS:
        out["source"] = doc.get("source") or "capture"
        out["merged_from"] = [dict(m) for m in doc.get("merged_from") or []]
    out["created_at"] = doc["created_at"]
    out["updated_at"] = doc["updated_at"]
    if iso:
        for k, v in out.items():
            if isinstance(v, datetime):
                out[k] = iso_time(v)
        for m in out.get("merged_from") or []:
            m["merged_at"] = iso_time(m["merged_at"])
    return out


def tombstone_view(doc: dict) -> dict:
    return {"id": doc["_id"], "version": doc["version"], "deleted_at": iso_time(doc["deleted_at"]),
            "merged_into": doc.get("merged_into")}


# -- validating and normalising what clients send -------------------------------------------

class FieldErrors(Exception):
    def __init__(self, errors: dict):
        super().__init__(str(errors))
        self.errors = errors


# one instance of each schema: building one costs about 0.5 ms (a push of 500 built 1,000), and
# loading keeps no state in the instance
_CREATE = {name: schema() for name, schema in FIELD_SCHEMAS.items()}
_PATCH = {name: schema() for name, schema in PATCH_SCHEMAS.items()}


def clean(kind: Kind, raw: Any, existing: dict | None = None) -> dict:
    """Validate `raw` fields with the REST schemas (POST's when `existing` is None, else PATCH's)
    and normalise them; REST bodies and sync mutations go through here alike."""
    if not isinstance(raw, dict):
        raise FieldErrors({"_schema": ["fields must be an object"]})
    try:
        data = (_CREATE if existing is None else _PATCH)[kind.name].load(raw)
    except ValidationError as exc:
        raise FieldErrors(exc.messages) from None
    errors: dict[str, list[str]] = {}
    if kind.name == CONTACTS:
        _clean_contact(data, existing or {}, errors)
    elif kind.name == GATHERINGS:
        _clean_gathering(data, existing or {}, errors)
    if errors:
        raise FieldErrors(errors)
    return data


def _clean_contact(data: dict, existing: dict, errors: dict) -> None:
    if "emails" in data:
        data["emails"] = normalize.unique(normalize.email(e) for e in data["emails"])
    if "tags" in data:
        data["tags"] = normalize.unique(normalize.tag(t) for t in data["tags"])
    for name in ("goal_links", "needs", "offers"):
        if name in data:
            data[name] = normalize.unique(data[name])
    country = data["country"] if "country" in data else existing.get("country")
    if "phones" in data:
        phones, bad = [], []
        for p in data["phones"]:
            try:
                phones.append(normalize.phone(p, country))
            except normalize.NormalisationError as exc:
                bad.append(str(exc))
        if bad:
            errors["phones"] = bad
        data["phones"] = normalize.unique(phones)
    elif "country" in data and existing.get("phones") and country:
        renormalised = []
        for p in existing["phones"]:
            try:
                renormalised.append(normalize.phone(p, country))
            except normalize.NormalisationError:
                renormalised.append(p)
        data["phones"] = normalize.unique(renormalised)
    if "profile_urls" in data:
        urls, bad = [], []
        for u in data["profile_urls"]:
            try:
                urls.append(normalize.url(u))
            except normalize.NormalisationError as exc:
                bad.append(str(exc))
        if bad:
            errors["profile_urls"] = bad
        data["profile_urls"] = normalize.unique(urls)


def _clean_gathering(data: dict, existing: dict, errors: dict) -> None:
    if data.get("link"):
        try:
            data["link"] = normalize.url(data["link"])
        except normalize.NormalisationError as exc:
            errors["link"] = [str(exc)]
    starts = data["starts_on"] if "starts_on" in data else existing.get("starts_on")
    ends = data["ends_on"] if "ends_on" in data else existing.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = ["must not be before starts_on"]


# -- writing --------------------------------------------------------------------------------

class Batch:
    """One unit of writes for one member. Use as a context manager: on exit the written
    versions are logged for sync and the intent is cleared."""

    def __init__(self, scope: Scope, *, correlation_id: str | None = None):
        self.scope = scope
        self.correlation_id = correlation_id
        self.log = ChangeLog(scope)
        self.colls = {name: kind.collection(scope) for name, kind in KINDS.items()}
        self.cache: dict[tuple[str, str], dict | None] = {}
        self.buffer: dict[tuple[str, str], tuple[dict, list]] = {}
        self.written: list[tuple[str, str, int]] = []
        self.intended: set[tuple[str, str]] = set()
        self.intent: str | None = None

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.flush()
        self.buffer.clear()
        self.log.append(self.written)
        if self.intent:
            try:
                self.log.done(self.intent)
            except PyMongoError:  # harmless: a pull re-logs its records (no-op) and clears it later
                log.warning("could not clear a sync intent", exc_info=True)

    # -- reading ---------------------------------------------------------------------------
    def prefetch(self, coll: str, ids: Iterable[str]) -> None:
        wanted = [i for i in set(ids) if (coll, i) not in self.cache]
        if not wanted:
            return
        for i in wanted:
            self.cache[(coll, i)] = None
        if len(wanted) <= POINT_READS:  # by _id one by one: cheap everywhere (FerretDB decodes the whole collection for $in)
            for i in wanted:
                self.cache[(coll, i)] = self.colls[coll].find_one({"_id": i}, NO_OUTBOX)
            return
        for doc in self.colls[coll].find({"_id": {"$in": wanted}}, NO_OUTBOX):
            self.cache[(coll, doc["_id"])] = doc

    def get(self, coll: str, rid: str, *, fresh: bool = False) -> dict | None:
        key = (coll, rid)
        if key in self.buffer:
            return self.buffer[key][0]
        if fresh or key not in self.cache:
            self.cache[key] = self.colls[coll].find_one({"_id": rid}, NO_OUTBOX)
        return self.cache[key]

    def buffered(self, coll: str, rid: str) -> bool:
        return (coll, rid) in self.buffer

    def known(self, coll: str, rid: str) -> bool:
        """Whether this batch already read or wrote the record (no lookup needed)."""
        return (coll, rid) in self.buffer or (coll, rid) in self.cache

    def find(self, coll: str, filter: dict, projection: dict | None = None) -> list[dict]:
        return list(self.colls[coll].find(filter, projection or NO_OUTBOX))

    # -- intents ---------------------------------------------------------------------------
    def expect(self, items: Iterable[tuple[str, str]]) -> None:
        """Declare records about to be written (before writing them)."""
        new = [i for i in dict.fromkeys(items) if i not in self.intended]
        if not new:
            return
        if self.intent is None:
            self.intent = self.log.intend(new)
        else:
            self.log.intend_more(self.intent, new)
        self.intended.update(new)

    def _event(self, type_: str, data: dict):
        return new_event(type_, org_id=self.scope.org_id, member_id=self.scope.member_id, data=data,
                         source=SOURCE, correlation_id=self.correlation_id)

    @staticmethod
    def _recent(doc: dict | None, mutation: str | None, version: int, status: str = "applied") -> list:
        """The record's memory of the mutations that wrote it, with this write's (shared.syncing)."""
        return syncing.remember((doc or {}).get("recent_mutations"), mutation, version, status, RECENT_MUTATIONS)

    # -- writing ---------------------------------------------------------------------------
    def create(self, kind: Kind, rid: str, data: dict, *, mutation: str | None = None,
               extra: dict | None = None) -> dict:
        """Buffer a new record at version 1 (inserted by `flush`)."""
        self.expect([(kind.name, rid)])
        now = utcnow()
        doc = {"_id": rid, **data, **(extra or {}), "field_versions": {}, "recent_mutations": self._recent(None, mutation, 1),
               "created_at": now, "updated_at": now, "deleted": False, "version": 1}
        doc.update(kind.derive(doc))
        event = self._event(kind.created, kind.state(doc))
        self.buffer[(kind.name, rid)] = (doc, [event])
        return doc

    def flush(self) -> list[tuple[str, str]]:
        """Insert the buffered records; return those whose id already existed (not inserted)."""
        if not self.buffer:
            return []
        items = list(self.buffer.items())
        self.buffer.clear()
        failed: list[tuple[str, str]] = []
        by_coll: dict[str, list] = {}
        for key, (doc, events) in items:
            by_coll.setdefault(key[0], []).append((key, doc, events))
        for coll, group in by_coll.items():
            positions = outbox.insert_many(self.colls[coll], [(doc, events) for _, doc, events in group])
            for i, (key, doc, _) in enumerate(group):
                if i in positions:
                    failed.append(key)
                    self.cache.pop(key, None)
                else:
                    for k in list(NO_OUTBOX):
                        doc.pop(k, None)
                    self.cache[key] = doc
                    self.written.append((coll, key[1], 1))
        return failed

    def update(self, kind: Kind, doc: dict, changes: dict, *, mutation: str | None = None,
               server: dict | None = None, status: str = "applied") -> dict | None:
        """Write `changes` (data fields; their field versions move) and `server` fields on top of
        `doc` if it is still at its version. None: someone else wrote first (reload, decide again).
        `mutation` (and the `status` it is answered with) is remembered in the same write."""
        rid = doc["_id"]
        assert (kind.name, rid) not in self.buffer, "flush before updating a buffered record"
        self.expect([(kind.name, rid)])
        version = doc["version"]
        new = {**doc, **changes, **(server or {}), "version": version + 1}
        sets: dict[str, Any] = {**changes, **(server or {})}
        for name in changes:
            sets[f"field_versions.{name}"] = version + 1
        for name, value in kind.derive(new).items():
            if doc.get(name) != value:
                sets[name] = value
        sets["recent_mutations"] = new["recent_mutations"] = self._recent(doc, mutation, version + 1, status)
        sets["updated_at"] = new["updated_at"] = utcnow()
        event = self._event(kind.updated, kind.state(new))
        result = outbox.update(self.colls[kind.name], {"_id": rid, "deleted": {"$ne": True}}, version, [event],
                               set=sets)
        return self._written(kind, rid, result)

    def tombstone(self, kind: Kind, doc: dict, *, mutation: str | None = None,
                  merged_into: str | None = None) -> dict | None:
        """Delete: keep only a tombstone (id, version, when, merged_into). None: lost a race."""
        rid = doc["_id"]
        assert (kind.name, rid) not in self.buffer, "flush before deleting a buffered record"
        self.expect([(kind.name, rid)])
        version = doc["version"]
        now = utcnow()
        sets = {"deleted": True, "deleted_at": now, "updated_at": now, "recent_mutations": self._recent(doc, mutation, version + 1)}
        if merged_into:
            sets["merged_into"] = merged_into
            event = self._event("contact.merged", {"contact_id": rid, "merged_into": merged_into, "version": version + 1})
        else:
            event = self._event(kind.deleted, kind.deleted_data({**doc, "version": version + 1}))
        keep = {"contact_id"} if kind.name == INTERACTIONS else set()
        unset = [f for f in (*kind.fields, "search", "dedupe_keys", "field_versions", "import_keys", "import_mark",
                             "merged_from", "given_name", "source") if f not in keep and f in doc]
        result = outbox.update(self.colls[kind.name], {"_id": rid, "deleted": {"$ne": True}}, version, [event],
                               set=sets, unset=unset)
        return self._written(kind, rid, result)

    def _written(self, kind: Kind, rid: str, result: dict | None) -> dict | None:
        key = (kind.name, rid)
        if result is None:
            self.cache.pop(key, None)
            return None
        for k in NO_OUTBOX:
            result.pop(k, None)
        self.cache[key] = result
        self.written.append((kind.name, rid, result["version"]))
        return result
