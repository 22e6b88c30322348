"""Signing in and staying signed in, against a scripted authorization server (httpx.MockTransport):
the device grant's polling, refresh rotation, an ended session, sign-out; and where tokens live."""
from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs

import httpx
import pytest

from rapport_sdk.auth import Session, claims_of
from rapport_sdk.config import FileTokens, check_profile, load_profile, save_profile, token_store
from rapport_sdk.errors import AuthError

BASE = "http://rapport.test"
META = {"issuer": BASE, "token_endpoint": f"{BASE}/oauth2/token", "authorization_endpoint": f"{BASE}/oauth2/authorize",
        "device_authorization_endpoint": f"{BASE}/oauth2/device_authorization",
        "revocation_endpoint": f"{BASE}/oauth2/revoke"}


def id_token(**claims) -> str:
    part = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"e30.{part}.sig"


class Server:
    """The token endpoint's answers, in order; every request kept."""

    def __init__(self, token_answers: list[tuple[int, dict]]):
        self.answers = token_answers
        self.requests: list[tuple[str, dict]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        self.requests.append((request.url.path, form))
        if request.url.path == "/.well-known/openid-configuration":
            return httpx.Response(200, json=META)
        if request.url.path == "/oauth2/device_authorization":
            return httpx.Response(200, json={"device_code": "dc", "user_code": "WDJB-MJHT", "expires_in": 600,
                                             "interval": 5, "verification_uri": f"{BASE}/device",
                                             "verification_uri_complete": f"{BASE}/device?user_code=WDJB-MJHT"})
        if request.url.path == "/oauth2/revoke":
            return httpx.Response(200, json={})
        status, body = self.answers.pop(0)
        return httpx.Response(status, json=body)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path))
    monkeypatch.setenv("RAPPORT_TOKEN_STORE", "file")
    return tmp_path


def session(server: Server, clock=lambda: 1000.0, slept=None) -> Session:
    sleep = slept.append if slept is not None else (lambda s: None)
    return Session(BASE, FileTokens("default"), clock=clock, sleep=sleep, transport=httpx.MockTransport(server))


TOKENS = {"access_token": "a1", "refresh_token": "r1", "expires_in": 900, "token_type": "Bearer", "device_id": "dev-1",
          "id_token": id_token(sub="m-1", email="ada@example.org", org="o-1", sid="dev-1")}


def test_the_device_grant_polls_at_the_interval_and_slows_down_when_told(home):
    server = Server([(400, {"error": "authorization_pending"}), (400, {"error": "slow_down"}), (200, TOKENS)])
    slept: list[float] = []
    s = session(server, slept=slept)
    code = s.start_device_login()
    assert (code.user_code, code.interval) == ("WDJB-MJHT", 5)
    saved = s.finish_device_login(code)
    assert slept == [5, 5, 10]  # the interval, again, then five seconds more after slow_down
    assert (saved["device_id"], saved["email"], saved["member_id"]) == ("dev-1", "ada@example.org", "m-1")
    polls = [form for path, form in server.requests if path == "/oauth2/token"]
    assert polls[0]["grant_type"] == "urn:ietf:params:oauth:grant-type:device_code" and polls[0]["device_code"] == "dc"
    assert polls[0]["client_id"] == "rapport-cli"
    tokens = home / "tokens" / "default.json"
    assert oct(tokens.stat().st_mode & 0o777) == "0o600" and oct(tokens.parent.stat().st_mode & 0o777) == "0o700"


def test_a_refused_device_grant_is_an_auth_error(home):
    s = session(Server([(400, {"error": "access_denied", "error_description": "the person said no"})]))
    with pytest.raises(AuthError) as refused:
        s.finish_device_login(s.start_device_login())
    assert refused.value.error == "access_denied"


def test_the_access_token_is_refreshed_before_it_expires_and_the_new_refresh_token_kept(home):
    now = [1000.0]
    server = Server([(200, TOKENS), (200, {**TOKENS, "access_token": "a2", "refresh_token": "r2"})])
    s = session(server, clock=lambda: now[0])
    s.finish_device_login(s.start_device_login())
    assert s.access_token() == "a1"
    now[0] += 900 - 30  # within a minute of the end
    assert s.access_token() == "a2"
    refresh = [form for path, form in server.requests if form.get("grant_type") == "refresh_token"]
    assert refresh[0]["refresh_token"] == "r1"
    assert FileTokens("default").load()["refresh_token"] == "r2"


def test_an_ended_session_signs_out(home):
    server = Server([(200, TOKENS), (400, {"error": "invalid_grant"})])
    s = session(server)
    s.finish_device_login(s.start_device_login())
    with pytest.raises(AuthError) as ended:
        s.access_token(force=True)
    assert ended.value.error == "signed_out"
    assert FileTokens("default").load() is None


def test_sign_out_revokes_the_refresh_token_and_forgets_the_tokens(home):
    server = Server([(200, TOKENS)])
    s = session(server)
    s.finish_device_login(s.start_device_login())
    assert s.logout() is True
    revoked = [form for path, form in server.requests if path == "/oauth2/revoke"]
    assert revoked[0]["token"] == "r1"
    with pytest.raises(AuthError):
        s.tokens()


def test_profiles_keep_their_server(home):
    save_profile(load_profile("work", "https://rapport.example.org/"))
    assert load_profile("work").base_url == "https://rapport.example.org"
    assert load_profile("other").base_url == "http://127.0.0.1:8080"
    with pytest.raises(ValueError):
        check_profile("../etc")
    assert isinstance(token_store("work"), FileTokens)


def test_claims_are_read_for_display_only():
    assert claims_of(id_token(sub="m", email="e"))["email"] == "e"
    assert claims_of("not a token") == {}
