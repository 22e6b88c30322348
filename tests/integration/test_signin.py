"""Sign-in against real servers (FerretDB, Mailpit): the emailed code, the authorization code
with PKCE, refresh rotation and reuse, sign-out, the device grant, and each security rule as an
OAuth error (RFC 6749 §5.2) or a page with the right status — never a 5xx."""
from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import jwt
import pytest

from services.accounts import app as accounts_app
from services.accounts.adapters.signin_documents import Device
from services.accounts.adapters.store import MongoAccountStore
from services.accounts.service_layer.accounts import Accounts
from shared import clock as clocks

from ..signin import (LOOPBACK, Browser, authorize_params, emailed, field, pkce, query, refresh, sign_in, start)


class Clock:
    """The accounts app's injected clock, moved by the test."""

    def __init__(self):
        self.offset = timedelta(0)

    def __call__(self):
        return clocks.now() + self.offset


@pytest.fixture
def accounts(settings_for, mailpit):
    """make(**ACCOUNTS_* settings) -> (Browser on an in-process accounts app, its clock)."""
    def make(**extra):
        base = settings_for("accounts")
        env = {"ACCOUNTS_SMTP_HOST": mailpit.smtp_host, "ACCOUNTS_SMTP_PORT": str(mailpit.smtp_port),
               **{f"ACCOUNTS_{k.upper()}": str(v) for k, v in extra.items()}}
        clock = Clock()
        app = accounts_app.create_app(dataclasses.replace(base, extra={**base.extra, **env}), clock=clock)
        app.testing = True
        browser = Browser(app.test_client())
        browser.accounts = app.extensions[accounts_app.EXTENSION]  # the use cases, with device sessions
        return browser, clock
    return make


@pytest.fixture
def people(unique):
    service = Accounts(MongoAccountStore())

    def make(n: int = 1, roles=None):
        org = service.create_org(f"Org {unique}-{n}", f"org-{unique}-{n}")
        return [service.create_member(org["_id"], f"p{i}-{unique}-{n}@example.test", f"Person {i}", roles)
                for i in range(n)]
    return make


