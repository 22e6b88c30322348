"""Through the gateway with the whole process suite: a new member signs in with the code
emailed to Mailpit, gets tokens, uses every service, refreshes and signs out; a reused refresh
token ends its session; a signed-out device and an offboarded member are refused by goals,
contacts and nudges within seconds; an organisation's members sign in through its own OpenID
provider (Ory Hydra, a real one), and a person of another domain is refused."""
from __future__ import annotations

import uuid
from urllib.parse import urlencode

import jwt
import requests

from ..signin import LOOPBACK, Browser, authorize_params, field, pkce, query, refresh, sign_in
from ..waiting import wait_for
from .conftest import Client, cli

READS = ["/v1/members/me", "/v1/goals", "/v1/contacts", "/v1/nudges", "/v1/devices"]
ELSEWHERE = ["/v1/goals", "/v1/contacts", "/v1/nudges"]


def _org(suite, *roles):
    slug = dict(line.split("=", 1) for line in cli(suite, "create-org", f"org-{uuid.uuid4().hex[:8]}").split())["ORG_SLUG"]
    email = f"{uuid.uuid4().hex[:8]}@example.org"
    cli(suite, "create-member", slug, email, "New Member", *[a for r in roles for a in ("--role", r)])
    return slug, email


def _refused(response) -> bool:
    return response.status_code == 401 and response.json()["type"] in ("/problems/access-revoked",
                                                                         "/problems/invalid-token")


def test_a_new_member_signs_in_refreshes_and_signs_out(suite, mailpit):
    _, email = _org(suite)
    browser = Browser(requests.Session(), suite.base_url)
    tokens = sign_in(browser, mailpit, email)
    member = Client(suite.base_url, tokens["access_token"])
    for path in READS:
        assert member.get(path).status_code == 200, path
    assert member.post("/v1/contacts", json={"display_name": "Grace Hopper"}).status_code == 201

    newer = refresh(browser, tokens["refresh_token"])
    assert newer.status == 200 and newer.json["device_id"] == tokens["device_id"]
    old = refresh(browser, tokens["refresh_token"])  # the one just replaced: refused, and the session ends
    assert old.status == 400 and old.json["error"] == "invalid_grant"
    assert refresh(browser, newer.json["refresh_token"]).json["error"] == "invalid_grant"
    ended = Client(suite.base_url, newer.json["access_token"])
    wait_for(lambda: all(_refused(ended.get(p)) for p in ELSEWHERE), 15, "every service to refuse the session")

    again = sign_in(browser, mailpit, email)  # a new session on the same device
    fresh = Client(suite.base_url, again["access_token"])
    assert all(fresh.get(p).status_code == 200 for p in READS)
    out = browser.post("/oauth2/revoke", {"token": again["refresh_token"], "client_id": "rapport-cli"})
    assert out.status == 200
    assert refresh(browser, again["refresh_token"]).json["error"] == "invalid_grant"
    wait_for(lambda: all(_refused(fresh.get(p)) for p in READS), 15, "every service to refuse the signed-out device")


def test_an_offboarded_members_unexpired_token_is_refused_everywhere_within_seconds(suite, mailpit):
    slug, email = _org(suite)
    admin_email = f"{uuid.uuid4().hex[:8]}@example.org"
    cli(suite, "create-member", slug, admin_email, "Admin", "--role", "member", "--role", "admin")
    admin = Client(suite.base_url, cli(suite, "issue-token", slug, admin_email).strip())
    browser = Browser(requests.Session(), suite.base_url)
    tokens = sign_in(browser, mailpit, email)
    member = Client(suite.base_url, tokens["access_token"])
    assert all(member.get(p).status_code == 200 for p in ELSEWHERE)
    member_id = jwt.decode(tokens["access_token"], options={"verify_signature": False})["sub"]
    assert admin.post(f"/v1/members/{member_id}/offboard").status_code == 200
    wait_for(lambda: all(_refused(member.get(p)) for p in ELSEWHERE), 15, "goals, contacts and nudges to refuse")
    assert refresh(browser, tokens["refresh_token"]).json["error"] == "invalid_grant"


def test_members_sign_in_through_their_organisations_provider_and_strangers_are_refused(suite, oidc_provider):
    slug, admin_email = _org(suite, "member", "admin")
    admin = Client(suite.base_url, cli(suite, "issue-token", slug, admin_email).strip())
    domain = f"{uuid.uuid4().hex[:8]}.test"
    client_id, secret = oidc_provider.create_client([suite.base_url + "/signin/sso/callback"])
    configured = admin.put("/v1/org/sso", json={"issuer": oidc_provider.issuer, "client_id": client_id,
                                                "client_secret": secret, "allowed_domains": [domain]})
    assert configured.status_code == 200, configured.text
    assert "client_secret" not in configured.json()

    def through_provider(email: str, provider_email: str):
        browser = Browser(requests.Session(), suite.base_url)
        verifier, challenge = pkce()
        page = browser.get("/oauth2/authorize", authorize_params(challenge))
        sent = browser.post("/signin/email", {"pending": field(page.text, "pending"), "email": email})
        assert sent.status == 303 and sent.headers["Location"].startswith(oidc_provider.issuer), sent.text[:500]
        back = oidc_provider.sign_in(sent.headers["Location"], f"sub-{provider_email}", provider_email)
        return browser, verifier, browser.get(back.removeprefix(suite.base_url))

    browser, verifier, done = through_provider(f"ada@{domain}", f"ada@{domain}")
    assert done.status == 302 and done.headers["Location"].startswith(LOOPBACK), done.text[:500]
    tokens = browser.post("/oauth2/token", {"grant_type": "authorization_code", "client_id": "rapport-cli",
                                            "code": query(done.headers["Location"])["code"],
                                            "redirect_uri": LOOPBACK, "code_verifier": verifier}).json
    ada = Client(suite.base_url, tokens["access_token"])
    me = ada.get("/v1/members/me").json()
    assert me["email"] == f"ada@{domain}" and me["roles"] == ["member"]  # a member just in time
    assert ada.get("/v1/contacts").status_code == 200

    before = admin.get("/v1/members").json()["items"]
    _, _, refused = through_provider(f"eve@{domain}", "eve@elsewhere.test")  # the provider vouches for another domain
    assert refused.status == 403 and "does not sign in here" in refused.text
    assert admin.get("/v1/members").json()["items"] == before


def test_the_discovery_document_and_keys_are_served_at_the_issuers_root(suite):
    meta = requests.get(suite.base_url + "/.well-known/openid-configuration", timeout=10).json()
    assert meta["authorization_endpoint"] == suite.base_url + "/oauth2/authorize"
    keys = requests.get(meta["jwks_uri"], timeout=10).json()["keys"]
    assert keys and all(k["kty"] == "EC" and k["alg"] == "ES256" and "d" not in k for k in keys)
    assert requests.get(suite.base_url + "/oauth2/authorize?" + urlencode({"client_id": "x"}), timeout=10,
                        allow_redirects=False).status_code == 400
    web = authorize_params(pkce()[1], "rapport-web", suite.base_url + "/app/callback")  # the web app's own
    page = requests.get(suite.base_url + "/oauth2/authorize", params=web, timeout=10, allow_redirects=False)
    assert page.status_code == 200 and 'name="email"' in page.text
