"""Write guards: one writer per document at a time, for servers that need it.

MongoDB applies a conditional update (`{_id, version: v}` → `$inc version`) atomically, so
compare-and-swap on a version is enough to never lose an edit. FerretDB 1.x does not: it
reads the matching documents, applies the update in its own process and writes each whole
document back by `_id`, so two writers of one document at the same moment can both
"succeed" and the later write silently drops the earlier one. Inserts are atomic on every
server (a duplicate `_id` is refused), and that is what a guard is built from:

- holding a document's guard is owning the row `<collection>:<_id>` in `write_guards`
  (inserted to take, deleted by its token to give back);
- a writer holds the guards of the documents it changes for the length of that one write
  command, so the server's read-then-write is never interleaved with another guarded
  writer's; the version condition in the filter is then exact again;
- a guard left by a crashed writer expires after the lease; the writer whose claim of its
  token (an insert of `<key>~<token>`) succeeds removes it, so two writers never break it both.

Guards are on where the server needs them (`RAPPORT_WRITE_GUARDS=auto`, the default,
switches them on for FerretDB and off for MongoDB) and cost two small writes per guarded
write. `Guarded` wraps a pymongo collection and guards its update commands.
"""
from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, Iterable, Iterator

from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError
from pymongo.results import UpdateResult

from . import clock
from . import db  # is_duplicate_key; shared.db imports this module too, so by module, not by name
from .transient import Retrying, StoreUnavailable

log = logging.getLogger(__name__)

COLLECTION = "write_guards"
MODES = ("auto", "on", "off")


class GuardBusy(RuntimeError):
    """Another writer held a document for longer than this writer waits (a transient state)."""

    def __init__(self, keys: Iterable[str], waited: float):
        self.keys = sorted(keys)
        super().__init__(f"documents busy after {waited:.1f}s: {', '.join(self.keys[:5])}")


class WriteGuards:
    """Guards of one database."""

    def __init__(self, database: Database, lease_seconds: float = 30.0, wait_seconds: float | None = None):
        self.coll = Retrying(database[COLLECTION])
        self.lease = timedelta(seconds=lease_seconds)
        # waiting longer than the lease means a crashed holder is always outlived
        self.wait = lease_seconds + 5.0 if wait_seconds is None else wait_seconds

    def _take(self, keys: list[str], token: str) -> set[str]:
        """Insert the guards of `keys`; return the ones now held."""
        until = clock.now() + self.lease
        try:
            self.coll.insert_many([{"_id": k, "token": token, "until": until} for k in keys], ordered=False)
        except BulkWriteError as exc:
            if not db.is_duplicate_key(exc):
                raise
            return set(keys) - {keys[i] for i in db.duplicate_positions(exc)}
        return set(keys)

    def _give_back(self, keys: Iterable[str], token: str) -> None:
        keys = list(keys)
        if keys:
            try:
                for key in keys:  # by `_id` one by one: an index answers it (FerretDB scans for `$in`)
                    self.coll.delete_one({"_id": key, "token": token})
            except StoreUnavailable:  # what was written stands; the guards expire after the lease
                log.warning("write guards not given back", extra={"keys": keys[:5]})

    def _break_expired(self, keys: Iterable[str]) -> None:
        """Remove guards whose holder outlived its lease (it crashed or hangs). The claim
        `<key>~<token>` is an insert, so one writer at a time breaks a given stale guard; a
        claim whose breaker died half-way is cleared once it is a lease old, and old claims
        are swept."""
        now = clock.now()
        for stale in self.coll.find({"_id": {"$in": list(keys)}, "until": {"$lt": now}}, {"token": 1}):
            claim = f"{stale['_id']}~{stale['token']}"
            try:
                self.coll.insert_one({"_id": claim, "claim": True, "until": now})
            except DuplicateKeyError:
                self.coll.delete_many({"_id": claim, "until": {"$lt": now - self.lease}})
                continue
            self.coll.delete_one({"_id": stale["_id"], "token": stale["token"]})
            self.coll.delete_many({"claim": True, "until": {"$lt": now - 10 * self.lease}})

    @contextmanager
    def hold(self, keys: Iterable[str], wait: bool = True) -> Iterator[bool]:
        """Hold every guard of `keys`, waiting for them (GuardBusy after the wait); yields True.
        With `wait=False` it does not wait: it yields False when any of them is held."""
        wanted = sorted(set(keys))
        if not wanted:
            yield True
            return
        token = uuid.uuid4().hex
        started = time.monotonic()
        pause = 0.002
        while True:
            held = self._take(wanted, token)
            if len(held) == len(wanted):
                break
            self._give_back(held, token)  # never hold some while waiting for others: no deadlock
            if not wait:
                yield False
                return
            self._break_expired(set(wanted) - held)
            if time.monotonic() - started > self.wait:
                raise GuardBusy(set(wanted) - held, time.monotonic() - started)
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 0.05)
        try:
            yield True
        finally:
            self._give_back(wanted, token)


# -- which databases need guards --------------------------------------------------------------

_config: dict[str, Any] = {"mode": "auto", "lease_seconds": 30.0}
_decided: dict[tuple[int, str], tuple[Any, "WriteGuards | None"]] = {}
_lock = threading.Lock()


