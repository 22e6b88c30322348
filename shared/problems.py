"""RFC 9457 problem details: one exception type, one renderer, one set of handlers, and the
schema that documents them in every service's OpenAPI document (`ProblemSchema`).

Problem types are relative URIs `/problems/<slug>`; the README lists every slug.

This is also the one place domain errors (`shared.errors`) become HTTP: a status per kind
(`KIND_STATUS`: not found 404, conflict 409, invalid 422, forbidden 403, busy 503 with `Retry-After`) and a
small table of documented slugs whose status differs from their kind's (`SLUG_STATUS`, e.g.
`invalid-cursor` is invalid input answered 400). Views and the HTTP layer may still raise
`Problem` for what only HTTP knows (headers, body limits, media types).
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, g, json, request
from marshmallow import INCLUDE, Schema, fields, validate
from werkzeug.exceptions import HTTPException

from . import errors, transient
from .guard import GuardBusy

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

# HTTP status -> the slug used when nothing more specific is known
_DEFAULT_SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    410: "gone",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    426: "upgrade-required",
    429: "too-many-requests",
    500: "internal-error",
    503: "unavailable",
}


class Problem(Exception):
    """Raise anywhere in a request to answer with a problem+json document."""

    def __init__(self, status: int, detail: str = "", *, slug: str | None = None,
                 title: str | None = None, errors: dict | None = None, headers: dict | None = None,
                 **extensions: Any):
        super().__init__(detail or title or str(status))
        self.status = status
        self.slug = slug or _DEFAULT_SLUGS.get(status, "error")
        self.title = title or HTTPStatus(status).phrase
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extensions = extensions


class ProblemSchema(Schema):
    """RFC 9457 problem details, as `problem_response` sends them (`application/problem+json`).

    Documentation only: nothing is loaded with it. Extension members are allowed; the ones
    some routes send are listed."""

    class Meta:
        unknown = INCLUDE  # RFC 9457 §3.2: extension members; OpenAPI additionalProperties: true
        ordered = True

    type = fields.String(required=True, metadata={"description": "`/problems/<slug>` (README, Errors)",
                                                  "example": "/problems/validation-error"})
    title = fields.String(required=True, metadata={"description": "the status's reason phrase"})
    status = fields.Integer(required=True, validate=validate.Range(min=400, max=599))
    detail = fields.String(metadata={"description": "what went wrong, for a person"})
    instance = fields.String(metadata={"description": "the request path"})
    request_id = fields.String(metadata={"description": "also in the X-Request-ID header and the logs"})
    errors = fields.Dict(keys=fields.String(), metadata={
        "description": "422 validation-error: each bad field and its messages (nested fields nest)"})
    # extensions of some routes
    limit = fields.Integer(metadata={"description": "413: the limit exceeded"})
    limit_name = fields.String(metadata={"description": "413: which limit"})
    min_schema_version = fields.Integer(metadata={"description": "426: the oldest sync schema served"})
    schema_version = fields.Integer(metadata={"description": "426: the sync schema this server speaks"})
    version = fields.Integer(metadata={"description": "412: the record's current version"})
    reason = fields.String(metadata={"description": "409 on merges: why"})
    merged_into = fields.String(metadata={"description": "409 on merges: the record it was merged into"})


def not_found(what: str = "resource") -> Problem:
    """The one answer for 'missing' and 'not yours' alike: tenants learn nothing. (Service
    layers raise `shared.errors.not_found`; this is for code that still raises `Problem`.)"""
    return Problem(404, f"{what} not found")


# a domain error's status: by kind (most specific class first) ...
KIND_STATUS: tuple[tuple[type[errors.DomainError], int], ...] = (
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (errors.Invalid, 422),
    (errors.Forbidden, 403),
    (errors.Busy, 503),
)
# ... except for these documented slugs (README, Errors), whatever kind raises them
SLUG_STATUS = {
    "invalid-cursor": 400,      # Invalid: a cursor this API did not issue
    "forbidden": 403,           # Conflict: the member is not active (no token for them)
    "resync-required": 410,     # Conflict: the cursor is older than tombstone retention
    "version-mismatch": 412,    # Conflict: If-Match names an older version
    "payload-too-large": 413,   # Invalid: more items than an endpoint's count limit
    "too-many-requests": 429,   # Busy: a rate limit (sign-in codes per address and per client address)
    "sso-login-expired": 400,   # Invalid: an organisation sign-in's state unknown, used or expired
}


def status_of(error: errors.DomainError) -> int:
    if error.slug in SLUG_STATUS:
        return SLUG_STATUS[error.slug]
    for kind, status in KIND_STATUS:
        if isinstance(error, kind):
            return status
    return 500


def from_domain(error: errors.DomainError) -> Problem:
    """The problem document a domain error is answered with."""
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, errors.Busy) else {}
    return Problem(status_of(error), error.detail, slug=error.slug, errors=getattr(error, "errors", None),
                   headers=headers, **error.extensions)


def problem_response(problem: Problem) -> Response:
    body: dict[str, Any] = {
        "type": f"/problems/{problem.slug}",
        "title": problem.title,
        "status": problem.status,
    }
    if problem.detail:
        body["detail"] = problem.detail
    if request:
        body["instance"] = request.path
    if problem.errors:
        body["errors"] = _text_keys(problem.errors)
    request_id = getattr(g, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    body.update(problem.extensions)
    resp = Response(json.dumps(body), status=problem.status, mimetype=PROBLEM_JSON)
    for k, v in problem.headers.items():
        resp.headers[k] = v
    return resp


def _text_keys(value: Any) -> Any:
    """Errors with every key as text: marshmallow names a list's items by index (`{3: [...]}`),
    and a list's own message beside them (`_schema`) would make keys JSON cannot sort."""
    if isinstance(value, dict):
        return {str(k): _text_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_text_keys(v) for v in value]
    return value


