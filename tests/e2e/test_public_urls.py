"""Every URL an API answer carries starts with the public base URL, and the gateway never hands
out a service's internal address — whether the base is configured (RAPPORT_PUBLIC_BASE_URL on
the gateway) or taken from the gateway's own address, which the services learn from the
X-Forwarded-* headers the gateway sets. The contacts and nudges services and two gateways run
as the Procfile's processes over HTTP."""
from __future__ import annotations

import http.client
import re
import uuid

import pytest
import requests

from shared import topics
from shared.settings import load_settings

from ..keys import TEST_KEYS
from ..procfile import Suite
from ..servers import free_port
from ..waiting import wait_for


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=3).status_code == 200
    except requests.RequestException:
        return False

CONFIGURED = "https://rapport.example.org/api"
URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
VCARD = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Katherine Johnson\r\nEND:VCARD\r\n"


@pytest.fixture(scope="module")
def gateways(servers, tmp_path_factory):
    uid = uuid.uuid4().hex[:8]
    ports = {name: free_port() for name in ("CONTACTS", "NUDGES")}
    env = {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
           "RAPPORT_DB_PREFIX": f"urls{uid}_", "RAPPORT_TOPIC_PREFIX": f"urls{uid}.", **TEST_KEYS.env,
           **{f"{k}_PORT": str(v) for k, v in ports.items()},
           **{f"GATEWAY_UPSTREAM_{k}": f"http://127.0.0.1:{v}" for k, v in ports.items()}}
    topics.ensure(load_settings("topics", env, require_keys=False))
    services = Suite("", env, tmp_path_factory.mktemp("url-services"))
    configured_port, own_port = free_port(), free_port()
    configured = Suite(f"http://127.0.0.1:{configured_port}",
                       {**env, "GATEWAY_PORT": str(configured_port), "RAPPORT_PUBLIC_BASE_URL": CONFIGURED},
                       tmp_path_factory.mktemp("url-gateway-configured"))
    own = Suite(f"http://127.0.0.1:{own_port}", {**env, "GATEWAY_PORT": str(own_port)},
                tmp_path_factory.mktemp("url-gateway-own"))
    everything = [services, configured, own]
    try:
        services.start(only={"contacts", "nudges"})
        configured.start(only={"gateway"})
        own.start(only={"gateway"})
        ready = [f"http://127.0.0.1:{p}/readyz" for p in ports.values()] + [
            f"{g.base_url}/healthz" for g in (configured, own)]
        wait_for(lambda: all(answers(u) for u in ready), 120, "the services and gateways to be ready",
                 show=lambda: {n: p.poll() for s in everything for n, p in s.processes.items()})
        yield {"configured": (configured.base_url, CONFIGURED), "own": (own.base_url, own.base_url),
               "upstreams": [f"http://127.0.0.1:{p}" for p in ports.values()]}
    finally:
        for suite in everything:
            suite.stop()


def urls_in(value) -> list[str]:
    if isinstance(value, dict):
        return [u for v in value.values() for u in urls_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v)]
    return [value] if isinstance(value, str) and URL.match(value) else []


def every_url(response: requests.Response) -> list[str]:
    found = [response.headers[h] for h in ("Location", "Content-Location", "Link") if h in response.headers]
    if "json" in response.headers.get("Content-Type", ""):
        found += urls_in(response.json())
    return found


@pytest.mark.parametrize("which", ["configured", "own"])
def test_every_url_in_api_answers_starts_with_the_public_base(which, gateways, issue_token):
    gateway, public = gateways[which]
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {issue_token('org-u', f'member-{which}')}"
    answers = []

    def call(method, path, **kw):
        r = http.request(method, gateway + path, allow_redirects=False, timeout=30, **kw)
        assert r.status_code < 500, (path, r.status_code, r.text)
        answers.append((method, path, r))
        return r

    feed = call("POST", "/v1/feeds/ics")
    assert feed.status_code == 201 and feed.json()["url"].startswith(public + "/v1/feeds/ics/")
    contact = call("POST", "/v1/contacts", json={"display_name": "Grace Hopper"})
    assert contact.status_code == 201 and contact.headers["Location"] == f"{public}/v1/contacts/{contact.json()['id']}"
    imported = call("POST", "/v1/imports", data=VCARD, headers={"Content-Type": "text/vcard"})
    assert imported.status_code == 202 and imported.headers["Location"] == f"{public}/v1/imports/{imported.json()['id']}"
    call("GET", f"/v1/imports/{imported.json()['id']}")
    call("GET", "/v1/imports")
    call("GET", "/v1/contacts")
    call("GET", "/v1/nudges")
    call("GET", f"/v1/contacts/{contact.json()['id']}")
    call("GET", "/v1/openapi/nudges.json")
    call("GET", "/v1/openapi/contacts.json")
    call("GET", "/v1/nudges/")  # a trailing slash: no service redirect escapes with its own address

    seen = [(m, p, u) for m, p, r in answers for u in every_url(r)]
    assert any(p == "/v1/feeds/ics" for _, p, _ in seen) and any(p == "/v1/imports" for _, p, _ in seen)
    internal = [u.removeprefix("http://") for u in gateways["upstreams"]]
    for method, path, url in seen:
        # OpenAPI documents may cite outside references (specifications); every URL of this API is public
        if path.startswith("/v1/openapi/") and "/v1/" not in url:
            continue
        assert url.startswith(public + "/"), (method, path, url)
    for _, _, r in answers:
        assert not any(i in str(r.headers) for i in internal)

    if which == "own":  # the feed URL works as handed out (no prefix to strip in front)
        ics = requests.get(feed.json()["url"], timeout=30)
        assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")


@pytest.mark.parametrize("raw", ["/v1/nudges/..%252f/dismiss", "/v1/nudges/../contacts", "/v1/nudges/%2e%2e/dismiss",
                                 "/v1/nudges/..%2f/dismiss", "/v1/nudges/%252e%252e%252f/dismiss"])
def test_traversal_through_the_gateway_is_refused_and_never_redirected(raw, gateways, issue_token):
    """The reported case: `POST /v1/nudges/..%252f/dismiss` answered 308 with a Location on the
    nudges service's own address. Sent byte for byte (http.client does not normalise)."""
    gateway, _ = gateways["configured"]
    host, port = gateway.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("POST", raw, body=b'{"reason": "other"}',
                     headers={"Content-Type": "application/json",
                              "Authorization": f"Bearer {issue_token('org-u', 'member-t')}"})
        r = conn.getresponse()
        body = r.read()
    finally:
        conn.close()
    assert r.status == 400, (r.status, body)
    assert r.getheader("Content-Type") == "application/problem+json"
    assert b"/problems/invalid-path" in body
    assert r.getheader("Location") is None
