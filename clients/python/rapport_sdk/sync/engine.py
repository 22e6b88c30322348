"""The sync engine: pushes the outbox and pulls each scope (docs/sync-protocol.md), one run at a
time. It keeps its whole state in the store, so a run cut short (the network gone, the process
killed) is simply continued by the next one.

- a resend is the same mutation (same `mutation_id`, same body): `sent` freezes a mutation
  before its first push; a 5xx or a lost answer leaves it queued, and the next run sends it again;
- a push holds at most one mutation per record and stops before the second: the next push goes
  once this one is answered, on the new version; a 413 halves the batch;
- a pull applies each page whole, then moves the cursor, until `has_more` is false; 410 and
  an unknown cursor start over.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import NetworkError
from .model import SCOPES, Conflict, Mutation, Report, SyncStopped
from .pulling import apply_page, cursor_key, start_over
from .results import apply_results, too_large
from .store import Store
from .transport import Transport

MAX_PUSH = 100
PULL_LIMIT = 200
MAX_PAGES = 100_000


def slug_of(body: dict[str, Any]) -> str:
    kind = str(body.get("type") or "")
    return kind.rsplit("/problems/", 1)[-1] if "/problems/" in kind else kind


def refusal(status: int, body: dict[str, Any]) -> SyncStopped:
    slug = slug_of(body) or f"http-{status}"
    return SyncStopped(slug, str(body.get("detail") or body.get("title") or f"the server answered {status}"), status)


def _retry_later(status: int) -> bool:
    return status >= 500 or status == 429


class SyncEngine:
    def __init__(self, transport: Transport, device_id: Callable[[], str | None], store: Store,
                 on_conflict: Callable[[Conflict], None] | None = None, *,
                 max_push: int = MAX_PUSH, pull_limit: int = PULL_LIMIT) -> None:
        self.transport = transport
        self.device_id = device_id
        self.store = store
        self.on_conflict = on_conflict
        self.max_push = max_push
        self.pull_limit = pull_limit

    def run(self) -> Report:
        """Push everything queued, then pull every scope. Per-mutation outcomes are in the report; raises
        `SyncStopped` for a refusal retrying cannot fix (401, 409 device, 422, 426, ...)."""
        report = Report()
        try:
            for scope in SCOPES:
                self._push_scope(scope, report)
            for scope in SCOPES:
                self._pull_scope(scope, report)
        except NetworkError:
            report.offline = True
        if report.server_time:
            with self.store.tx():
                self.store.set_meta("server_time", report.server_time)
        return report

    def _note(self, body: dict[str, Any], report: Report) -> None:
        if isinstance(body.get("server_time"), str):
            report.server_time = body["server_time"]

    # -- push ----------------------------------------------------------------------------------

    def _push_scope(self, scope: str, report: Report) -> None:
        limit = self.max_push
        for _ in range(MAX_PAGES):
            batch = self._next_batch(scope, limit)
            if not batch:
                return
            device = self.device_id()
            if not device:
                raise SyncStopped("device-not-registered", "sign in on this device: there is no device to push as")
            with self.store.tx():
                self.store.mark_sent([m.seq for m in batch if not m.sent and m.seq is not None])
            status, body = self.transport.push(scope, {"device_id": device, "mutations": [m.wire() for m in batch]})
            self._note(body, report)
            if status == 413:
                if limit > 1:
                    limit = max(1, min(limit, len(batch)) // 2)
                    continue
                with self.store.tx():
                    report.rejected.append(too_large(self.store, batch[0]))
                continue
            if not _answered_ok(status, body, report):
                return
            if self._answered(scope, batch, body, report):
                report.retry_later = True
                return

    def _next_batch(self, scope: str, limit: int) -> list[Mutation]:
        """The queued mutations in order, up to the first one on a record already in the batch."""
        batch: list[Mutation] = []
        seen: set[tuple[str, str]] = set()
        for m in self.store.queued(scope):
            key = (m.collection, m.id)
            if key in seen or len(batch) >= limit:
                break
            seen.add(key)
            batch.append(m)
        return batch

    def _answered(self, scope: str, batch: list[Mutation], body: dict[str, Any], report: Report) -> bool:
        """Apply one push's results, whole. True when a mutation is to be decided again later."""
        results = body.get("results")
        with self.store.tx():
            out = apply_results(self.store, batch, results if isinstance(results, list) else [],
                                body.get("server_time"))
        report.scopes[scope].up += out.up
        report.conflicts.extend(out.conflicts)
        report.rejected.extend(out.rejected)
        if self.on_conflict is not None:
            for conflict in out.conflicts:
                self.on_conflict(conflict)
        return out.again

    # -- pull ----------------------------------------------------------------------------------

    def _pull_scope(self, scope: str, report: Report) -> None:
        limit = self.pull_limit
        for _ in range(MAX_PAGES):
            cursor = self.store.meta(cursor_key(scope))
            query = {"limit": str(limit)}
            if cursor:
                query["cursor"] = str(cursor)
            device = self.device_id()
            if device:
                query["device_id"] = device
            status, body = self.transport.pull(scope, query)
            self._note(body, report)
            if status == 410 or (status == 400 and slug_of(body) == "invalid-cursor"):
                if not cursor:
                    raise refusal(status, body)  # refused without a cursor: starting over cannot help
                start_over(self.store, scope, drop_synced=status == 410)
                continue
            if status == 413 and limit > 1:
                limit = max(1, limit // 2)
                continue
            if not _answered_ok(status, body, report):
                return
            changes = body.get("changes") if isinstance(body.get("changes"), dict) else {}
            report.scopes[scope].down += apply_page(self.store, scope, changes or {}, body.get("next_cursor"))
            if not body.get("has_more"):
                return


def _answered_ok(status: int, body: dict[str, Any], report: Report) -> bool:
    """200: go on. 5xx/429: stop this scope for now (retry_later). Anything else: a refusal."""
    if _retry_later(status):
        report.retry_later = True
        return False
    if status != 200:
        raise refusal(status, body)
    return True
