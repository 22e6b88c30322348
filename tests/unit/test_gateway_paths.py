"""The gateway's path rules and Location rewrite, against a real local HTTP upstream that echoes
the path it received or answers with redirects naming its own (internal) address."""
from __future__ import annotations

import threading

import pytest
from flask import Flask, Response, jsonify, request
from werkzeug.serving import make_server

from services.gateway.app import create_app
from services.gateway.paths import InvalidPath, canonical_path, public_location

PUBLIC = "https://rapport.example.org/api"


@pytest.mark.parametrize("raw", [
    "/v1/nudges/../dismiss", "/v1/nudges/./x", "/v1/nudges/..", "/v1/nudges/%2e%2e/dismiss",
    "/v1/nudges/%2E%2E/dismiss", "/v1/nudges/.%2e/dismiss", "/v1/nudges/..%2f/dismiss", "/v1/nudges/..%2F/x",
    "/v1/nudges/..%252f/dismiss", "/v1/nudges/%252e%252e/dismiss", "/v1/nudges/%25252e%25252e/x",
    "/v1/nudges/..%5c/x", "/v1/nudges/..\\x", "/v1/nudges/a%00b", "/v1/nudges/%0d%0aSet-Cookie:x",
    "/v1/nudges/%ff", "v1/nudges",
])
def test_traversal_and_encoding_tricks_are_refused(raw):
    with pytest.raises(InvalidPath):
        canonical_path(raw)


def test_ordinary_paths_are_normalised_not_refused():
    assert canonical_path("/v1/nudges/abc-123/dismiss") == "/v1/nudges/abc-123/dismiss"
    assert canonical_path("/v1//nudges///abc") == "/v1/nudges/abc"
    assert canonical_path("/v1/feeds/ics/Ab_9-x.ics") == "/v1/feeds/ics/Ab_9-x.ics"
    assert canonical_path("/v1/contacts/J%C3%BCrgen") == "/v1/contacts/Jürgen"
    assert canonical_path("/v1/nudges/") == "/v1/nudges/"


@pytest.mark.parametrize("location,expected", [
    ("/v1/imports/j1", f"{PUBLIC}/v1/imports/j1"),
    ("j1/done", f"{PUBLIC}/v1/nudges/j1/done"),
    ("http://127.0.0.1:8084/v1/nudges/x/dismiss", f"{PUBLIC}/v1/nudges/x/dismiss"),
    ("http://nudges:8000/v1/feeds/ics/s.ics?x=1", f"{PUBLIC}/v1/feeds/ics/s.ics?x=1"),
    ("https://rapport.example.org/v1/nudges/x", f"{PUBLIC}/v1/nudges/x"),
    (f"{PUBLIC}/v1/nudges/x", f"{PUBLIC}/v1/nudges/x"),
    ("http://10.0.0.7:8080/internal/admin", None),
    ("http://127.0.0.1:8084/v1/nudges/../../admin", None),
    ("javascript:alert(1)", None),
])
def test_locations_are_public_or_dropped(location, expected):
    assert public_location(location, PUBLIC, "/v1/nudges/") == expected


@pytest.mark.parametrize("location,expected", [
    ("http://127.0.0.1:53117/callback?code=c&state=s", "http://127.0.0.1:53117/callback?code=c&state=s"),
    ("https://login.example.com/oauth2/auth?client_id=x", "https://login.example.com/oauth2/auth?client_id=x"),
    ("http://127.0.0.1:8081/signin/code", f"{PUBLIC}/signin/code"),  # accounts' own address: made public
    ("http://127.0.0.1:8081/internal", None),
    ("javascript:alert(1)", None),
])
def test_sign_in_may_send_the_browser_to_another_origin_but_never_to_a_service(location, expected):
    internal = {"http://127.0.0.1:8081", "http://127.0.0.1:8084"}
    assert public_location(location, PUBLIC, "/signin/code", internal) == expected
    if expected and not expected.startswith(PUBLIC):  # from an API route, never handed out as it is
        assert public_location(location, PUBLIC, "/v1/members", internal) != location


