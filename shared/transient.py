"""Transient store errors: which they are, the one bounded retry, and what a client is told.

A store error is transient when the same command may well succeed a moment later and, for
the errors retried here, when the server did not carry it out:

- the server was busy: FerretDB on SQLite answers `database is locked (SQLITE_BUSY)` when
  another connection holds the database file;
- the server is not (or no longer) the primary, or is shutting down (MongoDB codes below);
- the server could not be reached (connection refused or reset; no server selected in time,
  which is answered at once, since the driver has already waited).

`retry(fn)` runs one store command and retries such an error with jittered backoff a
bounded number of times; every shared store path (`shared.guard.Guarded`, `shared.db.Scoped`)
goes through it. What still fails becomes `StoreUnavailable`, which every service answers
with `503 /problems/store-unavailable` and `Retry-After` (shared.problems); consumers retry
the message later. A *write* whose connection was lost after it was sent may have run, so it
is not repeated here: the client's retry goes through the same idempotent paths (mutation
ids, versions) as any other retry. Reads are repeated after a lost connection too.
"""
from __future__ import annotations

import functools
import logging
import random
import time
from typing import Any, Callable, TypeVar

from prometheus_client import Counter
from pymongo.errors import (BulkWriteError, ConnectionFailure, ExecutionTimeout, NotPrimaryError, OperationFailure,
                            PyMongoError, ServerSelectionTimeoutError, WriteConcernError)

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 4
BACKOFF_SECONDS = 0.05
RETRY_AFTER_SECONDS = 1
# MongoDB codes that mean "try again": host unreachable/not found, network timeout, shutdown in
# progress, primary stepped down, time limit exceeded, socket exception, not primary,
# interrupted at shutdown / by a replica-set change, write conflict, lock timeout.
TRANSIENT_CODES = frozenset({6, 7, 24, 50, 89, 91, 112, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436})
BUSY_MESSAGES = ("database is locked", "sqlite_busy", "database table is locked", "busy", "try again")

RETRIED = Counter("rapport_store_transient_retries_total", "store commands retried after a transient error")
GAVE_UP = Counter("rapport_store_transient_failures_total", "store commands that stayed unavailable")


class StoreUnavailable(RuntimeError):
    """The store stayed unavailable through the retries: answer 503, or retry the work later."""


def is_transient(exc: BaseException) -> bool:
    """True for store errors after which the same request may succeed: answer 503, not 500."""
    if isinstance(exc, (StoreUnavailable, ConnectionFailure, ExecutionTimeout)):  # incl. AutoReconnect
        return True
    if isinstance(exc, PyMongoError) and (exc.has_error_label("RetryableWriteError")
                                          or exc.has_error_label("TransientTransactionError")):
        return True
    if isinstance(exc, BulkWriteError):  # a bulk write that failed on a busy server
        errors = (exc.details or {}).get("writeErrors", [])
        return any(e.get("code") in TRANSIENT_CODES or _busy(str(e.get("errmsg", ""))) for e in errors)
    if isinstance(exc, (OperationFailure, WriteConcernError)):
        return getattr(exc, "code", None) in TRANSIENT_CODES or _busy(str(exc))
    return False


def _busy(message: str) -> bool:
    message = message.lower()
    return any(m in message for m in BUSY_MESSAGES)


def _worth_repeating(exc: BaseException, read: bool) -> bool:
    """Transient, surely not carried out (or only a read), and not already a long wait."""
    if isinstance(exc, ServerSelectionTimeoutError):
        return False  # the driver already waited its selection timeout
    if isinstance(exc, (NotPrimaryError, OperationFailure)) and not isinstance(exc, BulkWriteError):
        return is_transient(exc)  # refused by the server: nothing was written
    return read and isinstance(exc, ConnectionFailure)  # a lost connection: a write may have run


def retry(fn: Callable[[], T], *, read: bool = False, attempts: int = ATTEMPTS,
          backoff: float = BACKOFF_SECONDS, sleep: Callable[[float], None] = time.sleep) -> T:
    """`fn()`, one store command, retried on transient errors that surely did not write (a
    `read` is also retried after a lost connection); `StoreUnavailable` once they persist."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except PyMongoError as exc:
            if not is_transient(exc):
                raise
            if attempt == attempts or not _worth_repeating(exc, read):
                GAVE_UP.inc()
                log.warning("store unavailable", extra={"error": f"{exc.__class__.__name__}: {exc}"[:300]})
                raise StoreUnavailable(f"the store is unavailable: {exc.__class__.__name__}") from exc
            RETRIED.inc()
            sleep(backoff * (2 ** (attempt - 1)) * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


READS = frozenset({"find_one", "count_documents", "estimated_document_count", "distinct", "find", "aggregate"})


class Retrying:
    """A pymongo collection whose commands each go through `retry` (attributes pass through)."""

    def __init__(self, collection: Any):
        self.collection = collection

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.collection, name)
        if not callable(attr):
            return attr

        @functools.wraps(attr)
        def command(*args: Any, **kwargs: Any) -> Any:
            return retry(lambda: attr(*args, **kwargs), read=name in READS)
        return command
