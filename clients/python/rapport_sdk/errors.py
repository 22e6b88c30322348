"""The SDK's exceptions: one base class, and one class per kind of answer an application handles.

- `NetworkError`: no answer at all (connection refused or reset, DNS, a timeout);
- `AuthError`: signed out, or an OAuth error (`.error`, `.description`);
- `ProblemError`: an RFC 9457 problem document (or a plain JSON error body), a subclass per status:
  `.status .type .slug .title .detail .errors .body`.

    try:
        rapport.contacts.create(...)
    except ValidationError as e:
        print(e.errors)   # {"field": ["message", ...]}
"""
from __future__ import annotations

from typing import Any


class RapportError(Exception):
    """Anything the SDK raises."""


class NetworkError(RapportError):
    """No answer: connection refused or reset, a DNS failure, a timeout."""


class AuthError(RapportError):
    """Signed out, or the authorization server answered an OAuth error (RFC 6749 §5.2)."""

    def __init__(self, error: str, description: str | None = None):
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description


class ProblemError(RapportError):
    """An error answer (status >= 400) as an RFC 9457 problem: `/problems/<slug>` in `.type`."""

    def __init__(self, status: int, body: dict[str, Any] | None = None):
        body = dict(body or {})
        self.status = status
        self.body = body
        self.type: str = str(body.get("type") or "about:blank")
        self.slug: str = self.type.rstrip("/").rsplit("/", 1)[-1] if self.type != "about:blank" else ""
        self.title: str = str(body.get("title") or "")
        self.detail: str = str(body.get("detail") or "")
        errors = body.get("errors")
        self.errors: dict[str, Any] = errors if isinstance(errors, dict) else {}
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"{self.status} {self.slug or self.title or 'error'}"
        if self.detail:
            text += f": {self.detail}"
        if self.errors:
            text += f" {self.errors}"
        return text


class BadRequest(ProblemError):
    """400"""


class Unauthorized(ProblemError):
    """401"""


class Forbidden(ProblemError):
    """403"""


class NotFound(ProblemError):
    """404"""


class Conflict(ProblemError):
    """409"""


class Gone(ProblemError):
    """410"""


class PayloadTooLarge(ProblemError):
    """413"""


class UnsupportedMediaType(ProblemError):
    """415"""


class ValidationError(ProblemError):
    """422: `.errors` maps a field to its messages"""


class UpgradeRequired(ProblemError):
    """426: this client is too old for the server"""


class RateLimited(ProblemError):
    """429"""


class ServerError(ProblemError):
    """5xx"""


class Unavailable(ServerError):
    """503"""


_BY_STATUS: dict[int, type[ProblemError]] = {
    400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict, 410: Gone,
    413: PayloadTooLarge, 415: UnsupportedMediaType, 422: ValidationError, 426: UpgradeRequired,
    429: RateLimited, 503: Unavailable,
}


def problem_error(status: int, body: dict[str, Any] | None) -> ProblemError:
    """The exception for an error answer: the subclass for `status` (ServerError for other 5xx)."""
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ProblemError)
    body = dict(body or {})
    body.setdefault("status", status)
    if "title" not in body and isinstance(body.get("message"), str):  # a plain JSON error body
        body["title"] = body["message"]
    return cls(status, body)
