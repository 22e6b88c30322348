"""MongoDB per service: connect after fork, declare indexes once, scope every query.

Documents are declared with mongoengine (fields and indexes in one place); hot paths use
the raw pymongo collection through `Scoped`, which adds `org_id` and `member_id` to every
filter and every inserted document. Writing an unscoped query means reaching for
`.raw` on purpose.

`is_duplicate_key(exc)` is the one test for "refused: that unique key exists" (codes 11000 and
11001, alone or as every write error of a bulk write), and `duplicate_positions(exc)` which
items of a bulk write it refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import mongoengine
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import BulkWriteError, OperationFailure

from . import guard
from .settings import Settings

ALIAS = "default"
_connected: dict[str, tuple[str, str]] = {}


def connect(settings: Settings) -> Database:
    """Register the service's connection. pymongo connects lazily, so calling this in a
    master process before fork is safe; each worker opens its own sockets on first use."""
    guard.configure(settings.write_guards, settings.write_guard_lease_seconds)
    key = (settings.mongo_uri, settings.mongo_db)
    if _connected.get(ALIAS) == key:
        return mongoengine.get_db(ALIAS)  # already wired in this process (API and bootstrap share it)
    mongoengine.disconnect(ALIAS)
    _connected[ALIAS] = key
    mongoengine.connect(db=settings.mongo_db, host=settings.mongo_uri, alias=ALIAS, connect=False,
                        tz_aware=True, uuidRepresentation="standard",
                        serverSelectionTimeoutMS=5000, appname=f"rapport-{settings.service}")
    return mongoengine.get_db(ALIAS)


def database() -> Database:
    return mongoengine.get_db(ALIAS)


def ensure_indexes(documents: Iterable[type[mongoengine.Document]]) -> None:
    """Create the declared indexes once at start-up (never on every save)."""
    for document in documents:
        document.ensure_indexes()


DUPLICATE_KEY_CODES = frozenset({11000, 11001})


def is_duplicate_key(exc: BaseException) -> bool:
    """The write was refused only because a unique key (`_id` or a unique index) already holds
    the value: a `DuplicateKeyError`, or a bulk write every refused item of which was that."""
    if isinstance(exc, BulkWriteError):
        errors = (exc.details or {}).get("writeErrors") or []
        return bool(errors) and all(e.get("code") in DUPLICATE_KEY_CODES for e in errors)
    return isinstance(exc, OperationFailure) and exc.code in DUPLICATE_KEY_CODES


def duplicate_positions(exc: BulkWriteError) -> set[int]:
    """The positions of a bulk write's items refused as duplicate keys (ask `is_duplicate_key` first)."""
    return {e["index"] for e in (exc.details or {}).get("writeErrors") or [] if e.get("code") in DUPLICATE_KEY_CODES}


# FerretDB 1.24 (SQLite) stops answering an `update` command that carries 100 or more
# statements; bulk writes go in commands of at most this many, which costs little on MongoDB.
BULK_CHUNK = 50


def erase(documents: Iterable[type[mongoengine.Document]], scope: "Scope") -> int:
    """Hard-delete everything one member owns in these collections (erasure). Pending
    outbox events of erased data go with it: nothing more is said about an erased member."""
    return sum(Scoped(d._get_collection(), scope).delete_many({}).deleted_count for d in documents)


def ping() -> None:
    database().command("ping")


class BaseDocument(mongoengine.Document):
    meta: dict[str, Any] = {"abstract": True, "auto_create_index": False, "auto_create_index_on_save": False}


class OutboxDocument(BaseDocument):
    """An aggregate with a version and its own outbox of pending events (shared.outbox)."""

    version = mongoengine.IntField(required=True, default=1)
    outbox = mongoengine.ListField(mongoengine.DictField())
    outbox_pending = mongoengine.BooleanField(default=False)
    outbox_since = mongoengine.DateTimeField()

    meta = {"abstract": True, "indexes": [("outbox_pending", "outbox_since")]}


class TenantDocument(OutboxDocument):
    """An aggregate owned by one member of one organisation."""

    org_id = mongoengine.StringField(required=True)
    member_id = mongoengine.StringField(required=True)

    meta = {"abstract": True, "indexes": [("org_id", "member_id")]}


@dataclass(frozen=True)
class Scope:
    """Whose data a query may touch."""

    org_id: str
    member_id: str

    @classmethod
    def of(cls, principal) -> "Scope":
        return cls(principal.org_id, principal.member_id)

    def filter(self, extra: dict | None = None) -> dict:
        f = dict(extra or {})
        f["org_id"] = self.org_id
        f["member_id"] = self.member_id
        return f


class Scoped:
    """A collection seen through one member's eyes. Updates hold write guards where the server
    needs them (shared.guard)."""

    def __init__(self, collection: Collection, scope: Scope):
        self.raw = collection
        self.scope = scope
        self.guarded = guard.Guarded(collection)
        self.commands = self.guarded.commands  # each command retried on transient store errors

    def find_one(self, filter: dict | None = None, *args, **kwargs):
        return self.guarded.find_one(self.scope.filter(filter), *args, **kwargs)

    def find(self, filter: dict | None = None, *args, **kwargs):
        return self.commands.find(self.scope.filter(filter), *args, **kwargs)

    def count_documents(self, filter: dict | None = None, **kwargs) -> int:
        return self.commands.count_documents(self.scope.filter(filter), **kwargs)

    def update_one(self, filter: dict, update: Any, **kwargs):
        return self.guarded.update_one(self.scope.filter(filter), update, **kwargs)

    def update_many(self, filter: dict, update: Any, **kwargs):
        return self.guarded.update_many(self.scope.filter(filter), update, **kwargs)

    def find_one_and_update(self, filter: dict, update: Any, **kwargs):
        return self.guarded.find_one_and_update(self.scope.filter(filter), update, **kwargs)

    def delete_many(self, filter: dict | None = None):
        return self.commands.delete_many(self.scope.filter(filter))

    def insert_one(self, document: dict):
        document.update(org_id=self.scope.org_id, member_id=self.scope.member_id)
        return self.commands.insert_one(document)

    def insert_many(self, documents: list[dict], **kwargs):
        for d in documents:
            d.update(org_id=self.scope.org_id, member_id=self.scope.member_id)
        return self.commands.insert_many(documents, **kwargs)