def test_a_member_signs_in_with_the_emailed_code_refreshes_and_signs_out(accounts, people, mailpit):
    browser, _ = accounts()
    [ada] = people()
    tokens = sign_in(browser, mailpit, ada["email"])
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    header = jwt.get_unverified_header(tokens["access_token"])
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert header["alg"] == "ES256" and header["typ"] == "at+jwt" and header["kid"]
    assert claims["sub"] == ada["_id"] and claims["org"] == ada["org_id"] and claims["sid"] == tokens["device_id"]
    keys = browser.get("/.well-known/jwks.json").json["keys"]
    key = jwt.PyJWK(next(k for k in keys if k["kid"] == header["kid"]))
    assert jwt.decode(tokens["access_token"], key.key, algorithms=["ES256"], audience="rapport")["sub"] == ada["_id"]
    id_token = jwt.decode(tokens["id_token"], key.key, algorithms=["ES256"], audience="rapport-cli")
    assert id_token["email"] == ada["email"] and id_token["nonce"].startswith("n-")

    me = browser.get("/v1/members/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status == 200 and me.json["id"] == ada["_id"]
    devices = browser.get("/v1/devices", headers={"Authorization": f"Bearer {tokens['access_token']}"}).json
    assert [d["id"] for d in devices["items"]] == [tokens["device_id"]] and devices["items"][0]["current"]

    second = refresh(browser, tokens["refresh_token"])
    assert second.status == 200 and second.json["refresh_token"] != tokens["refresh_token"]
    assert second.json["device_id"] == tokens["device_id"]
    third = refresh(browser, second.json["refresh_token"])
    assert third.status == 200

    out = browser.post("/oauth2/revoke", {"token": third.json["refresh_token"], "client_id": "rapport-cli"})
    assert out.status == 200
    after = refresh(browser, third.json["refresh_token"])
    assert after.status == 400 and after.json["error"] == "invalid_grant"
    ended = Device._get_collection().find_one({"_id": tokens["device_id"]})
    assert ended["revoked_reason"] == "signed_out"
    assert [e["type"] for e in ended["outbox"]] == ["account.device_registered", "account.device_revoked"]
    refused = browser.get("/v1/devices", headers={"Authorization": f"Bearer {third.json['access_token']}"})
    assert refused.status == 401 and refused.json["type"] == "/problems/access-revoked"


def test_a_reused_refresh_token_ends_its_whole_session(accounts, people, mailpit):
    browser, _ = accounts()
    [ada] = people()
    tokens = sign_in(browser, mailpit, ada["email"])
    newer = refresh(browser, tokens["refresh_token"]).json
    replay = refresh(browser, tokens["refresh_token"])  # the old one again: stolen, or a broken client
    assert replay.status == 400 and replay.json["error"] == "invalid_grant"
    legit = refresh(browser, newer["refresh_token"])  # the family is gone, the newest too
    assert legit.status == 400 and legit.json["error"] == "invalid_grant"
    assert Device._get_collection().find_one({"_id": tokens["device_id"]})["revoked_reason"] == "refresh_reuse"


def test_authorization_requests_must_use_pkce_s256_and_a_registered_redirect(accounts):
    browser, _ = accounts()
    _, challenge = pkce()
    for change, error in (({"code_challenge": None, "code_challenge_method": None}, "PKCE is required"),
                          ({"code_challenge_method": "plain"}, "must be S256"),
                          ({"code_challenge_method": None}, "must be S256"),
                          ({"response_type": "token"}, None), ({"scope": "openid", "response_type": "code token"}, None)):
        params = {k: v for k, v in {**authorize_params(challenge), **change}.items() if v is not None}
        r = browser.get("/oauth2/authorize", params)
        assert r.status == 302, (change, r.text[:500])
        back = query(r.headers["Location"])
        assert r.headers["Location"].startswith(LOOPBACK) and back["state"] == params["state"]
        assert back["error"] in ("invalid_request", "unsupported_response_type"), back
        if error:
            assert error in back["error_description"]
    for change in ({"redirect_uri": "http://127.0.0.1:53117/elsewhere"}, {"redirect_uri": "http://evil.test/callback"},
                   {"redirect_uri": "http://127.0.0.1.evil.test:80/callback"}, {"client_id": "nobody"},
                   {"client_id": "rapport-web"}):
        r = browser.get("/oauth2/authorize", {**authorize_params(challenge), **change})
        assert r.status == 400 and "Location" not in r.headers, change  # never a redirect to an unknown URI
        assert r.headers["Content-Type"].startswith("text/html")


def _code(browser, mailpit, email, verifier_challenge=None, client_id="rapport-cli"):
    verifier, challenge = verifier_challenge or pkce()
    params = authorize_params(challenge, client_id)
    before = len(mailpit.messages(to=email))
    challenge_id, _ = start(browser, email, params)
    code, _ = emailed(mailpit, email, before)
    done = browser.post("/signin/code", {"challenge": challenge_id, "code": code})
    return query(done.headers["Location"])["code"], verifier


def _exchange(browser, code, verifier, client_id="rapport-cli", redirect_uri=LOOPBACK):
    return browser.post("/oauth2/token", {"grant_type": "authorization_code", "code": code, "client_id": client_id,
                                          "redirect_uri": redirect_uri, "code_verifier": verifier})


def test_an_authorization_code_works_once_for_its_client_redirect_and_verifier_within_a_minute(
        accounts, people, mailpit):
    browser, clock = accounts(signin_per_address=20)
    [ada] = people()
    code, verifier = _code(browser, mailpit, ada["email"])
    first = _exchange(browser, code, verifier)
    assert first.status == 200
    reused = _exchange(browser, code, verifier)
    assert reused.status == 400 and reused.json["error"] == "invalid_grant"
    # the code leaked: the session its first redemption started ends as well (RFC 6749 §4.1.2)
    assert refresh(browser, first.json["refresh_token"]).json["error"] == "invalid_grant"
    assert Device._get_collection().find_one({"_id": first.json["device_id"]})["revoked_reason"] == "code_reuse"

    code, verifier = _code(browser, mailpit, ada["email"])
    wrong_client = _exchange(browser, code, verifier, client_id="rapport-sdk")
    assert wrong_client.status == 400 and wrong_client.json["error"] == "invalid_grant"

    code, verifier = _code(browser, mailpit, ada["email"])
    moved = _exchange(browser, code, verifier, redirect_uri="http://127.0.0.1:1/callback")
    assert moved.status == 400 and moved.json["error"] == "invalid_grant"

    code, _ = _code(browser, mailpit, ada["email"])
    wrong = _exchange(browser, code, pkce()[0])
    assert wrong.status == 400 and wrong.json["error"] == "invalid_grant"
    code, verifier = _code(browser, mailpit, ada["email"])
    missing = browser.post("/oauth2/token", {"grant_type": "authorization_code", "code": code,
                                             "client_id": "rapport-cli", "redirect_uri": LOOPBACK})
    assert missing.status == 400 and missing.json["error"] in ("invalid_request", "invalid_grant")

    code, verifier = _code(browser, mailpit, ada["email"])
    clock.offset = timedelta(seconds=61)
    expired = _exchange(browser, code, verifier)
    assert expired.status == 400 and expired.json["error"] == "invalid_grant"

    for bad in ({"grant_type": "password", "username": "x", "password": "y", "client_id": "rapport-cli"},
                {"grant_type": "authorization_code", "code": "x", "client_id": "nobody", "redirect_uri": LOOPBACK,
                 "code_verifier": verifier}, {}):
        r = browser.post("/oauth2/token", bad)
        assert r.status in (400, 401) and r.json["error"], (bad, r.text)


def test_five_wrong_codes_lock_the_code_and_a_used_or_expired_code_is_refused(accounts, people, mailpit):
    browser, clock = accounts()
    [ada] = people()
    _, challenge = pkce()
    before = len(mailpit.messages(to=ada["email"]))
    challenge_id, _ = start(browser, ada["email"], authorize_params(challenge))
    code, _ = emailed(mailpit, ada["email"], before)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        r = browser.post("/signin/code", {"challenge": challenge_id, "code": wrong})
        assert r.status == 422 and "not right" in r.text, r.text[:500]
    assert browser.post("/signin/code", {"challenge": challenge_id, "code": wrong}).status == 410
    locked = browser.post("/signin/code", {"challenge": challenge_id, "code": code})  # the right one, too late
    assert locked.status == 410 and "tried too often" in locked.text

    before = len(mailpit.messages(to=ada["email"]))
    challenge_id, _ = start(browser, ada["email"], authorize_params(challenge))
    code, _ = emailed(mailpit, ada["email"], before)
    clock.offset = timedelta(minutes=10, seconds=1)
    assert browser.post("/signin/code", {"challenge": challenge_id, "code": code}).status == 410


def test_the_answer_is_the_same_for_a_member_and_a_stranger(accounts, people, mailpit, unique):
    browser, _ = accounts()
    [ada] = people()
    stranger = f"nobody-{unique}@example.test"
    _, challenge = pkce()
    pages = {}
    for email in (ada["email"], stranger):
        before = len(mailpit.messages(to=email))
        challenge_id, page = start(browser, email, authorize_params(challenge, state="same"))
        pages[email] = (page.status, page.text.replace(challenge_id, "").replace(email, ""))
        mailpit.wait_for(to=email, timeout=15, newer_than_count=before)  # each address gets one mail
    assert pages[ada["email"]] == pages[stranger]
    stranger_mail = mailpit.text(mailpit.messages(to=stranger)[0]["ID"])
    assert "does not belong" in stranger_mail and not re.search(r"\b\d{6}\b", stranger_mail)


def test_code_requests_are_limited_per_address_and_per_network(accounts, people, mailpit, unique):
    browser, _ = accounts(signin_per_address=2, signin_per_ip=3)
    [ada] = people()
    _, challenge = pkce()
    page = browser.get("/oauth2/authorize", authorize_params(challenge))
    pending = field(page.text, "pending")
    statuses = [browser.post("/signin/email", {"pending": pending, "email": ada["email"]},
                             headers={"X-Forwarded-For": "203.0.113.7"}).status for _ in range(3)]
    assert statuses == [200, 200, 429]
    others = [browser.post("/signin/email", {"pending": pending, "email": f"x{i}-{unique}@example.test"},
                           headers={"X-Forwarded-For": "203.0.113.8"}) for i in range(4)]
    assert [r.status for r in others] == [200, 200, 200, 429]
    assert "Retry-After" in others[-1].headers and "try again" in others[-1].text


def test_the_emailed_link_signs_in_once_and_only_by_a_button(accounts, people, mailpit):
    browser, _ = accounts()
    [ada] = people()
    _, challenge = pkce()
    before = len(mailpit.messages(to=ada["email"]))
    start(browser, ada["email"], authorize_params(challenge))
    _, link = emailed(mailpit, ada["email"], before)
    path = link.split("://", 1)[1].partition("/")[2]
    opened = browser.get("/" + path)  # what a mail scanner would fetch: a page, no sign-in
    assert opened.status == 200 and "<button" in opened.text
    form = {"challenge": field(opened.text, "challenge"), "token": field(opened.text, "token")}
    done = browser.post("/signin/link", form)
    assert done.status == 302 and "code=" in done.headers["Location"]
    assert browser.post("/signin/link", form).status == 410
    assert browser.post("/signin/link", {**form, "token": "forged"}).status == 410


def test_a_person_in_two_organisations_chooses_one(accounts, mailpit, unique):
    browser, _ = accounts()
    service = Accounts(MongoAccountStore())
    email = f"both-{unique}@example.test"
    a, b = (service.create_org(f"Both {x} {unique}", f"both-{x}-{unique}") for x in "ab")
    service.create_member(a["_id"], email, "Both")
    in_b = service.create_member(b["_id"], email, "Both")
    verifier, challenge = pkce()
    before = len(mailpit.messages(to=email))
    challenge_id, _ = start(browser, email, authorize_params(challenge))
    code, _ = emailed(mailpit, email, before)
    choose = browser.post("/signin/code", {"challenge": challenge_id, "code": code})
    assert choose.status == 200 and a["name"] in choose.text and b["name"] in choose.text
    done = browser.post("/signin/code", {"challenge": challenge_id, "code": code, "member_id": in_b["_id"]})
    tokens = _exchange(browser, query(done.headers["Location"])["code"], verifier).json
    assert jwt.decode(tokens["access_token"], options={"verify_signature": False})["org"] == b["_id"]


def test_a_terminal_signs_in_with_the_device_grant(accounts, people, mailpit):
    browser, _ = accounts()
    [ada] = people()
    grant = browser.post("/oauth2/device_authorization", {"client_id": "rapport-cli", "scope": "openid"}).json
    assert grant["verification_uri"].endswith("/device") and grant["interval"] == 5
    poll = {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": grant["device_code"],
            "client_id": "rapport-cli"}
    assert browser.post("/oauth2/token", poll).json["error"] == "authorization_pending"
    assert browser.post("/oauth2/token", poll).json["error"] == "slow_down"
    assert browser.post("/device", {"user_code": "NOPE-NOPE"}).status == 404
    entered = browser.post("/device", {"user_code": grant["user_code"].lower()})
    assert entered.status == 200
    before = len(mailpit.messages(to=ada["email"]))
    sent = browser.post("/signin/email", {"pending": field(entered.text, "pending"), "email": ada["email"]})
    code, _ = emailed(mailpit, ada["email"], before)
    done = browser.post("/signin/code", {"challenge": field(sent.text, "challenge"), "code": code})
    assert done.status == 200 and "Return to your terminal" in done.text
    tokens = browser.post("/oauth2/token", poll)
    assert tokens.status == 200 and tokens.json["refresh_token"] and tokens.json["device_id"]
    again = browser.post("/oauth2/token", poll)
    assert again.status == 400 and again.json["error"] in ("access_denied", "invalid_grant", "invalid_request")
    assert browser.post("/oauth2/device_authorization", {"client_id": "rapport-web"}).status in (400, 401)


def test_offboarding_ends_every_session(accounts, people, mailpit):
    browser, _ = accounts()
    [ada] = people()
    tokens = sign_in(browser, mailpit, ada["email"])
    browser.accounts.offboard_member(ada["org_id"], ada["_id"])
    assert refresh(browser, tokens["refresh_token"]).json["error"] == "invalid_grant"
    ended = Device._get_collection().find_one({"_id": tokens["device_id"]})
    assert ended["revoked_reason"] == "member_left" and ended["outbox"][-1]["type"] == "account.device_revoked"


def test_signing_keys_rotate_and_old_keys_stay_published_until_their_tokens_expire(accounts, people, mailpit):
    browser, clock = accounts(key_rotate_days=1)
    [ada] = people()
    first = sign_in(browser, mailpit, ada["email"])
    old_kid = jwt.get_unverified_header(first["access_token"])["kid"]
    now = clocks.now()
    boundary = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)  # the next period
    clock.offset = boundary - now + timedelta(seconds=10)
    newer = refresh(browser, first["refresh_token"]).json
    new_kid = jwt.get_unverified_header(newer["access_token"])["kid"]
    published = {k["kid"] for k in browser.get("/.well-known/jwks.json").json["keys"]}
    assert new_kid != old_kid and {old_kid, new_kid} <= published  # the old key's tokens are still valid
    clock.offset = boundary - now + timedelta(seconds=first["expires_in"] + 61)
    published = {k["kid"] for k in browser.get("/.well-known/jwks.json").json["keys"]}
    assert old_kid not in published and new_kid in published  # every token it signed has expired


