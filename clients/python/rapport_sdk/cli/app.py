"""What every command shares: the profile, the session, the HTTP client, the local store and the
sync engine (each made when first needed), the clock, and how results are printed.

Exit codes (README, *The command line*): 0 done; 1 the server refused or failed; 2 bad usage;
3 sign in first; 4 the server cannot be reached (nothing is lost: changes wait on this device);
5 sync finished but changes need you (conflicts, refused changes: `rapport conflicts`).
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from datetime import datetime, timezone
from functools import cached_property
from typing import Any, Iterable, Sequence

import click

from ..auth import Session
from ..client import Rapport
from ..config import Profile, load_profile, token_store
from ..errors import AuthError, NetworkError, ProblemError
from ..http import Http
from ..sync import SCOPES, HttpTransport, Report, Store, SyncEngine, SyncStopped

OK, REFUSED, USAGE, SIGN_IN, UNREACHABLE, NEEDS_YOU = 0, 1, 2, 3, 4, 5


class App:
    def __init__(self, profile: str, base_url: str | None, as_json: bool):
        self.profile: Profile = load_profile(profile, base_url)
        self.as_json = as_json

    def now(self) -> datetime:
        """The time: `RAPPORT_NOW` (an ISO instant, for scripts and tests) or the system clock."""
        pinned = os.environ.get("RAPPORT_NOW")
        if pinned:
            return datetime.fromisoformat(pinned.replace("Z", "+00:00")).astimezone(timezone.utc)
        return datetime.now(timezone.utc)

    @cached_property
    def session(self) -> Session:
        return Session(self.profile.base_url, token_store(self.profile.name))

    @cached_property
    def http(self) -> Http:
        return Http(self.profile.base_url, token=self.session.access_token)

    @cached_property
    def api(self) -> Rapport:
        """The typed client (rapport_sdk.Rapport) on the same HTTP client."""
        return Rapport(self.profile.base_url, http=self.http)

    @cached_property
    def store(self) -> Store:
        return Store(self.profile.store_path, now=self.now)

    @cached_property
    def engine(self) -> SyncEngine:
        return SyncEngine(HttpTransport(self.http), self.session.device_id, self.store)

    # -- output ---------------------------------------------------------------------------------

    def emit(self, data: Any, human: str | None = None) -> None:
        """`--json`: the data as JSON on stdout; otherwise the human text."""
        if self.as_json:
            click.echo(json.dumps(data, indent=1, default=str, ensure_ascii=False))
        elif human is not None:
            click.echo(human)

    def note(self, text: str) -> None:
        """Progress and hints: stderr, so stdout stays the answer (and valid JSON with --json)."""
        click.echo(text, err=True)


def conflict_rows(store: Store) -> list[dict[str, Any]]:
    """Every field changed here and on another device: collection, id, field, mine, server_value."""
    return [{"collection": collection, "id": r["id"], **c}
            for collections in SCOPES.values() for collection in collections
            for r in store.all(collection) for c in r.get("_conflicts") or []]


def report_dict(report: Report) -> dict[str, Any]:
    return {"pushed": report.pushed, "pulled": report.pulled, "offline": report.offline,
            "retry_later": report.retry_later, "server_time": report.server_time,
            "scopes": {s: {"up": c.up, "down": c.down} for s, c in report.scopes.items()},
            "rejected": [asdict(r) for r in report.rejected]}


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """A plain text table, columns as wide as their widest cell."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(list(headers)), line(["-" * w for w in widths]), *map(line, cells)])


def fail(code: int, message: str) -> None:
    click.echo(f"rapport: {message}", err=True)
    sys.exit(code)


def exit_code(exc: Exception) -> int:
    if isinstance(exc, AuthError) or getattr(exc, "slug", "") in ("access-revoked", "device-not-registered"):
        return SIGN_IN
    if isinstance(exc, NetworkError):
        return UNREACHABLE
    return REFUSED


def describe(exc: Exception) -> str:
    """One clear sentence (and each field's problem) for the person at the terminal."""
    if isinstance(exc, ProblemError):
        text = exc.detail or exc.title or f"the server answered {exc.status}"
        errors = exc.errors or {}
        more = "; ".join(f"{field}: {msg if isinstance(msg, str) else ' '.join(map(str, msg))}"
                         for field, msg in errors.items()) if isinstance(errors, dict) else ""
        return f"{text} ({exc.slug or exc.status})" + (f" — {more}" if more else "")
    if isinstance(exc, AuthError):
        return exc.description or exc.error
    if isinstance(exc, NetworkError):
        return f"{exc} — nothing was lost; try again when the server can be reached"
    if isinstance(exc, SyncStopped):
        return {"access-revoked": "this device was signed out or your membership ended: `rapport login` again",
                "device-not-registered": "this device is not signed in as itself: `rapport login` again",
                "upgrade-required": "the server needs a newer rapport: upgrade the rapport-sdk package"}.get(
                    exc.slug, exc.message)
    return str(exc)