def configure(mode: str, lease_seconds: float) -> None:
    if mode not in MODES:
        raise ValueError(f"write guard mode must be one of {MODES}, got {mode!r}")
    with _lock:
        _config.update(mode=mode, lease_seconds=lease_seconds)
        _decided.clear()


def server_needs_guards(database: Database) -> bool:
    """True for servers whose conditional writes are not atomic (FerretDB 1.x)."""
    return "ferretdbVersion" in database.client.admin.command("buildInfo")


def guards_for(database: Database) -> WriteGuards | None:
    """The guards of `database`, or None where the server makes them unnecessary."""
    key = (id(database.client), database.name)
    client, guards = _decided.get(key, (None, None))
    if client is not database.client:  # first use, or a new client where a closed one was
        mode = _config["mode"]
        need = mode == "on" or (mode == "auto" and server_needs_guards(database))
        guards = WriteGuards(database, _config["lease_seconds"]) if need else None
        with _lock:
            _decided[key] = (database.client, guards)
    return guards


def document_key(collection: Collection, doc_id: Any) -> str:
    return f"{collection.name}:{doc_id}"


class Guarded:
    """A pymongo collection whose update commands hold the guards of the documents they change.

    Under the guard, the server's own read-then-write of a document is not interleaved with
    another guarded writer's, so the whole command (its filter included) is sent as it is.
    Reads, inserts and deletes pass straight through: an insert is atomic everywhere, and a
    delete never brings back what another writer changed.
    """

    # what passes through as it is: reads, inserts and deletes never need a guard
    UNGUARDED = frozenset({"find", "find_one", "count_documents", "estimated_document_count", "distinct",
                           "aggregate", "insert_one", "insert_many", "delete_one", "delete_many",
                           "create_index", "index_information", "name", "full_name", "database"})

    def __init__(self, collection: Collection):
        self.raw = collection
        self.commands = Retrying(collection)  # each command retried on transient store errors

    def __getattr__(self, name: str) -> Any:
        if name not in self.UNGUARDED:  # e.g. replace_one, bulk_write: writes this class cannot guard
            raise AttributeError(f"Guarded collections offer no {name!r}: updates go through update_one, "
                                 "update_many or find_one_and_update, which hold the write guards")
        return getattr(self.commands, name)

    def update_one(self, filter: dict, update: Any, **kwargs):
        return self._update("update_one", filter, update, kwargs)

    def update_many(self, filter: dict, update: Any, **kwargs):
        return self._update("update_many", filter, update, kwargs)

    def find_one_and_update(self, filter: dict, update: Any, **kwargs):
        return self._update("find_one_and_update", filter, update, kwargs)

    def _update(self, method: str, filter: dict, update: Any, kwargs: dict):
        command = getattr(self.commands, method)
        guards = guards_for(self.raw.database)
        if guards is None:
            return command(filter, update, **kwargs)
        ids = _ids_in(filter)
        if ids is None:
            if kwargs.get("upsert"):
                raise ValueError("a guarded upsert needs `_id` in its filter")
            ids = [d["_id"] for d in self.commands.find(filter, {"_id": 1})]
        ids = list(dict.fromkeys(ids))
        if method == "update_many" and not kwargs.get("upsert") and len(ids) > 1:
            # each document on its own, by `_id` under its guard: FerretDB answers `_id: {$in}`
            # by decoding the whole collection, an `_id` from its index; and one busy document
            # never holds up (or starves) the others
            matched = modified = 0
            busy = []
            for i in ids:  # first every document that is free now, then wait for each busy one
                result = self._one("update_one", guards, i, {**filter, "_id": i}, update, kwargs, wait=False)
                if result is None:
                    busy.append(i)
                    continue
                matched += result.matched_count
                modified += result.modified_count
            for i in busy:
                result = self._one("update_one", guards, i, {**filter, "_id": i}, update, kwargs)
                matched += result.matched_count
                modified += result.modified_count
            return UpdateResult({"n": matched, "nModified": modified, "ok": 1.0}, acknowledged=True)
        if method == "update_many" and len(ids) == 1:
            method = "update_one"  # one document: the same write, by `_id`
        if len(ids) != 1:
            with guards.hold(document_key(self.raw, i) for i in ids):
                return command({**filter, "_id": {"$in": ids}}, update, **kwargs)
        return self._one(method, guards, ids[0], {**filter, "_id": ids[0]}, update, kwargs)

    def _one(self, method: str, guards: WriteGuards, doc_id: Any, filter: dict, update: Any, kwargs: dict,
             wait: bool = True):
        """Update one document under its guard. With `wait=False`, a document held by another
        writer is left alone and None returned."""
        with guards.hold([document_key(self.raw, doc_id)], wait=wait) as held:
            if not held:
                return None
            return getattr(self.commands, method)(filter, update, **kwargs)


def _ids_in(filter: dict) -> list | None:
    """The `_id`s a filter can match, when it names them (`_id: x` or `_id: {$in: [...]}`)."""
    if "_id" not in filter:
        return None
    value = filter["_id"]
    if isinstance(value, dict):
        if set(value) == {"$in"}:
            return list(value["$in"])
        return None
    return [value]
