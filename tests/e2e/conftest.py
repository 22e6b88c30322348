"""The whole suite as processes (deploy/local/Procfile) on the session's servers, used as a
client would: over HTTP through the gateway."""
from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import jwt
import pytest
import requests

from shared import topics
from shared.settings import load_settings

from ..procfile import Suite
from ..servers import ROOT, free_port


@pytest.fixture(scope="session")
def suite(servers, mailpit, tmp_path_factory):
    uid = uuid.uuid4().hex[:8]
    ports = {name: free_port() for name in ("ACCOUNTS", "GOALS", "CONTACTS", "NUDGES", "GATEWAY")}
    env = {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
           "RAPPORT_DB_PREFIX": f"e2e{uid}_", "RAPPORT_TOPIC_PREFIX": f"e2e{uid}.",
           # tokens come from accounts (`rapport-accounts issue-token`, sign-in), signed with its key
           # ring, and every service verifies them with accounts' JWKS
           "RAPPORT_JWKS_URL": f"http://127.0.0.1:{ports['ACCOUNTS']}/.well-known/jwks.json",
           "RAPPORT_LOG_LEVEL": "INFO",
           "ACCOUNTS_SMTP_HOST": mailpit.smtp_host, "ACCOUNTS_SMTP_PORT": str(mailpit.smtp_port),
           # the gateway is the issuer: discovery, ID tokens and every service's `iss` check agree
           "RAPPORT_JWT_ISSUER": f"http://127.0.0.1:{ports['GATEWAY']}",
           "ACCOUNTS_WEB_REDIRECT_URIS": f"http://127.0.0.1:{ports['GATEWAY']}/app/callback",
           "ACCOUNTS_SSO_ALLOW_HTTP": "yes",  # the local OpenID provider speaks plain http
           **{f"{k}_PORT": str(v) for k, v in ports.items()},
           **{f"GATEWAY_UPSTREAM_{k}": f"http://127.0.0.1:{v}" for k, v in ports.items() if k != "GATEWAY"}}
    topics.ensure(load_settings("topics", env, require_keys=False))
    suite = Suite(f"http://127.0.0.1:{ports['GATEWAY']}", env, tmp_path_factory.mktemp("suite-logs"))
    suite.start()
    try:
        suite.wait_ready()
        yield suite
    finally:
        suite.stop()


def cli(suite: Suite, *args: str) -> str:
    """Run `rapport-accounts` against the suite's databases, as an operator would."""
    exe = Path(sys.executable).parent / "rapport-accounts"
    result = subprocess.run([str(exe), *args], cwd=ROOT, env={**__import__("os").environ, **suite.env},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Client:
    """A member's HTTP client against the gateway."""

    def __init__(self, base_url: str, token: str):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def __getattr__(self, method):
        """`client.get("/v1/...")`, or a whole URL the API handed out (a `Location`)."""
        return lambda path, **kw: self.session.request(
            method.upper(), path if "://" in path else self.base_url + path, timeout=30, **kw)


def on_device(suite: Suite, client: Client, name: str) -> tuple[Client, str]:
    """The client's member signed in on a new device named `name`, as an operator does it
    (`rapport-accounts issue-token --device NAME`): a client with that device session's token,
    and the device id, which is the token's `sid` (read without verifying: the services do)."""
    token = cli(suite, "issue-token", client.org_slug, client.email, "--device", name).strip()
    return Client(suite.base_url, token), jwt.decode(token, options={"verify_signature": False})["sid"]


@pytest.fixture
def member(suite):
    """A fresh organisation with one member, created through the accounts CLI; returns a Client."""
    def make(org_name: str | None = None) -> Client:
        org_name = org_name or f"org-{uuid.uuid4().hex[:8]}"
        out = dict(line.split("=", 1) for line in cli(suite, "create-org", org_name).split())
        email = f"{uuid.uuid4().hex[:8]}@example.org"
        cli(suite, "create-member", out["ORG_SLUG"], email, "Test Member")
        token = cli(suite, "issue-token", out["ORG_SLUG"], email).strip()
        client = Client(suite.base_url, token)
        client.org_slug, client.email = out["ORG_SLUG"], email
        return client
    return make