def test_discovery_describes_the_server(accounts):
    browser, _ = accounts()
    for path in ("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"):
        meta = browser.get(path).json
        assert meta["code_challenge_methods_supported"] == ["S256"] and meta["response_types_supported"] == ["code"]
        assert meta["token_endpoint"].endswith("/oauth2/token") and meta["jwks_uri"].endswith("/.well-known/jwks.json")
        assert "urn:ietf:params:oauth:grant-type:device_code" in meta["grant_types_supported"]
        assert "implicit" not in meta["grant_types_supported"] and "password" not in meta["grant_types_supported"]


def test_oauth_is_checked_on_the_public_address_and_refused_clearly_over_plain_http(accounts, monkeypatch):
    """Behind the gateway accounts is reached over plain http; what must be https is the public
    base URL. Plain http elsewhere than loopback is a clear 400, never a 500."""
    browser, _ = accounts()
    poll = {"grant_type": "refresh_token", "refresh_token": "nope", "client_id": "rapport-cli"}
    monkeypatch.setenv("RAPPORT_PUBLIC_BASE_URL", "https://rapport.example.org")
    assert browser.post("/oauth2/token", poll).json["error"] == "invalid_grant"
    monkeypatch.setenv("RAPPORT_PUBLIC_BASE_URL", "http://rapport.example.org")
    refused = browser.post("/oauth2/token", poll)
    assert refused.status == 400 and refused.json["type"] == "/problems/insecure-transport"
