"""Organisation sign-in through the organisation's own OpenID provider, against a real one:
Ory Hydra v2.3.0 running as a local process (the `oidc_provider` fixture), never a mock.
The ID-token checks that need tokens no honest provider would sign (another key, another
audience, `alg: none`, …) run against a small real provider of the test's own: a local HTTP
server publishing discovery and a JWKS of keys made with `cryptography` (through joserfc)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import jwt as pyjwt
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from services.accounts.adapters.documents import OrgSso, SsoLogin
from services.accounts.adapters.oidc import (OpenIdProviders, ProviderMisconfigured, Registration, TokenRejected)
from services.accounts.adapters.store import MongoAccountStore
from services.accounts.service_layer.accounts import Accounts
from services.accounts.sso_api import EXTENSION
from shared.errors import Forbidden, Invalid

from ..servers import free_port
from ..signin import LOOPBACK, authorize_params, pkce

accounts = Accounts(MongoAccountStore())  # the accounts use cases on the connected database
CALLBACK = "http://localhost/signin/sso/callback"  # the callback as the test client reaches it


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


# -- helpers ------------------------------------------------------------------------------------

@pytest.fixture
def app(make_app):
    client = make_app("accounts", extra={"ACCOUNTS_SSO_ALLOW_HTTP": "yes"})
    return client


@pytest.fixture
def org(app, oidc_provider, unique):
    """An organisation whose provider is Hydra, for the domain `<unique>.test`."""
    org = accounts.create_org(f"Org {unique}")
    client_id, secret = oidc_provider.create_client([CALLBACK])
    config = sso(app).configure(org["_id"], "operator", oidc_provider.issuer, client_id, secret, [f"{unique}.test"])
    return {**org, "domain": f"{unique}.test", "client_id": client_id, "secret": secret, "config": config}


def sso(app):
    return app.application.extensions[EXTENSION]


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def signed_in(app, oidc_provider, org, subject, email, email_verified=True, pending="pending"):
    """Through Hydra and back: what `finish` answers."""
    back = oidc_provider.sign_in(sso(app).begin(org["_id"], pending, CALLBACK), subject, email, email_verified)
    args = _query(back)
    return sso(app).finish(args["state"], args["code"], CALLBACK)


def members_of(org_id):
    return accounts.list_members(org_id, 100, None)[0]


# -- through the provider -----------------------------------------------------------------------

def test_a_member_signs_in_through_the_organisations_provider(app, oidc_provider, org):
    ada = accounts.create_member(org["_id"], f"ada@{org['domain']}", "Ada")
    verifier, challenge = pkce()
    params = authorize_params(challenge)
    url = sso(app).begin(org["_id"], "authorize:" + urlencode(params), CALLBACK)
    sent = _query(url)
    assert url.startswith(oidc_provider.issuer + "oauth2/auth?")
    assert sent["response_type"] == "code" and sent["scope"] == "openid email profile"
    assert sent["client_id"] == org["client_id"] and sent["redirect_uri"] == CALLBACK
    assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) == 43
    assert len(sent["state"]) >= 43 and len(sent["nonce"]) >= 43
    login = SsoLogin._get_collection().find_one({"_id": sent["state"]})
    assert login["org_id"] == org["_id"] and login["used"] is False and sent["nonce"] == login["nonce"]
    expected = base64.urlsafe_b64encode(hashlib.sha256(login["code_verifier"].encode()).digest()).rstrip(b"=")
    assert sent["code_challenge"] == expected.decode()

    back = oidc_provider.sign_in(url, "ada-at-the-provider", f"Ada@{org['domain']}")
    assert back.startswith(CALLBACK + "?")
    path = back.removeprefix("http://localhost")
    done = app.get(path)  # the browser comes back, and on to the app with an authorization code
    assert done.status_code == 302 and done.headers["Location"].startswith(LOOPBACK), done.data
    code = _query(done.headers["Location"])["code"]
    tokens = app.post("/oauth2/token", data={"grant_type": "authorization_code", "code": code, "redirect_uri": LOOPBACK,
                                             "client_id": "rapport-cli", "code_verifier": verifier}).json
    assert pyjwt.decode(tokens["access_token"], options={"verify_signature": False})["sub"] == ada["_id"]

    again = app.get(path)  # the same state (and code) once more
    assert again.status_code == 400 and again.mimetype == "text/html"
    assert "This sign-in has expired" in again.get_data(as_text=True)
    assert again.headers["Referrer-Policy"] == "no-referrer" and again.headers["Cache-Control"] == "no-store"


def test_finish_answers_the_pending_request_and_the_member(app, oidc_provider, org):
    ada = accounts.create_member(org["_id"], f"ada@{org['domain']}", "Ada")
    pending, member = signed_in(app, oidc_provider, org, "ada-sub", f"ada@{org['domain']}", pending="p-1")
    assert pending == "p-1" and member["_id"] == ada["_id"] and member["org_id"] == org["_id"]
    assert "outbox" not in member


def test_a_new_person_of_an_allowed_domain_becomes_a_member_once(app, oidc_provider, org):
    before = len(members_of(org["_id"]))
    _, first = signed_in(app, oidc_provider, org, "bo-sub", f"bo@{org['domain']}")
    assert first["email"] == f"bo@{org['domain']}" and first["roles"] == ["member"]
    assert first["display_name"] == "bo" and first["status"] == "active"
    _, second = signed_in(app, oidc_provider, org, "bo-sub", f"bo@{org['domain']}")
    assert second["_id"] == first["_id"]
    assert len(members_of(org["_id"])) == before + 1


def test_a_person_of_another_domain_or_unverified_is_refused_and_nothing_is_made(app, oidc_provider, org):
    before = members_of(org["_id"])
    with pytest.raises(Forbidden) as refused:
        signed_in(app, oidc_provider, org, "eve-sub", "eve@elsewhere.test")
    assert refused.value.slug == "sso-domain-not-allowed"
    with pytest.raises(Forbidden) as refused:
        signed_in(app, oidc_provider, org, "cy-sub", f"cy@{org['domain']}", email_verified=False)
    assert refused.value.slug == "sso-email-unverified"
    assert members_of(org["_id"]) == before

    # what the browser sees
    back = oidc_provider.sign_in(sso(app).begin(org["_id"], "p", CALLBACK), "eve-sub", "eve@elsewhere.test")
    page = app.get(back.removeprefix("http://localhost"))
    assert page.status_code == 403 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert '<html lang="en">' in text and "<h1>Your address does not sign in here</h1>" in text
    assert members_of(org["_id"]) == before


def test_a_replayed_state_is_refused(app, oidc_provider, org):
    url = sso(app).begin(org["_id"], "p", CALLBACK)
    args = _query(oidc_provider.sign_in(url, "di-sub", f"di@{org['domain']}"))
    sso(app).finish(args["state"], args["code"], CALLBACK)
    with pytest.raises(Invalid) as refused:
        sso(app).finish(args["state"], args["code"], CALLBACK)
    assert refused.value.slug == "sso-login-expired"
    with pytest.raises(Invalid):
        sso(app).finish("not-a-state-we-gave", args["code"], CALLBACK)


def test_a_sign_in_older_than_ten_minutes_is_refused(app, oidc_provider, org):
    url = sso(app).begin(org["_id"], "p", CALLBACK)
    args = _query(oidc_provider.sign_in(url, "el-sub", f"el@{org['domain']}"))
    SsoLogin._get_collection().update_one({"_id": args["state"]},
                                          {"$set": {"expires_at": datetime.now(timezone.utc) - timedelta(seconds=1)}})
    with pytest.raises(Invalid) as refused:
        sso(app).finish(args["state"], args["code"], CALLBACK)
    assert refused.value.slug == "sso-login-expired"


def test_an_id_token_for_another_nonce_is_refused(app, oidc_provider, org):
    url = sso(app).begin(org["_id"], "p", CALLBACK)
    args = _query(oidc_provider.sign_in(url, "fi-sub", f"fi@{org['domain']}"))
    SsoLogin._get_collection().update_one({"_id": args["state"]}, {"$set": {"nonce": "another-nonce"}})
    before = members_of(org["_id"])
    with pytest.raises(Forbidden) as refused:
        sso(app).finish(args["state"], args["code"], CALLBACK)
    assert refused.value.slug == "sso-token-invalid" and "nonce" in refused.value.detail
    assert members_of(org["_id"]) == before


def test_a_wrong_client_secret_or_a_provider_error_is_refused(app, oidc_provider, org):
    OrgSso._get_collection().update_one({"_id": org["_id"]}, {"$set": {"client_secret": "not-the-secret"}})
    with pytest.raises(Forbidden) as refused:
        signed_in(app, oidc_provider, org, "gi-sub", f"gi@{org['domain']}")
    assert refused.value.slug == "sso-provider-refused"

    state = _query(sso(app).begin(org["_id"], "p", CALLBACK))["state"]
    page = app.get(f"/signin/sso/callback?error=access_denied&state={state}")
    assert page.status_code == 403 and "(access_denied)" in page.get_data(as_text=True)
    with pytest.raises(Invalid):  # used up
        sso(app).finish(state, "code", CALLBACK)


def test_a_member_who_left_or_was_erased_is_refused(app, oidc_provider, org):
    ha = accounts.create_member(org["_id"], f"ha@{org['domain']}", "Ha")
    accounts.offboard_member(org["_id"], ha["_id"])
    with pytest.raises(Forbidden) as refused:
        signed_in(app, oidc_provider, org, "ha-sub", f"ha@{org['domain']}")
    assert refused.value.slug == "member-inactive"

    _, io = signed_in(app, oidc_provider, org, "io-sub", f"io@{org['domain']}")
    accounts.erase_member(org["_id"], io["_id"])  # the address is gone; the provider's subject is known
    with pytest.raises(Forbidden) as refused:
        signed_in(app, oidc_provider, org, "io-sub", f"io@{org['domain']}")
    assert refused.value.slug == "member-inactive"


def test_which_organisation_an_address_signs_in_through(app, org):
    assert sso(app).org_for_email(f"Someone@{org['domain'].upper()}") == org["_id"]
    assert sso(app).org_for_email("someone@elsewhere.test") is None
    assert sso(app).org_for_email("no-at-sign") is None


# -- the admin routes ---------------------------------------------------------------------------

def test_the_admin_routes(app, oidc_provider, issue_token, unique):
    org = accounts.create_org(f"Admins {unique}")
    admin = _auth(issue_token(org["_id"], "boss", ("member", "admin")))
    member = _auth(issue_token(org["_id"], "worker", ("member",)))
    client_id, secret = oidc_provider.create_client([CALLBACK])
    domain = f"{unique}.test"
    body = {"issuer": oidc_provider.issuer, "client_id": client_id, "client_secret": secret,
            "allowed_domains": [domain.upper(), domain]}

    for method in ("get", "put", "delete"):
        r = getattr(app, method)("/v1/org/sso", headers=member, json=body if method == "put" else None)
        assert r.status_code == 403 and r.json["type"] == "/problems/forbidden", method
    assert app.get("/v1/org/sso").status_code == 401
    assert app.get("/v1/org/sso", headers=admin).status_code == 404

    unreachable = app.put("/v1/org/sso", headers=admin,
                          json={**body, "issuer": f"http://127.0.0.1:{free_port()}/"})
    assert unreachable.status_code == 422 and unreachable.mimetype == "application/problem+json"
    assert unreachable.json["type"] == "/problems/validation-error"
    assert "could not be fetched" in unreachable.json["errors"]["issuer"][0]
    not_its_name = app.put("/v1/org/sso", headers=admin, json={**body, "issuer": oidc_provider.issuer.rstrip("/")})
    assert not_its_name.status_code == 422 and "names itself" in not_its_name.json["errors"]["issuer"][0]
    bad = app.put("/v1/org/sso", headers=admin, json={**body, "allowed_domains": ["not a domain"], "extra": 1})
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"extra"}
    bad = app.put("/v1/org/sso", headers=admin, json={**body, "allowed_domains": ["not a domain"]})
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"allowed_domains"}

    put = app.put("/v1/org/sso", headers=admin, json=body)
    assert put.status_code == 200, put.json
    assert put.json["allowed_domains"] == [domain] and put.json["redirect_uri"] == CALLBACK
    assert "client_secret" not in put.json and secret not in put.get_data(as_text=True)
    got = app.get("/v1/org/sso", headers=admin)
    assert got.status_code == 200 and got.json["issuer"] == oidc_provider.issuer and "client_secret" not in got.json
    assert secret not in got.get_data(as_text=True)
    assert OrgSso._get_collection().find_one({"_id": org["_id"]})["client_secret"] == secret  # kept, never answered

    kept = app.put("/v1/org/sso", headers=admin, json={k: v for k, v in body.items() if k != "client_secret"})
    assert kept.status_code == 200 and OrgSso._get_collection().find_one({"_id": org["_id"]})["client_secret"] == secret
    other_client = app.put("/v1/org/sso", headers=admin, json={**body, "client_id": "another", "client_secret": None})
    assert other_client.status_code == 422 and set(other_client.json["errors"]) == {"client_secret"}

    other = accounts.create_org(f"Others {unique}")
    other_admin = _auth(issue_token(other["_id"], "their-boss", ("member", "admin")))
    assert app.get("/v1/org/sso", headers=other_admin).status_code == 404  # always the token's own organisation
    taken = app.put("/v1/org/sso", headers=other_admin, json=body)
    assert taken.status_code == 409 and taken.json["type"] == "/problems/sso-domain-taken"
    assert app.delete("/v1/org/sso", headers=other_admin).status_code == 204
    assert app.get("/v1/org/sso", headers=admin).status_code == 200
    assert sso(app).org_for_email(f"x@{domain}") == org["_id"]

    assert app.delete("/v1/org/sso", headers=admin).status_code == 204
    assert app.get("/v1/org/sso", headers=admin).status_code == 404
    assert sso(app).org_for_email(f"x@{domain}") is None
    now_theirs = app.put("/v1/org/sso", headers=other_admin, json=body)  # the domain is free again
    assert now_theirs.status_code == 200 and now_theirs.json["org_id"] == other["_id"]

    logged = app.get("/v1/audit", headers=admin).json["items"]  # every change is an admin action of record
    assert [(e["action"], e["actor"]["member_id"]) for e in logged][:3] == [
        ("sso.removed", "boss"), ("sso.configured", "boss"), ("sso.configured", "boss")]
    assert logged[1]["details"]["allowed_domains"] == [domain] and "client_secret" not in logged[1]["details"]
    assert len(logged) == 3  # not the refused changes, nor the other organisation's


# -- ID-token checks against a provider of the test's own ---------------------------------------

class KeyServer:
    """A real OpenID provider's two documents — discovery and JWKS — over HTTP, of keys the
    test holds; it counts how often the key set is fetched."""

    def __init__(self):
        self.keys = [RSAKey.generate_key(2048, {"kid": "rsa-1"}), ECKey.generate_key("P-256", {"kid": "ec-1"})]
        self.key_fetches = 0
        port = free_port()
        self.issuer = f"http://127.0.0.1:{port}"
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    body = {"issuer": server.issuer, "authorization_endpoint": f"{server.issuer}/auth",
                            "token_endpoint": f"{server.issuer}/token", "jwks_uri": f"{server.issuer}/jwks",
                            "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"],
                            "id_token_signing_alg_values_supported": ["RS256", "ES256", "HS256", "none"]}
                elif self.path == "/jwks":
                    server.key_fetches += 1
                    body = {"keys": [k.as_dict(private=False) for k in server.keys]}
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()


@pytest.fixture
def provider():
    server = KeyServer()
    yield server
    server.http.shutdown()
    server.http.server_close()


NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self):
        self.at = NOW

    def __call__(self):
        return self.at


def claims(issuer, **changes):
    base = {"iss": issuer, "sub": "someone", "aud": "rapport-client", "iat": int(NOW.timestamp()),
            "exp": int(NOW.timestamp()) + 300, "nonce": "the-nonce", "email": "a@b.test", "email_verified": True}
    return {k: v for k, v in {**base, **changes}.items() if v is not None}


def sign(key, payload, alg="RS256"):
    return jwt.encode({"alg": alg, "kid": key.kid}, payload, key, algorithms=[alg])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_id_tokens_are_verified_per_openid_connect_core(provider):
    clock = Clock()
    providers = OpenIdProviders(clock, allow_http=True)
    reg = Registration(provider.issuer, "rapport-client", "secret")
    rsa, ec = provider.keys

    def verify(token, nonce="the-nonce"):
        return providers.verify_id_token(reg, token, nonce)

    def refused(token, nonce="the-nonce"):
        with pytest.raises(TokenRejected) as exc:
            verify(token, nonce)
        return str(exc.value)

    assert verify(sign(rsa, claims(provider.issuer)))["sub"] == "someone"
    assert verify(sign(ec, claims(provider.issuer), "ES256"))["email"] == "a@b.test"
    assert "nonce" in refused(sign(rsa, claims(provider.issuer)), nonce="another")
    assert "nonce" in refused(sign(rsa, claims(provider.issuer, nonce=None)))
    assert "aud" in refused(sign(rsa, claims(provider.issuer, aud="someone-else")))
    assert "iss" in refused(sign(rsa, claims("https://impostor.test")))
    # several audiences: azp must name the client
    assert "azp" in refused(sign(rsa, claims(provider.issuer, aud=["rapport-client", "other"])))
    assert verify(sign(rsa, claims(provider.issuer, aud=["rapport-client", "other"], azp="rapport-client")))
    assert "azp" in refused(sign(rsa, claims(provider.issuer, azp="other")))
    # time is the injected clock's, with a minute of leeway
    assert "expired" in refused(sign(rsa, claims(provider.issuer, exp=int(NOW.timestamp()) - 61)))
    assert verify(sign(rsa, claims(provider.issuer, exp=int(NOW.timestamp()) - 30)))
    assert "future" in refused(sign(rsa, claims(provider.issuer, iat=int(NOW.timestamp()) + 120)))
    clock.at = NOW + timedelta(minutes=10)
    assert "expired" in refused(sign(rsa, claims(provider.issuer)))
    clock.at = NOW
    # a tampered payload, another key under a published kid, `none`, HS256 keyed with the public key
    header, payload, signature = sign(rsa, claims(provider.issuer)).split(".")
    forged = _b64(json.dumps(claims(provider.issuer, sub="admin")).encode())
    assert "signature" in refused(f"{header}.{forged}.{signature}")
    impostor = RSAKey.generate_key(2048, {"kid": "rsa-1"})
    assert "signature" in refused(sign(impostor, claims(provider.issuer)))
    none = _b64(b'{"alg":"none"}') + "." + _b64(json.dumps(claims(provider.issuer)).encode()) + "."
    assert "signature" in refused(none)
    public_pem = rsa.as_pem(private=False)
    signing_input = f"{_b64(json.dumps({'alg': 'HS256', 'kid': 'rsa-1'}).encode())}." \
                    f"{_b64(json.dumps(claims(provider.issuer)).encode())}"
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    assert "signature" in refused(f"{signing_input}.{_b64(mac)}")


def test_an_unknown_kid_fetches_the_keys_again_at_most_once_a_minute(provider):
    clock = Clock()
    providers = OpenIdProviders(clock, allow_http=True)
    reg = Registration(provider.issuer, "rapport-client", "secret")
    rsa = provider.keys[0]
    assert providers.verify_id_token(reg, sign(rsa, claims(provider.issuer)), "the-nonce")
    assert provider.key_fetches == 1

    stranger = RSAKey.generate_key(2048, {"kid": "not-published"})
    with pytest.raises(TokenRejected, match="does not publish"):
        providers.verify_id_token(reg, sign(stranger, claims(provider.issuer)), "the-nonce")
    assert provider.key_fetches == 1  # fetched less than a minute ago: not again

    rotated = RSAKey.generate_key(2048, {"kid": "rsa-2"})
    provider.keys.append(rotated)
    clock.at = NOW + timedelta(seconds=61)
    token = sign(rotated, claims(provider.issuer, iat=int(clock.at.timestamp()), exp=int(clock.at.timestamp()) + 300))
    assert providers.verify_id_token(reg, token, "the-nonce")["sub"] == "someone"
    assert provider.key_fetches == 2
    for _ in range(3):
        with pytest.raises(TokenRejected):
            providers.verify_id_token(reg, sign(stranger, claims(provider.issuer, iat=int(clock.at.timestamp()),
                                                                exp=int(clock.at.timestamp()) + 300)), "the-nonce")
    assert provider.key_fetches == 2


def test_discovery_must_name_the_configured_issuer_exactly(provider):
    providers = OpenIdProviders(Clock(), allow_http=True)
    assert providers.discover(provider.issuer).jwks_uri == f"{provider.issuer}/jwks"
    with pytest.raises(ProviderMisconfigured, match="names itself"):
        providers.discover(provider.issuer + "/")
    assert providers.discover(provider.issuer).algorithms == ("RS256", "ES256")  # never HS256 or none
    with pytest.raises(ProviderMisconfigured, match="https"):
        OpenIdProviders(Clock()).discover(provider.issuer)  # plain http only where allowed

