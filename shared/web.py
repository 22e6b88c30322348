"""The Flask application factory every service builds on.

`create_service_app` returns a Flask app and a flask-smorest `Api` with, in one place:
problem+json errors, one request body limit per route (`body_limit`), JSON-only bodies
(415 otherwise), request and correlation ids in and out, JSON logs, token verification for
every `/v1/` route unless marked `@public`, `/healthz`, `/readyz`, `/metrics`, and the OpenAPI
document at `/v1/openapi/<service>.json`.
"""
from __future__ import annotations

import http
import re
import time
import uuid
from typing import Callable

import flask_smorest
from apispec import BasePlugin
from flask import Flask, Response, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from werkzeug.exceptions import RequestEntityTooLarge

from . import auth, jsonbody, logs, problems, syncing
from .problems import Problem
from .settings import Settings

_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
BODY_METHODS = {"POST", "PUT", "PATCH"}
ACCEPTS_ATTR = "_rapport_accepts"
REVOCATIONS = "rapport_revocations"  # (org_id, member_id) -> reason | None, see shared.revocation
BODY_LIMIT_ATTR = "_rapport_body_limit"

HTTP_REQUESTS = Counter("rapport_http_requests_total", "HTTP requests answered",
                        ["service", "method", "route", "status"])
HTTP_LATENCY = Histogram("rapport_http_request_duration_seconds", "HTTP request latency",
                         ["service", "method", "route"])


PROBLEM_SCHEMA_NAME = "Problem"
SYNC_PROBLEM_SCHEMA_NAME = "SyncProblem"   # the problems of the sync routes also carry `server_time`


class Api(flask_smorest.Api):
    """flask-smorest's Api, leaving error rendering to `shared.problems` and documenting every
    error response as what `shared.problems` really sends: `application/problem+json` bodies of
    `ProblemSchema` (flask-smorest's own `Error` schema is `{code, status, message}`)."""

    ERROR_SCHEMA = problems.ProblemSchema

    def __init__(self, app=None, *, spec_kwargs=None, **kwargs):
        spec_kwargs = dict(spec_kwargs or {})
        spec_kwargs["extra_plugins"] = [*spec_kwargs.get("extra_plugins", ()), _ProblemResponses()]
        super().__init__(app, spec_kwargs=spec_kwargs, **kwargs)

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        self.spec.components.schema(PROBLEM_SCHEMA_NAME, schema=self.ERROR_SCHEMA)
        self.spec.components.schema(SYNC_PROBLEM_SCHEMA_NAME, schema=syncing.problem_schema(self.ERROR_SCHEMA))
        super()._register_responses()  # every status by name, lazily; replaced for errors below
        for status in http.HTTPStatus:
            if status >= 400:
                self.spec.components.response(status.name, _problem_response(status.phrase), lazy=True)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, _problem_response(DEFAULT_ERROR_DESCRIPTION),
                                      lazy=True)


DEFAULT_ERROR_DESCRIPTION = "Error: an RFC 9457 problem (README, Errors)"


def _problem_response(description: str, schema: str = PROBLEM_SCHEMA_NAME) -> dict:
    return {"description": description, "content": {problems.PROBLEM_JSON: {"schema": schema}}}


class _ProblemResponses(BasePlugin):
    """An error response a view documents without a body (`alt_response(409, description=…)`)
    gets the problem+json body it is really sent with; on the sync routes every error response
    is a `SyncProblem` (shared.syncing stamps `server_time` into each)."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        sync = str(path or "").startswith(syncing.PATH_PREFIX)
        for operation in (operations or {}).values():
            responses = (operation.get("responses") or {}) if isinstance(operation, dict) else {}
            for status, response in list(responses.items()):
                if not (str(status) == "default" or str(status)[:1] in "45"):
                    continue
                if sync:
                    described = response.get("description") if isinstance(response, dict) else None
                    responses[status] = _problem_response(described or _phrase(status), SYNC_PROBLEM_SCHEMA_NAME)
                elif isinstance(response, dict) and "$ref" not in response and not response.get("content"):
                    response.update(_problem_response(response.get("description") or ""))


def _phrase(status) -> str:
    if str(status) == "default":
        return DEFAULT_ERROR_DESCRIPTION
    return http.HTTPStatus(int(status)).phrase


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint whose `@arguments` read JSON bodies through `shared.jsonbody`."""

    ARGUMENTS_PARSER = jsonbody.Parser()


def accepts(*mimetypes: str):
    """Let a view take request bodies other than JSON (e.g. text/vcard for imports)."""
    def decorator(view):
        setattr(view, ACCEPTS_ATTR, set(mimetypes))
        return view
    return decorator


def body_limit(limit: int | Callable[[], int], name: str):
    """Give a view its own request body limit in bytes (a number, or a callable read on each
    request, e.g. a service setting) instead of RAPPORT_MAX_BODY_BYTES; `name` is the
    `limit_name` of its 413. This is the only body-size rule: every route has exactly one
    limit, enforced before the body is read, and while reading a chunked body."""
    def decorator(view):
        setattr(view, BODY_LIMIT_ATTR, (limit, name))
        return view
    return decorator


def _too_large(limit: int, name: str) -> Problem:
    return Problem(413, f"the request body may have at most {limit} bytes here; split it", slug="payload-too-large",
                   limit=limit, limit_name=name)