def _from_http_exception(exc: HTTPException) -> Problem:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if messages:
        # webargs/flask-smorest: {"json": {"field": ["msg"]}} -> {"field": ["msg"]}
        errors: dict = {}
        for location_errors in messages.values():
            if isinstance(location_errors, dict):
                errors.update(location_errors)
            else:
                errors["_schema"] = location_errors
        if status == 400:  # the body is not JSON at all
            return Problem(400, "the request body is not valid JSON", slug="malformed-json")
        return Problem(422, "the request has invalid fields", slug="validation-error", errors=errors)
    detail = exc.description if status < 500 else ""
    if status == 413:
        detail = "the request body is larger than this endpoint accepts"
    headers = {}
    methods = getattr(exc, "valid_methods", None)  # werkzeug's MethodNotAllowed
    if status == 405 and methods:
        headers["Allow"] = ", ".join(methods)
    return Problem(status, detail or "", headers=headers)


def init_app(app: Flask) -> None:
    """Turn every error into problem+json: ours, Werkzeug's, and unexpected ones."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return problem_response(exc)

    @app.errorhandler(errors.DomainError)
    def _domain(exc: errors.DomainError):
        return problem_response(from_domain(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return problem_response(_from_http_exception(exc))

    @app.errorhandler(GuardBusy)
    def _busy(exc: GuardBusy):
        log.warning("write guard busy", extra={"keys": exc.keys[:5]})
        return problem_response(Problem(503, "the record is being changed by another request; retry shortly",
                                        slug="record-busy", headers={"Retry-After": "1"}))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return problem_response(_from_http_exception(exc))
        if transient.is_transient(exc):  # retried already (shared.transient): the client may retry
            log.warning("store unavailable", extra={"error": f"{exc.__class__.__name__}: {exc}"[:300]})
            return problem_response(Problem(503, "the data store is briefly unavailable; retry shortly",
                                            slug="store-unavailable",
                                            headers={"Retry-After": str(transient.RETRY_AFTER_SECONDS)}))
        log.exception("unhandled error")
        return problem_response(Problem(500, "an unexpected error occurred; it has been logged"))