@pytest.fixture
def upstream():
    """A real HTTP service standing in for any upstream: it echoes what it received and, on
    /v1/nudges/redirect-*, answers like Werkzeug does with its own address in Location."""
    app = Flask("upstream")
    app.url_map.merge_slashes = False

    @app.route("/v1/<path:rest>", methods=["GET", "POST"])
    def any_path(rest):
        if rest.startswith("nudges/redirect-internal"):
            return Response(status=308, headers={"Location": f"{request.host_url}v1/nudges/elsewhere"})
        if rest.startswith("nudges/redirect-foreign"):
            return Response(status=302, headers={"Location": "http://10.1.2.3:9000/admin"})
        if rest.startswith("nudges/created"):
            return Response("{}", status=201, headers={"Location": f"{request.host_url}v1/nudges/n1",
                                                       "Content-Location": "/v1/nudges/n1"})
        return jsonify(path=request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI"),
                       forwarded={k: v for k, v in request.headers.items() if k.lower().startswith("x-forwarded")})

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def gateway(upstream, monkeypatch, public: str | None = PUBLIC):
    if public:
        monkeypatch.setenv("RAPPORT_PUBLIC_BASE_URL", public)
    else:
        monkeypatch.delenv("RAPPORT_PUBLIC_BASE_URL", raising=False)
    app = create_app({name: upstream for name in ("accounts", "goals", "contacts", "nudges")})
    return app.test_client()


@pytest.mark.parametrize("raw", ["/v1/nudges/..%252f/dismiss", "/v1/nudges/../dismiss", "/v1/nudges/%2e%2e/dismiss",
                                 "/v1/nudges/..%2f/dismiss", "/v1/nudges/%252e%252e%252fcontacts/dismiss",
                                 "/%2e%2e/v1/nudges", "/v1/%2e%2e/v1/contacts"])
def test_the_gateway_refuses_traversal_with_problem_json(raw, upstream, monkeypatch):
    client = gateway(upstream, monkeypatch)
    r = client.post(raw, environ_overrides={"RAW_URI": raw, "REQUEST_URI": raw}, json={"reason": "other"})
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert r.json["type"] == "/problems/invalid-path"
    assert "Location" not in r.headers


def test_the_gateway_forwards_the_canonical_path_and_its_own_forwarded_headers(upstream, monkeypatch):
    client = gateway(upstream, monkeypatch)
    r = client.get("/v1//nudges/abc", environ_overrides={"RAW_URI": "/v1//nudges/abc?status=pending"},
                   query_string="status=pending", headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/x"})
    assert r.status_code == 200
    assert r.json["path"] == "/v1/nudges/abc?status=pending"
    assert r.json["forwarded"]["X-Forwarded-Host"] == "rapport.example.org"
    assert r.json["forwarded"]["X-Forwarded-Proto"] == "https"
    assert r.json["forwarded"]["X-Forwarded-Prefix"] == "/api"


@pytest.mark.parametrize("public", [PUBLIC, None])
def test_upstream_redirects_and_locations_never_name_an_internal_address(public, upstream, monkeypatch):
    client = gateway(upstream, monkeypatch, public)
    base = public or "http://localhost"
    r = client.post("/v1/nudges/redirect-internal")
    assert r.status_code == 308 and r.headers["Location"] == f"{base}/v1/nudges/elsewhere"
    r = client.get("/v1/nudges/redirect-foreign")
    assert r.status_code == 502 and r.json["type"] == "/problems/bad-gateway" and "Location" not in r.headers
    r = client.post("/v1/nudges/created")
    assert r.status_code == 201
    assert r.headers["Location"] == f"{base}/v1/nudges/n1"
    assert r.headers["Content-Location"] == f"{base}/v1/nudges/n1"
    assert upstream.split("//")[1] not in str(r.headers)
