"""Domain errors: what a use case says when it cannot do what was asked, without HTTP.

Domain and service-layer code (and background jobs) raise these; nothing here knows Flask or
status codes. `shared.problems` is the one place that turns them into RFC 9457 problem+json
(and `shared.faults` the one place that tells a worker which of them to wait out).

Five kinds, each with a `slug` (the `/problems/<slug>` type, README "Errors") and a `detail`
for a person:

| kind | default slug | HTTP (shared.problems) | means |
|---|---|---|---|
| `NotFound` | `not-found` | 404 | no such object — also another member's (tenants learn nothing) |
| `Conflict` | `conflict` | 409 | the request contradicts the current state (e.g. `ultimate-goal-exists`) |
| `Invalid` | `validation-error` | 422 | the input breaks a rule; `errors` names each bad field |
| `Forbidden` | `forbidden` | 403 | the caller is known but may not do this (e.g. `sso-domain-not-allowed`) |
| `Busy` | `write-conflict` | 503 + `Retry-After` | a transient state: try the same request again shortly |

A few documented slugs of a kind have a status of their own (an unknown cursor is invalid
input but a `400 invalid-cursor`, a stale `If-Match` a `412 version-mismatch`); that small
table lives next to the mapping, in `shared.problems.SLUG_STATUS`, so the kind stays the
domain's word and the status the web's.

Extension members (e.g. `version=3`, `reason="…"`) travel with the error and are rendered as
members of the problem document.
"""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every domain error: a `slug` and a human `detail` (plus extension members)."""

    slug = "error"

    def __init__(self, detail: str, *, slug: str | None = None, **extensions: Any):
        super().__init__(detail)
        self.detail = detail
        if slug:
            self.slug = slug
        self.extensions = extensions


class NotFound(DomainError):
    """No such object, or not the caller's: the same answer either way."""

    slug = "not-found"


class Conflict(DomainError):
    """The request contradicts the current state of the data."""

    slug = "conflict"


class Invalid(DomainError):
    """The input breaks a rule; `errors` maps each bad field to its messages."""

    slug = "validation-error"

    def __init__(self, detail: str, *, errors: dict[str, Any] | None = None, slug: str | None = None,
                 **extensions: Any):
        super().__init__(detail, slug=slug, **extensions)
        self.errors = errors


class Forbidden(DomainError):
    """The caller may not do this, whatever the input (an identity the organisation does not admit)."""

    slug = "forbidden"


class Busy(DomainError):
    """A transient state (e.g. a write that kept losing its race): retry after `retry_after` seconds."""

    slug = "write-conflict"

    def __init__(self, detail: str, *, retry_after: int = 1, slug: str | None = None, **extensions: Any):
        super().__init__(detail, slug=slug, **extensions)
        self.retry_after = retry_after


def not_found(what: str = "resource") -> NotFound:
    """The one answer for 'missing' and 'not yours' alike."""
    return NotFound(f"{what} not found")
