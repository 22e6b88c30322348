"""Contacts on real servers: a member's HTTP client, and a device that syncs like the app does
(signed in on the device: its token's `sid` is its device id)."""
from __future__ import annotations

import threading
import uuid

import pytest
import requests
from werkzeug.serving import make_server

SCHEMA = {"X-Rapport-Schema-Version": "1"}
PROBLEM = "application/problem+json"


class Member:
    """One member's client (Flask test client or a requests session against a live server)."""

    def __init__(self, http, token: str, base_url: str = "", sign_in=None):
        self.http = http
        self.base_url = base_url
        self.headers = {"Authorization": f"Bearer {token}", **SCHEMA}
        self.sign_in = sign_in  # sign_in(device_id) -> this member's client signed in on that device

    def on(self, device_id: str) -> "Member":
        """This member's client signed in on `device_id` (a token whose `sid` is that device)."""
        assert self.sign_in is not None, "this member cannot sign in on devices"
        return self.sign_in(device_id)

    def request(self, method: str, path: str, headers: dict | None = None, **kw):
        headers = {**self.headers, **(headers or {})}
        query = kw.pop("query", None)
        if query is not None:
            kw["params" if self.base_url else "query_string"] = query
        if self.base_url:
            r = self.http.request(method.upper(), self.base_url + path, headers=headers, timeout=60, **kw)
            r.json_body = r.json() if r.content and "json" in r.headers.get("Content-Type", "") else None
            r.code = r.status_code
            return r
        r = getattr(self.http, method)(path, headers=headers, **kw)
        r.json_body = r.get_json(silent=True)
        r.code = r.status_code
        return r

    def get(self, path, **kw):
        return self.request("get", path, **kw)

    def post(self, path, **kw):
        return self.request("post", path, **kw)

    def patch(self, path, **kw):
        return self.request("patch", path, **kw)

    def delete(self, path, **kw):
        return self.request("delete", path, **kw)

    def device(self, device_id: str | None = None) -> "Device":
        """An app install signed in as this member: nothing to register, its tokens name it."""
        device_id = device_id or f"dev-{uuid.uuid4().hex[:12]}"
        return Device(self.on(device_id), device_id)


class Device:
    """An app install: local records per collection, a cursor, and a queue of mutations. Its
    `member` is the member's client signed in on it."""

    def __init__(self, member: Member, device_id: str):
        self.member = member
        self.id = device_id
        self.cursor: str | None = None
        self.state: dict[str, dict[str, dict]] = {"contacts": {}, "interactions": {}, "gatherings": {}}
        self.tombstones: dict[str, dict[str, dict]] = {"contacts": {}, "interactions": {}, "gatherings": {}}
        self.seen: list[tuple[str, str, int]] = []   # every (collection, id, version) received

    def push(self, mutations: list[dict], expect: int = 200) -> list[dict]:
        r = self.member.post("/v1/sync/contacts/push", json={"device_id": self.id, "mutations": mutations})
        assert r.code == expect, r.json_body
        return r.json_body["results"] if expect == 200 else r.json_body

    def pull_page(self, limit: int | None = None) -> dict:
        query = {"device_id": self.id}
        if self.cursor:
            query["cursor"] = self.cursor
        if limit:
            query["limit"] = limit
        r = self.member.get("/v1/sync/contacts/pull", query=query)
        assert r.code == 200, r.json_body
        body = r.json_body
        for coll, changes in body["changes"].items():
            for record in changes["upserted"]:
                self.seen.append((coll, record["id"], record["version"]))
                self.state[coll][record["id"]] = record
            for tomb in changes["deleted"]:
                self.seen.append((coll, tomb["id"], tomb["version"]))
                self.state[coll].pop(tomb["id"], None)
                self.tombstones[coll][tomb["id"]] = tomb
        self.cursor = body["next_cursor"]
        return body

    def sync(self, limit: int | None = None) -> int:
        """Pull until there is nothing more; return the number of pages."""
        pages = 1
        while self.pull_page(limit)["has_more"]:
            pages += 1
        return pages


def upsert(coll: str, rid: str, fields: dict, base: int | None = None, mid: str | None = None) -> dict:
    m = {"mutation_id": mid or uuid.uuid4().hex, "collection": coll, "op": "upsert", "id": rid, "fields": fields}
    if base is not None:
        m["base_version"] = base
    return m


def delete(coll: str, rid: str, mid: str | None = None) -> dict:
    return {"mutation_id": mid or uuid.uuid4().hex, "collection": coll, "op": "delete", "id": rid}


def new_id() -> str:
    return str(uuid.uuid4())


def imported(m: "Member", body: str | bytes, content_type: str, **query) -> dict:
    """Queue an import, let a runner (as the contacts followers do) finish it, return the job."""
    from services.contacts.service_layer import imports

    r = m.post("/v1/imports", data=body if isinstance(body, bytes) else body.encode(), content_type=content_type,
               query=query or None)
    assert r.code == 202, r.json_body
    queued = r.json_body
    assert queued["status"] == "queued" and queued["counts"]["done"] == 0 and queued["started_at"] is None
    assert r.headers["Location"] == f"http://localhost/v1/imports/{queued['id']}"  # on the public base
    imports.work("test-runner", budget_seconds=60)
    return m.get(f"/v1/imports/{queued['id']}").json_body


@pytest.fixture
def contacts_client(make_app):
    """make(**settings overrides) -> the contacts app's test client (one database per test)."""
    return lambda **overrides: make_app("contacts", **overrides)


@pytest.fixture
def app(contacts_client):
    return contacts_client()


def signed_in(http, issue_token, org: str, member_id: str, base_url: str = "") -> Member:
    """A member's client with a token of no device (as an operator's `issue-token` gives), which
    can sign in on devices (`Member.on`)."""
    def on(device_id: str) -> Member:
        return Member(http, issue_token(org, member_id, device_id=device_id), base_url, on)
    return Member(http, issue_token(org, member_id), base_url, on)


@pytest.fixture
def member(app, issue_token):
    """member(org, member_id) -> Member on the default app."""
    return lambda org="org-a", member_id=None: signed_in(app, issue_token, org,
                                                         member_id or f"m-{uuid.uuid4().hex[:8]}")


@pytest.fixture
def live(issue_token):
    """live(test_client) -> a function making Members that talk real HTTP to a threaded server."""
    servers = []

    def start(client):
        server = make_server("127.0.0.1", 0, client.application, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append(server)
        url = f"http://127.0.0.1:{server.server_port}"

        def make(org="org-a", member_id=None):
            return signed_in(requests.Session(), issue_token, org, member_id or f"m-{uuid.uuid4().hex[:8]}", url)
        return make

    yield start
    for server in servers:
        server.shutdown()
