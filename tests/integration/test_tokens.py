"""Accounts and the other services agree on access tokens as deployed, over real HTTP: accounts
runs as its Procfile process (its key ring in its database, its JWKS at
`/.well-known/jwks.json`) with its relay; tokens come from `rapport-accounts issue-token`, as an
operator gets them; goals, given nothing but `RAPPORT_JWKS_URL`, verifies them and refuses a
forged `kid`; and once goals' follower consumed the `account.device_revoked` of a session
accounts ended, goals refuses that session's tokens — and only those.

Real Kafka, the real database; goals' app is a Flask test client and its follower runs in a
thread on this test's topics."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import ec

from services.goals.app import create_app as goals_app
from shared import clock, follower

from ..procfile import Suite
from ..servers import ROOT, free_port
from ..waiting import running, wait_for


@pytest.fixture
def accounts(servers, kafka_topics, tmp_path, unique):
    """The accounts service and its relay as processes, on this test's database and topics."""
    port = free_port()
    env = {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
           "RAPPORT_DB_PREFIX": f"t{unique}_", "RAPPORT_TOPIC_PREFIX": f"t{unique}.", "ACCOUNTS_PORT": str(port),
           "RAPPORT_LOG_LEVEL": "INFO"}
    suite = Suite(f"http://127.0.0.1:{port}", env, tmp_path)
    suite.start(only={"accounts", "relay-accounts"})
    try:
        suite.wait_ready(120)
        yield suite
    finally:
        suite.stop()


def _cli(suite: Suite, *args: str) -> str:
    """`rapport-accounts` against the accounts process's database, as an operator runs it."""
    result = subprocess.run([str(Path(sys.executable).parent / "rapport-accounts"), *args], cwd=ROOT,
                            env={**os.environ, **suite.env}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _problem(response) -> str | None:
    return response.json["type"] if response.status_code == 401 else None


def test_services_verify_accounts_tokens_from_its_jwks_and_refuse_an_ended_device_session(accounts, settings_for):
    org = dict(line.split("=", 1) for line in _cli(accounts, "create-org", "Token Corp").split())
    _cli(accounts, "create-member", org["ORG_SLUG"], "ada@tokens.test", "Ada")
    operator = _cli(accounts, "issue-token", org["ORG_SLUG"], "ada@tokens.test").strip()
    phone = _cli(accounts, "issue-token", org["ORG_SLUG"], "ada@tokens.test", "--device", "Ada's phone").strip()
    laptop = _cli(accounts, "issue-token", org["ORG_SLUG"], "ada@tokens.test", "--device", "Ada's laptop").strip()
    header, claims = jwt.get_unverified_header(phone), jwt.decode(phone, options={"verify_signature": False})
    assert header["alg"] == "ES256" and header["typ"] == "at+jwt" and claims["exp"] - claims["iat"] == 900
    published = requests.get(f"{accounts.base_url}/.well-known/jwks.json", timeout=10).json()["keys"]
    assert header["kid"] in {k["kid"] for k in published}
    assert all(k["kty"] == "EC" and k["crv"] == "P-256" and "d" not in k for k in published)

    settings = settings_for("goals", jwt_public_keys={}, jwks_url=f"{accounts.base_url}/.well-known/jwks.json")
    goals = goals_app(settings)
    goals.testing = True
    client = goals.test_client()
    for token in (operator, phone, laptop):
        assert client.get("/v1/goals", headers=_auth(token)).status_code == 200
        assert requests.get(f"{accounts.base_url}/v1/members/me", headers=_auth(token), timeout=10).status_code == 200
    forger = ec.generate_private_key(ec.SECP256R1())
    forged = jwt.encode({**claims, "iat": int(clock.timestamp())}, forger, algorithm="ES256",
                        headers={"kid": header["kid"] + "x", "typ": "at+jwt"})
    assert _problem(client.get("/v1/goals", headers=_auth(forged))) == "/problems/invalid-token"
    resigned = jwt.encode(claims, forger, algorithm="ES256", headers={"kid": header["kid"], "typ": "at+jwt"})
    assert _problem(client.get("/v1/goals", headers=_auth(resigned))) == "/problems/invalid-token"

    ended = requests.delete(f"{accounts.base_url}/v1/devices/{claims['sid']}", headers=_auth(phone), timeout=10)
    assert ended.status_code == 204, ended.text
    gone = requests.get(f"{accounts.base_url}/v1/members/me", headers=_auth(phone), timeout=10)
    assert gone.status_code == 401 and gone.json()["type"] == "/problems/access-revoked"  # accounts: at once
    with running(follower.build(settings)):
        wait_for(lambda: _problem(client.get("/v1/goals", headers=_auth(phone))) == "/problems/access-revoked", 60,
                 "goals to refuse the ended session's token")
    assert "sign in again" in client.get("/v1/goals", headers=_auth(phone)).json["detail"]
    for token in (operator, laptop):  # the member's other session, and the operator's token without one
        assert client.get("/v1/goals", headers=_auth(token)).status_code == 200
