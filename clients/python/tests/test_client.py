"""Rapport, the typed client: each call builds the generated endpoint's request, sends it through
Http, and answers with the generated models. No server: httpx.MockTransport."""
import json

import httpx
import pytest

from rapport_sdk import errors
from rapport_sdk._generated.contacts.models import ContactFields, ContactOut, ImportJobOut
from rapport_sdk._generated.goals.models import GoalOut
from rapport_sdk._generated.nudges.models import NudgeOut
from rapport_sdk.client import Rapport
from rapport_sdk.http import Http

WHEN = "2026-03-01T10:00:00+00:00"


def contact(record_id="c1", **fields):
    return {"id": record_id, "display_name": "Ada Lovelace", "created_at": WHEN, "updated_at": WHEN, "version": 3,
            "emails": ["ada@example.com"], "phones": [], "profile_urls": [], "tags": ["maths"], "needs": [],
            "offers": [], "goal_links": [], "merged_from": [], "share_with_colleagues": False, "source": "capture",
            **fields}


def job(status, done=0):
    return {"id": "j1", "format": "linkedin", "status": status, "queued_at": WHEN, "errors": [], "warnings": [],
            "counts": {"rows": 2, "done": done, "created": done, "updated": 0, "unchanged": 0, "failed": 0}}


class Server:
    def __init__(self, answer):
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request):
        self.requests.append(request)
        return self.answer(request)


def rapport(answer):
    server = Server(answer)
    waits: list[float] = []
    http = Http("http://api.test", lambda force: "tok", transport=httpx.MockTransport(server), sleep=waits.append)
    return Rapport("http://api.test", http=http), server, waits


def test_a_call_builds_the_request_and_answers_a_generated_model():
    client, server, _ = rapport(lambda r: httpx.Response(200, json=contact()))
    found = client.contacts.get("c1")
    request = server.requests[0]
    assert (request.method, request.url.path) == ("GET", "/v1/contacts/c1")
    assert request.headers["Authorization"] == "Bearer tok"
    assert isinstance(found, ContactOut)
    assert (found.id, found.display_name, found.version, found.tags) == ("c1", "Ada Lovelace", 3, ["maths"])
    assert found.to_dict()["emails"] == ["ada@example.com"]


def test_bodies_are_models_or_plain_dicts():
    client, server, _ = rapport(lambda r: httpx.Response(201, json={**contact(), "possible_duplicates": []}))
    client.contacts.create({"display_name": "Ada", "tags": ["maths"]})
    client.contacts.create(ContactFields.from_dict({"display_name": "Grace"}))
    first, second = (json.loads(r.content) for r in server.requests)
    assert first == {"display_name": "Ada", "tags": ["maths"]}
    assert second["display_name"] == "Grace"
    assert all((r.method, r.url.path) == ("POST", "/v1/contacts") for r in server.requests)


def test_patch_sends_if_match():
    client, server, _ = rapport(lambda r: httpx.Response(200, json=contact(version=4)))
    assert client.contacts.patch("c1", {"tags": []}, if_match='"3"').version == 4
    request = server.requests[0]
    assert (request.method, request.headers["If-Match"], json.loads(request.content)) == ("PATCH", '"3"', {"tags": []})


def test_delete_answers_none():
    client, server, _ = rapport(lambda r: httpx.Response(204))
    assert client.goals.delete("g1") is None
    assert (server.requests[0].method, server.requests[0].url.path) == ("DELETE", "/v1/goals/g1")


def test_a_listing_is_every_page_as_models():
    pages = {None: {"items": [contact("c1"), contact("c2")], "next_cursor": "n"},
             "n": {"items": [contact("c3")], "next_cursor": None}}
    client, server, _ = rapport(lambda r: httpx.Response(200, json=pages[r.url.params.get("cursor")]))
    found = list(client.contacts.list(tag="maths", tier="mentor", page_size=2))
    assert [c.id for c in found] == ["c1", "c2", "c3"] and all(isinstance(c, ContactOut) for c in found)
    assert [dict(r.url.params) for r in server.requests] == [
        {"tag": "maths", "tier": "mentor", "limit": "2"},
        {"tag": "maths", "tier": "mentor", "limit": "2", "cursor": "n"}]


def test_nudge_filters_and_actions():
    nudge = {"id": "n1", "kind": "follow_up", "status": "done"}
    client, server, _ = rapport(lambda r: httpx.Response(200, json={"items": [nudge], "next_cursor": None}
                                                           if r.method == "GET" else nudge))
    assert [n.id for n in client.nudges.list(status=["pending", "snoozed"], kind="follow_up")] == ["n1"]
    assert server.requests[0].url.params.get_list("status") == ["pending", "snoozed"]
    done = client.nudges.done("n1", {"note": "called her"})
    assert isinstance(done, NudgeOut)
    assert (server.requests[1].url.path, json.loads(server.requests[1].content)) == (
        "/v1/nudges/n1/done", {"note": "called her"})


def test_a_problem_answer_raises_its_class():
    client, _, _ = rapport(lambda r: httpx.Response(
        404, json={"type": "/problems/not-found", "title": "Not Found", "status": 404},
        headers={"Content-Type": "application/problem+json"}))
    with pytest.raises(errors.NotFound) as caught:
        client.goals.get("nope")
    assert caught.value.slug == "not-found"


