"""What every sync scope (contacts, nudges, and those to come) shares: a record's memory of the
pushed mutations that wrote it, the app's schema gate, and the server's time on every answer.
The protocol they speak is docs/sync-protocol.md.

A record remembers each (device, mutation id) that wrote it with the version that write gave it
and the status it was answered with, in the very write that changed it. So the first result is
decided once, atomically with its effect: a resend at any moment (racing the first attempt,
after a 5xx, after a crash between the write and the answer) finds it in the record and answers
`duplicate` with that version and `first_status`, never with the record's current version, and
never applies twice. Per-device receipts kept beside (each scope's own) only spare the lookup
and cover the answers that wrote nothing (conflict, rejected).
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Callable, Iterable

from flask import Blueprint, Response, request
from .problems import Problem
from .clock import rfc3339
from .schema import UtcDateTime

SCHEMA_HEADER = "X-Rapport-Schema-Version"
PATH_PREFIX = "/v1/sync/"  # every sync scope's routes: /v1/sync/<scope>/...
PROBLEM_JSON = "application/problem+json"
DUPLICATE = "duplicate"


# -- the record's memory of the mutations that wrote it ---------------------------------------

def remember(entries: Iterable[Any] | None, key: str | None, version: int, status: str, keep: int) -> list:
    """The record's memory after a write by mutation `key` (None: a write no mutation made) that
    gave it `version` and was answered `status`; the newest `keep` entries."""
    kept = list(entries or [])
    if key:
        kept = (kept + [{"k": key, "v": version, "s": status}])[-keep:]
    return kept


def recall(entries: Iterable[Any] | None, key: str) -> dict | None:
    """What the record remembers of mutation `key`: {"k", "v", "s"} (an entry written before
    versions were kept is a bare key: its version and status are not known)."""
    for entry in entries or []:
        if entry == key:
            return {"k": key}
        if isinstance(entry, dict) and entry.get("k") == key:
            return entry
    return None


def first_result(head: dict, entry: dict, current_version: int, **extra) -> dict:
    """The answer to a resend of a mutation the record remembers: its first result."""
    return {**head, "status": DUPLICATE, "first_status": entry.get("s") or "applied",
            "version": entry.get("v") or current_version, **{k: v for k, v in extra.items() if v is not None}}


# -- the routes of a sync scope ----------------------------------------------------------------

def serve(blueprint: Blueprint, *, minimum: Callable[[], int], current: int, now: Callable[[], datetime]) -> None:
    """Make `blueprint` a sync scope's routes: each request's app schema is checked (426 below
    `minimum()`), and each response carries the server's time."""

    @blueprint.before_request
    def _schema_gate():
        check_client_schema(request.headers.get(SCHEMA_HEADER), minimum(), current)

    blueprint.after_request(lambda response: stamp(response, now))


def header_parameters(current: int) -> list[dict]:
    """The OpenAPI parameter every sync route takes, the app's schema version: give it to the
    route (`blueprint.route(rule, parameters=...)`), so the operations keep their own."""
    return [{"in": "header", "name": SCHEMA_HEADER, "required": True, "schema": {"type": "integer", "minimum": 1},
             "description": f"the app's sync schema version (this server: {current}); below the oldest served: "
                            "426, nothing applied"}]


def check_client_schema(header: str | None, minimum: int, current: int) -> None:
    """Apps send the sync schema they speak; below `minimum`: 426, and nothing is applied."""
    raw = (header or "").strip()
    version = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else 0
    if version < minimum:
        raise Problem(426, f"this app speaks sync schema {version or 'unknown'} (header {SCHEMA_HEADER}); the oldest "
                           f"this server supports is {minimum}: update the app", slug="upgrade-required",
                      min_schema_version=minimum, schema_version=current)


# -- the server's time on every answer --------------------------------------------------------

def stamp(response: Response, now: Callable[[], datetime]) -> Response:
    """Put the server's time on a sync answer, errors included (devices never use their own
    clock): the header always, and `server_time` into a problem body that lacks it (successful
    bodies carry it by their schema; the gateway stamps the problems it makes itself)."""
    moment = rfc3339(now())
    response.headers["X-Server-Time"] = moment
    if response.mimetype == PROBLEM_JSON and not response.is_streamed:
        try:
            body = json.loads(response.get_data())
        except ValueError:
            return response
        if isinstance(body, dict) and "server_time" not in body:
            body["server_time"] = moment
            response.set_data(json.dumps(body))
    return response


def problem_schema(base: type) -> type:
    """The problem schema of a sync route: the service's own, plus `server_time`."""
    return type("SyncProblem", (base,), {
        "server_time": UtcDateTime(required=True, metadata={"description": "the server's time (also X-Server-Time)"}),
        "Meta": type("Meta", (base.Meta,), {})})
