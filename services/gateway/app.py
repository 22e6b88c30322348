"""The gateway: one base URL, `/v1/...` routed by path prefix to the services.

Upstreams come from GATEWAY_UPSTREAM_<SERVICE> (defaults: 127.0.0.1:8081-8084). Errors it
makes itself (no route, upstream down) are problem+json like every service's.
"""
from __future__ import annotations

import os
import threading

import requests
from flask import Flask, Response, jsonify, request

from shared import logs, problems
from shared.problems import Problem

from .routes import DEFAULT_UPSTREAMS, service_for

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}
TIMEOUT = (3.05, 60)


def create_app(upstreams: dict[str, str] | None = None) -> Flask:
    logs.configure("gateway", os.environ.get("RAPPORT_LOG_LEVEL", "INFO"))
    upstreams = upstreams or {name: os.environ.get(f"GATEWAY_UPSTREAM_{name.upper()}", url)
                              for name, url in DEFAULT_UPSTREAMS.items()}
    app = Flask("gateway")
    app.config["MAX_CONTENT_LENGTH"] = int(os.environ.get("GATEWAY_MAX_BODY_BYTES", 16 << 20))
    problems.init_app(app)
    local = threading.local()

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

    @app.route("/v1/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
    def proxy(rest):
        service = service_for(request.path)
        if service is None:
            raise Problem(404, f"no service answers {request.path}")
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["X-Forwarded-For"] = request.remote_addr or ""
        headers["X-Forwarded-Host"] = request.host
        body = request.get_data() if request.method in ("POST", "PUT", "PATCH") else None
        try:
            upstream = session().request(request.method, upstreams[service] + request.full_path.rstrip("?"),
                                         headers=headers, data=body, timeout=TIMEOUT, allow_redirects=False,
                                         stream=True)
        except requests.ConnectionError:
            raise Problem(503, f"the {service} service is not reachable; try again shortly",
                          headers={"Retry-After": "2"}) from None
        except requests.Timeout:
            raise Problem(504, f"the {service} service did not answer in time", slug="upstream-timeout") from None
        out_headers = [(k, v) for k, v in upstream.raw.headers.items() if k.lower() not in HOP_BY_HOP]
        return Response(upstream.raw.stream(64 * 1024, decode_content=False), status=upstream.status_code,
                        headers=out_headers)

    return app