def test_goals_change_direction_and_coverage_paths():
    goal = {"id": "g2", "title": "New", "status": "active", "version": 1}
    client, server, _ = rapport(lambda r: httpx.Response(200, json=goal))
    assert isinstance(client.goals.get("g2"), GoalOut)
    client.plan.suggestions.accept("s1")
    client.reviews.weekly("2026-W09")
    assert [(r.method, r.url.path, dict(r.url.params)) for r in server.requests] == [
        ("GET", "/v1/goals/g2", {}), ("POST", "/v1/plan/suggestions/s1/accept", {}),
        ("GET", "/v1/reviews/weekly", {"week": "2026-W09"})]


def test_imports_create_sends_the_file_with_its_content_type():
    client, server, _ = rapport(lambda r: httpx.Response(202, json=job("queued")))
    queued = client.imports.create("First Name,Last Name\nAda,Lovelace\n", "text/csv", filename="Connections.csv")
    request = server.requests[0]
    assert (request.method, request.url.path, dict(request.url.params)) == (
        "POST", "/v1/imports", {"filename": "Connections.csv"})
    assert request.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert request.content == b"First Name,Last Name\nAda,Lovelace\n"
    assert isinstance(queued, ImportJobOut) and str(queued.status) == "queued"
    client.imports.create(b"BEGIN:VCARD\r\nEND:VCARD\r\n", "text/vcard")
    assert server.requests[1].headers["Content-Type"] == "text/vcard; charset=utf-8"
    assert "filename" not in server.requests[1].url.params


def test_imports_create_refuses_other_types():
    client, server, _ = rapport(lambda r: httpx.Response(202, json=job("queued")))
    with pytest.raises(ValueError):
        client.imports.create("{}", "application/json")
    assert server.requests == []


def test_imports_create_is_not_resent_after_a_connection_error():
    def answer(request):
        raise httpx.ConnectError("refused")
    client, server, _ = rapport(answer)
    with pytest.raises(errors.NetworkError):
        client.imports.create("a,b\n")
    assert len(server.requests) == 1


def test_imports_wait_polls_until_done():
    states = iter([job("queued"), job("running", 1), job("done", 2)])
    client, server, waits = rapport(lambda r: httpx.Response(200, json=next(states)))
    seen = []
    finished = client.imports.wait("j1", lambda j: seen.append((str(j.status), j.counts.done)), interval=0.5)
    assert str(finished.status) == "done"
    assert seen == [("queued", 0), ("running", 1), ("done", 2)] and waits == [0.5, 0.5]
    assert {r.url.path for r in server.requests} == {"/v1/imports/j1"}


def test_imports_wait_gives_up_after_max_wait():
    client, _, waits = rapport(lambda r: httpx.Response(200, json=job("running")))
    with pytest.raises(TimeoutError):
        client.imports.wait("j1", interval=1.0, max_wait=3.0)
    assert waits == [1.0, 1.0, 1.0]


def test_exports_answer_text():
    client, server, _ = rapport(lambda r: httpx.Response(200, text="display_name\nAda\n",
                                                         headers={"Content-Type": "text/csv"}))
    assert client.exports.csv(tag="maths") == "display_name\nAda\n"
    assert (server.requests[0].url.path, dict(server.requests[0].url.params)) == (
        "/v1/exports/contacts.csv", {"tag": "maths"})
    client.exports.vcard()
    assert server.requests[1].url.path == "/v1/exports/contacts.vcf"


def test_sync_push_and_pull_are_raw_per_scope():
    client, server, _ = rapport(lambda r: httpx.Response(200, json={"ok": r.url.path}))
    assert client.sync.push("goals", {"device_id": "d1", "changes": []}) == {"ok": "/v1/sync/goals/push"}
    assert client.sync.pull("nudges", cursor="c", device_id="d1") == {"ok": "/v1/sync/nudges/pull"}
    push, pull = server.requests
    assert push.headers["X-Rapport-Schema-Version"] == "1"
    assert json.loads(push.content) == {"device_id": "d1", "changes": []}
    assert dict(pull.url.params) == {"cursor": "c", "device_id": "d1", "limit": "100"}
    with pytest.raises(ValueError):
        client.sync.pull("accounts")


def test_members_devices_and_sso():
    member = {"id": "m1", "email": "a@example.com", "roles": ["admin"], "status": "active"}
    client, server, _ = rapport(lambda r: httpx.Response(
        200, json={"items": [{"id": "d1"}]} if r.url.path == "/v1/devices" else member))
    assert client.members.me().id == "m1"
    client.members.patch("m1", {"roles": ["member"]})
    assert [d.id for d in client.devices.list()] == ["d1"]
    client.org.sso.get()
    assert [(r.method, r.url.path) for r in server.requests] == [
        ("GET", "/v1/members/me"), ("PATCH", "/v1/members/m1"), ("GET", "/v1/devices"), ("GET", "/v1/org/sso")]


def test_rapport_makes_its_own_http():
    client = Rapport("http://api.test/", token=lambda force: "t", timeout=9.0)
    assert client.http.httpx_client.timeout == httpx.Timeout(9.0, connect=5.0)
    assert client.http.base_url == "http://api.test"
    client.close()
