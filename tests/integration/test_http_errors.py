"""Bad input is a problem+json answer and stores nothing (real MongoDB-wire server)."""

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from services.contacts.adapters.documents import Contact

from shared import clock

from ..keys import TEST_KEYS

PROBLEM = "application/problem+json"


@pytest.fixture
def contacts(make_app):
    return make_app("contacts", max_body_bytes=4096)


def _stored() -> int:
    return Contact._get_collection().count_documents({})


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_happy_path_then_scoping(contacts, issue_token):
    token = issue_token("org-a", "member-a")
    created = contacts.post("/v1/contacts", json={"display_name": "Ada", "emails": ["ada@example.org"]},
                            headers=_auth(token))
    assert created.status_code == 201, created.json
    cid = created.json["id"]
    assert contacts.get(f"/v1/contacts/{cid}", headers=_auth(token)).json["display_name"] == "Ada"
    # another member of the same org, and a member of another org: 404 and an empty list
    for other in (issue_token("org-a", "member-b"), issue_token("org-b", "member-a")):
        r = contacts.get(f"/v1/contacts/{cid}", headers=_auth(other))
        assert r.status_code == 404 and r.mimetype == PROBLEM
        assert contacts.get("/v1/contacts", headers=_auth(other)).json["items"] == []
    assert [c["id"] for c in contacts.get("/v1/contacts", headers=_auth(token)).json["items"]] == [cid]


@pytest.mark.parametrize("body, content_type, status, slug", [
    (b'{"display_name": "Ada"', "application/json", 400, "malformed-json"),
    (b'{"display_name": 42}', "application/json", 422, "validation-error"),
    (b'{"display_name": "Ada", "favourite_colour": "red"}', "application/json", 422, "validation-error"),
    (b'{"display_name": "Ada", "emails": ["not-an-email"]}', "application/json", 422, "validation-error"),
    (b'{"display_name": "Ada", "tier": "best-friend"}', "application/json", 422, "validation-error"),
    (b'{"display_name": "' + b"A" * 300 + b'"}', "application/json", 422, "validation-error"),
    (b'{"display_name": "Ada", "notes": "' + b"x" * 5000 + b'"}', "application/json", 413, "payload-too-large"),
    (b"display_name=Ada", "application/x-www-form-urlencoded", 415, "unsupported-media-type"),
])
def test_bad_bodies(contacts, issue_token, body, content_type, status, slug):
    r = contacts.post("/v1/contacts", data=body, content_type=content_type, headers=_auth(issue_token()))
    assert r.status_code == status, r.json
    assert r.mimetype == PROBLEM
    assert r.json["type"] == f"/problems/{slug}" and r.json["status"] == status
    assert _stored() == 0


def test_validation_names_each_bad_field(contacts, issue_token):
    r = contacts.post("/v1/contacts", json={"display_name": 1, "tier": "x", "colour": "red"},
                      headers=_auth(issue_token()))
    assert set(r.json["errors"]) == {"display_name", "tier", "colour"}
    assert r.json["errors"]["colour"] == ["Unknown field."]


def _forged(**over):
    now = int(clock.timestamp())
    claims = {"iss": "rapport", "aud": "rapport", "sub": "m", "org": "o", "iat": now, "nbf": now, "exp": now + 60}
    claims.update(over)
    return claims


@pytest.mark.parametrize("make_header", [  # tokens made when the test runs, not when it is collected
    lambda: None,
    lambda: "Bearer",
    lambda: "Basic dXNlcjpwYXNz",
    lambda: "Bearer " + jwt.encode(_forged(exp=int(clock.timestamp()) - 600), TEST_KEYS.private_key, "ES256",
                                   headers={"kid": "test", "typ": "at+jwt"}),
    lambda: "Bearer " + jwt.encode(_forged(), ec.generate_private_key(ec.SECP256R1()), "ES256",
                                   headers={"kid": "test", "typ": "at+jwt"}),
    lambda: "Bearer " + jwt.encode(_forged(), "a-guessed-secret-" + "y" * 40, "HS256",
                                   headers={"kid": "test", "typ": "at+jwt"}),
    lambda: "Bearer " + jwt.encode(_forged(), None, "none", headers={"kid": "test", "typ": "at+jwt"}),
], ids=["missing", "empty", "basic", "expired", "wrong-signature", "hs256", "alg-none"])
def test_bad_tokens(contacts, make_header):
    header = make_header()
    headers = {"Authorization": header} if header else {}
    r = contacts.post("/v1/contacts", json={"display_name": "Ada"}, headers=headers)
    assert r.status_code == 401 and r.mimetype == PROBLEM
    assert r.json["type"] == "/problems/invalid-token"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert contacts.get("/v1/contacts", headers=headers).status_code == 401
    assert _stored() == 0


def test_unknown_route_and_method_and_ids(contacts, issue_token):
    r = contacts.get("/v1/nothing-here", headers=_auth(issue_token()))
    assert r.status_code == 404 and r.mimetype == PROBLEM
    r = contacts.delete("/v1/contacts", headers={**_auth(issue_token()), "X-Request-ID": "req-123"})
    assert r.status_code == 405 and r.mimetype == PROBLEM and "GET" in r.headers["Allow"]
    assert r.headers["X-Request-ID"] == "req-123" and r.json["request_id"] == "req-123"
    assert contacts.get("/v1/contacts?limit=0", headers=_auth(issue_token())).status_code == 422
    assert contacts.get("/v1/contacts?cursor=zzz", headers=_auth(issue_token())).json["type"] == "/problems/invalid-cursor"


def test_health_ready_metrics_and_openapi_need_no_token(contacts):
    assert contacts.get("/healthz").json["status"] == "ok"
    ready = contacts.get("/readyz")
    assert ready.status_code == 200, ready.json
    assert ready.json["checks"] == {"mongo": "ok", "kafka": "ok"}
    assert b"rapport_http_requests_total" in contacts.get("/metrics").data
    spec = contacts.get("/v1/openapi/contacts.json").json
    assert "/v1/contacts" in spec["paths"] and spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