def _limit_body(default: int) -> None:
    """The route's body limit, applied before anything else reads the body: a Content-Length
    above it is refused unread; a chunked body (no Content-Length) is read here, at most one
    byte past the limit, and refused when it has that byte. (Werkzeug's `get_data` would stop
    silently at the limit, and the view would parse a truncated body.) What is read is cached
    for the view."""
    limit, name = _view_attr(BODY_LIMIT_ATTR) or (default, "body_bytes")
    limit = limit() if callable(limit) else limit
    g.body_limit = (limit, name)
    request.max_content_length = limit
    if request.content_length is not None:
        if request.content_length > limit:
            raise _too_large(limit, name)
    elif "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        request.max_content_length = limit + 1
        if len(request.get_data(cache=True)) > limit:
            raise _too_large(limit, name)


def _view_attr(name: str, default=None):
    view = request.url_rule and request.endpoint and _app_view()
    if view is None:
        return default
    for candidate in (view, getattr(view, "view_class", None)):
        if candidate is not None and hasattr(candidate, name):
            return getattr(candidate, name)
    view_class = getattr(view, "view_class", None)
    method = view_class and getattr(view_class, request.method.lower(), None)
    return getattr(method, name, default) if method else default


def _app_view():
    from flask import current_app
    return current_app.view_functions.get(request.endpoint)


ReadyCheck = Callable[[], None]  # raises when not ready


def create_service_app(settings: Settings, *, title: str, description: str = "",
                       ready_checks: dict[str, ReadyCheck] | None = None,
                       verifier: auth.TokenVerifier | None = None) -> tuple[Flask, Api]:
    logs.configure(settings.service, settings.log_level)
    app = Flask(settings.service)
    app.request_class = jsonbody.Request
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/v1/openapi",
        OPENAPI_JSON_PATH=f"{settings.service}.json",
        API_SPEC_OPTIONS={
            "info": {"description": description or title},
            "components": {"securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}},
            "security": [{"bearer": []}],
        },
        RAPPORT_SETTINGS=settings,
    )
    problems.init_app(app)
    api = Api(app)
    verifier = verifier or auth.TokenVerifier.from_settings(settings)
    app.extensions["rapport_verifier"] = verifier
    service = settings.service

    @app.before_request
    def _ids_and_auth():
        g.started = time.perf_counter()
        rid = request.headers.get("X-Request-ID", "")
        g.request_id = rid if _ID_RE.match(rid) else uuid.uuid4().hex
        cid = request.headers.get("X-Correlation-ID", "")
        g.correlation_id = cid if _ID_RE.match(cid) else g.request_id
        _limit_body(settings.max_body_bytes)
        if request.method in BODY_METHODS and (request.content_length or request.headers.get("Transfer-Encoding")):
            allowed = _view_attr(ACCEPTS_ATTR) or {"application/json"}
            if request.mimetype not in allowed and not request.mimetype.endswith("+json"):
                raise Problem(415, f"send the body as {' or '.join(sorted(allowed))}")
        if request.path.startswith("/v1/") and not request.path.startswith("/v1/openapi"):
            if request.endpoint is None or not _view_attr(auth.PUBLIC_ATTR, False):
                auth.authenticate(verifier, app.extensions.get(REVOCATIONS))
        if request.method in BODY_METHODS and request.is_json:
            jsonbody.load(request)  # hostile JSON is refused here, before any view or schema

    @app.errorhandler(RequestEntityTooLarge)
    def _body_too_large(exc: RequestEntityTooLarge):
        limit, name = getattr(g, "body_limit", None) or (settings.max_body_bytes, "body_bytes")
        return problems.problem_response(_too_large(limit, name))

    @app.after_request
    def _finish(resp: Response):
        resp.headers["X-Request-ID"] = getattr(g, "request_id", "")
        resp.headers["X-Correlation-ID"] = getattr(g, "correlation_id", "")
        route = request.url_rule.rule if request.url_rule else "unmatched"
        HTTP_REQUESTS.labels(service, request.method, route, resp.status_code).inc()
        if hasattr(g, "started"):
            HTTP_LATENCY.labels(service, request.method, route).observe(time.perf_counter() - g.started)
        return resp

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", service=service)

    checks = dict(ready_checks or {})

    @app.get("/readyz")
    def readyz():
        results, ok = {}, True
        for name, check in checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as exc:  # readiness reports, it does not raise
                ok = False
                results[name] = f"failed: {exc.__class__.__name__}: {exc}"[:300]
        body = jsonify(status="ok" if ok else "unavailable", service=service, checks=results)
        return body, (200 if ok else 503)

    @app.get("/metrics")
    def metrics():
        return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)

    return app, api


def service_app(service: str, *, title: str, description: str, documents, blueprints,
                settings: Settings | None = None, extensions: dict | None = None,
                verifier: auth.TokenVerifier | None = None) -> Flask:
    """The whole wiring of one service's HTTP app: settings, database and indexes, the
    platform behaviour above, readiness on MongoDB and Kafka, and its blueprints. Tokens are
    verified with `verifier`, by default the one the settings describe (pinned keys, the JWKS)."""
    from . import db, kafka
    from .settings import load_settings

    settings = settings or load_settings(service)
    db.connect(settings)
    db.ensure_indexes(documents)
    app, api = create_service_app(settings, title=title, description=description, verifier=verifier,
                                  ready_checks={"mongo": db.ping, "kafka": kafka.ready_check(settings)})
    from . import revocation
    app.extensions[REVOCATIONS] = revocation.revoked  # accounts passes its own (its member documents)
    app.extensions.update(extensions or {})
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    return app
