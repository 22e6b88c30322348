"""The gateway: one base URL, `/v1/...` routed by path prefix to the services, and the web app
at `/` (services/gateway/web.py).

Its settings (upstreams GATEWAY_UPSTREAM_<SERVICE>, defaults 127.0.0.1:8081-8084, and the
rest) are read and checked once, in services/gateway/config.py. Errors it makes itself (no
route, a refused path, upstream down) are problem+json like every service's.

- Paths are checked and normalised before routing (services/gateway/paths.py): traversal,
  encoded separators and double encoding are `400 /problems/invalid-path`, the app's files'
  paths too.
- The public base URL is RAPPORT_PUBLIC_BASE_URL when set, else the gateway's own URL as the
  client reached it (with GATEWAY_TRUSTED_PROXIES > 0, the X-Forwarded-* headers of that many
  proxies in front, via werkzeug's ProxyFix). Upstreams always get X-Forwarded-Proto, -Host
  and -Prefix for that base (a client's own X-Forwarded-* headers are dropped), so the URLs
  they build are public (shared.urls).
- A service's `Location`/`Content-Location` never reaches a client naming an internal
  address: it is rewritten onto the public base, or dropped (a redirect left without a
  public target becomes `502`).
"""
from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

import requests
from flask import Flask, Response, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import PathConverter

from shared import clock, logs, problems, syncing
from shared.problems import Problem

from . import web
from .config import GatewayConfig
from .paths import LOCATION_HEADERS, InvalidPath, canonical_path, encoded, public_location
from .routes import service_for

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}
TIMEOUT = (3.05, 60)
log = logging.getLogger(__name__)


class RawPath(PathConverter):
    """Any rest of a path, empty segments included: the gateway checks it itself (paths.py)."""

    regex = ".*"
    part_isolating = False


PAGE_METHODS = ["GET", "POST"]
PROXIED = [  # what the gateway forwards: the API, and sign-in at the issuer's root (routes.py)
    ("/v1/<raw:rest>", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
    ("/oauth2/<raw:rest>", ["GET", "POST", "OPTIONS"]),
    ("/.well-known/<raw:rest>", ["GET", "HEAD", "OPTIONS"]),
    ("/signin", PAGE_METHODS), ("/signin/<raw:rest>", PAGE_METHODS), ("/device", PAGE_METHODS),
]


def create_app(upstreams: dict[str, str] | None = None, config: GatewayConfig | None = None) -> Flask:
    """`upstreams` replaces the configured ones (tests)."""
    config = config or GatewayConfig.from_env()  # a bad value stops the gateway at start, named
    logs.configure("gateway", config.log_level)
    upstreams = upstreams or config.upstreams
    internal = _origins(upstreams.values())
    configured_base = config.public_base
    trusted = config.trusted_proxies
    app = Flask("gateway")
    app.url_map.merge_slashes = False  # the gateway normalises paths itself and never redirects
    app.url_map.strict_slashes = False
    app.url_map.converters["raw"] = RawPath
    if trusted:
        # Flask's documented way to add WSGI middleware; mypy sees wsgi_app only as a method
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted, x_prefix=trusted)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    problems.init_app(app)
    local = threading.local()

    @app.after_request
    def sync_server_time(response: Response) -> Response:
        """Sync answers carry the server's time, the problems the gateway makes itself too (a
        service's own answers already do)."""
        if request.path.startswith(syncing.PATH_PREFIX) and "X-Server-Time" not in response.headers:
            return syncing.stamp(response, clock.now)
        return response

    def public_base() -> str:
        return configured_base or request.url_root.rstrip("/")

    @app.before_request
    def checked_path():
        try:
            request.environ["rapport.path"] = canonical_path(_raw_path())
        except InvalidPath as exc:
            raise Problem(400, f"refused path: {exc}", slug="invalid-path") from None

    def session() -> requests.Session:
        if not hasattr(local, "session"):
            local.session = requests.Session()
        return local.session

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", service="gateway")

    @app.get("/readyz")
    def readyz():
        results = {}
        for name, url in upstreams.items():
            try:
                results[name] = session().get(f"{url}/readyz", timeout=5).json().get("status", "unknown")
            except (requests.RequestException, ValueError) as exc:
                results[name] = f"unreachable: {exc.__class__.__name__}"
        ok = all(v == "ok" for v in results.values())
        return jsonify(status="ok" if ok else "unavailable", upstreams=results), (200 if ok else 503)

    def proxy(**_):
        path = request.environ["rapport.path"]
        service = service_for(path)
        if service is None:
            raise Problem(404, f"no service answers {path}")
        return _forward(session(), service, upstreams[service], path, public_base(), internal)

    _route(app, proxy)
    web.init_app(app, config.web_root)
    return app


def _route(app: Flask, proxy) -> None:
    for rule, methods in PROXIED:  # each rule its own endpoint: werkzeug never redirects between them
        app.add_url_rule(rule, endpoint=f"proxy {rule}", view_func=proxy, methods=methods)


def _origins(urls) -> frozenset[str]:
    """`scheme://host:port` of each URL: where the gateway reaches services (never handed out)."""
    return frozenset("{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in urls)


def _raw_path() -> str:
    """The path as the client sent it (still encoded), without query or fragment."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or encoded(request.path)
    raw = raw.split("?", 1)[0].split("#", 1)[0]
    if "://" in raw:  # absolute-form request target
        raw = "/" + raw.split("://", 1)[1].partition("/")[2]
    return raw


def _forward(session: requests.Session, service: str, upstream_url: str, path: str, public_base: str,
             internal: frozenset[str]) -> Response:
    """The request, to the service; its answer, with no header naming an internal address."""
    base = urlsplit(public_base)
    headers = {k: v for k, v in request.headers.items()
               if k.lower() not in HOP_BY_HOP and not k.lower().startswith("x-forwarded-")}
    headers["X-Forwarded-For"] = request.remote_addr or ""
    headers["X-Forwarded-Proto"] = base.scheme
    headers["X-Forwarded-Host"] = base.netloc
    if base.path:
        headers["X-Forwarded-Prefix"] = base.path
    body = request.get_data() if request.method in ("POST", "PUT", "PATCH") else None
    query = request.query_string.decode("latin-1")
    target = upstream_url + encoded(path) + (f"?{query}" if query else "")
    try:
        upstream = session.request(request.method, target, headers=headers, data=body, timeout=TIMEOUT,
                                   allow_redirects=False, stream=True)
    except requests.ConnectionError:
        raise Problem(503, f"the {service} service is not reachable; try again shortly",
                      headers={"Retry-After": "2"}) from None
    except requests.Timeout:
        raise Problem(504, f"the {service} service did not answer in time", slug="upstream-timeout") from None
    out_headers = []
    for k, v in upstream.raw.headers.items():
        if k.lower() in HOP_BY_HOP:
            continue
        if k.lower() in LOCATION_HEADERS:
            v = public_location(v, public_base, path, internal)
            if v is None:
                log.warning("dropped a service's %s naming no public address", k,
                            extra={"service": service, "status": upstream.status_code})
                continue
        out_headers.append((k, v))
    if 300 <= upstream.status_code < 400 and not any(k.lower() == "location" for k, _ in out_headers):
        upstream.close()
        raise Problem(502, f"the {service} service answered with a redirect the gateway does not hand out",
                      slug="bad-gateway")
    return Response(upstream.raw.stream(64 * 1024, decode_content=False), status=upstream.status_code,
                    headers=out_headers)
