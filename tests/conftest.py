"""Fixtures shared by every test folder. Servers start once per session (tests/servers.py);
each test gets its own database names, topic prefix and consumer groups. Tokens are signed
with the session's one ES256 key (`TEST_KEYS`), whose public half every service's settings pin."""
from __future__ import annotations

import os
import uuid
from contextlib import ExitStack

import pytest

from shared import clock
from shared.settings import Settings, load_settings

from .keys import TEST_KEYS
from .servers import OwnHydra, OwnMailpit, Servers, start


def pytest_configure(config):
    """`RAPPORT_TEST_NOW=2026-12-05T02:00:00Z make test` runs the whole suite at that instant:
    the offset is fixed once, here, and every process the tests start inherits it."""
    at = os.environ.get("RAPPORT_TEST_NOW", "").strip()
    if at:
        offset = clock.offset_to(clock.parse_instant(at))
        os.environ[clock.OFFSET_VARIABLE] = repr(offset)
        clock.set_offset(offset)


def pytest_report_header(config):
    return f"clock: {clock.now().isoformat(timespec='seconds')} (offset {clock.offset():+.0f} s)"


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Servers:
    with ExitStack() as stack:
        yield start(stack, tmp_path_factory.mktemp("servers"))


@pytest.fixture(scope="session")
def mailpit(tmp_path_factory) -> OwnMailpit:
    """The session's Mailpit, started by the first test that asks: `smtp_host`, `smtp_port`,
    `api_url`, `messages(to=)`, `text(id)`, `wait_for(to=, timeout=, newer_than_count=)`."""
    with ExitStack() as stack:
        server = OwnMailpit(tmp_path_factory.mktemp("mailpit"), stack)
        server.start()
        yield server


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> OwnHydra:
    """The session's OpenID Connect provider (Ory Hydra), started by the first test that asks:
    `issuer`, `admin_url`, `create_client(redirect_uris, client_id=, secret=)`,
    `sign_in(authorization_url, subject, email, email_verified=True)`."""
    with ExitStack() as stack:
        server = OwnHydra(tmp_path_factory.mktemp("hydra"), stack)
        server.start()
        yield server


@pytest.fixture
def unique() -> str:
    """A short id no other test uses (database names, topic prefixes, groups)."""
    return uuid.uuid4().hex[:10]


def make_settings(servers: Servers, service: str, unique: str, **overrides) -> Settings:
    env = {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
           "RAPPORT_DB_PREFIX": f"t{unique}_", "RAPPORT_TOPIC_PREFIX": f"t{unique}.",
           **TEST_KEYS.env, "RAPPORT_CONSUMER_MAX_RETRIES": "2"}
    return load_settings(service, env, **overrides)


@pytest.fixture
def settings_for(servers, unique):
    """settings_for("contacts") -> Settings isolated to this test."""
    return lambda service, **overrides: make_settings(servers, service, unique, **overrides)


@pytest.fixture
def issue_token():
    """issue_token(org_id, member_id, roles, [ttl_seconds, now], device_id=..., client_id=...,
    scope=...) -> an access token of the session's key, as accounts would sign it."""
    issuer = TEST_KEYS.issuer()
    return lambda org_id="org-a", member_id="member-a", roles=("member",), *args, **kw: issuer.issue(
        org_id, member_id, roles, *args, **kw)
