"""A member who left or was erased is shut out of every service as soon as that service has
consumed the accounts event (accounts: as soon as its own write is done), and nothing a
request that raced past the check wrote after the erasure survives the followers' sweeps.
A device session that ended (`account.device_revoked`) is shut out the same way: the tokens
of that `sid`, and only those, are refused, until they would have expired anyway.

Real Kafka, the real database; each service's followers (or the nudge workers) run in a
thread on this test's topics, the service's app is a Flask test client on the same database."""
from __future__ import annotations

import importlib

import pytest

from services.accounts.adapters.store import MongoAccountStore
from services.accounts.service_layer.accounts import Accounts
from services.contacts import followers as contact_followers
from services.contacts.adapters.documents import ALL_DOCUMENTS as CONTACT_DOCUMENTS
from services.contacts.adapters.documents import Interaction
from services.contacts.service_layer import records as contacts
from services.goals.adapters.documents import ALL_DOCUMENTS as GOAL_DOCUMENTS
from services.goals.adapters.store import MongoGoalStore
from services.goals.adapters.suggestions import MongoSuggestionStore
from services.goals.service_layer.goals import Goals
from services.goals.service_layer.planning import Planning
from services.nudges import worker
from services.nudges.adapters.documents import IcsFeed
from shared import clock, follower, kafka, revocation
from shared.db import Scope
from shared.events import new_event

from ..waiting import running, wait_for

ORG = "org-r"
ADA, BOB, CAROL = Scope(ORG, "ada"), Scope(ORG, "bob"), Scope(ORG, "carol")  # erased, unaffected, left
SWEEPS = (3.0, 8.0)  # seconds after the erasure was recorded (production: 10, 60, 600)
goals = Goals(MongoGoalStore())  # the goals use cases on the connected database
planning = Planning(MongoGoalStore(), MongoSuggestionStore())
accounts = Accounts(MongoAccountStore())


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _device_revoked(member: str, device: str, reason: str = "signed_out"):
    return new_event("account.device_revoked", org_id=ORG, member_id=member, source="test",
                     data={"member_id": member, "device_id": device, "reason": reason,
                           "revoked_at": clock.rfc3339(clock.now())})


def _event(kind: str, member: str):
    field = {"account.member_erased": "erased_at", "account.member_left": "left_at"}[kind]
    return new_event(kind, org_id=ORG, member_id=member, source="test",
                     data={"member_id": member, field: "2026-05-01T09:00:00Z"})


def _publish(settings, *events):
    producer = kafka.producer(settings, "test")
    for event in events:
        producer.send(settings.topic("rapport.accounts.v1"), key=event.member_id.encode(),
                      value=event.to_bytes()).get(30)
    producer.close()


def _count(documents, scope: Scope) -> int:
    return sum(d._get_collection().count_documents({"org_id": scope.org_id, "member_id": scope.member_id})
               for d in documents)


def _refused(response) -> bool:
    if response.status_code != 401:
        return False
    assert response.mimetype == "application/problem+json"
    assert response.json["type"] == "/problems/access-revoked", response.json
    assert "invalid_token" in response.headers["WWW-Authenticate"]
    return True


def _app(service: str, settings):
    app = importlib.import_module(f"services.{service}.app").create_app(settings)
    app.testing = True
    return app.test_client()


def _shut_out_then_sweep(settings, client, tokens, *, read: str, write, count, runner):
    """The common story: every token works; after the events are consumed the erased (ada) and
    the departed (carol) member get 401 problem+json, bob does not; a write of ada's that raced
    in after the erase is removed by the sweeps; carol's data is kept (offboarding erases nothing;
    a read model may note that she left)."""
    headers = {name: _auth(token) for name, token in tokens.items()}
    for name in ("ada", "bob", "carol"):
        assert client.get(read, headers=headers[name]).status_code == 200, name
    assert count(ADA) > 0 and count(CAROL) > 0
    bob_before, carol_before = count(BOB), count(CAROL)

    erased = _event("account.member_erased", "ada")
    _publish(settings, erased, _event("account.member_left", "carol"), erased)  # delivered twice: one effect
    with running(runner):
        wait_for(lambda: _refused(client.get(read, headers=headers["ada"])), 60, "ada's token refused")
        # refused from the moment the revocation is written, which is before the erase finishes
        wait_for(lambda: count(ADA) == 0, 30, "the follower's erase")
        assert client.get(read, headers=headers["bob"]).status_code == 200
        assert count(BOB) == bob_before and count(CAROL) >= carol_before

        # a request of ada's that passed the check before the revocation was recorded writes now:
        # after the first sweep, so that only the next one (seconds later) can remove it
        key = {"_id": revocation.key(ORG, "ada")}
        wait_for(lambda: (revocation.collection().find_one(key) or {}).get("sweeps_done", 0) >= 1, 30,
                 "the first sweep")
        write(ADA)
        assert count(ADA) > 0
        pending = revocation.collection().find_one({"_id": revocation.key(ORG, "ada")})
        assert "sweep_at" in pending, "the write came after the last sweep: the machine is too slow for SWEEPS"
        wait_for(lambda: _refused(client.get(read, headers=headers["carol"])), 60, "carol's token refused")
        wait_for(lambda: count(ADA) == 0, 30, "the sweep to erase what raced in")
        doc = revocation.collection().find_one({"_id": revocation.key(ORG, "ada")})
        assert doc["reason"] == "erased"
        wait_for(lambda: "sweep_at" not in revocation.collection().find_one({"_id": revocation.key(ORG, "ada")}),
                 30, "the last sweep")
    assert count(BOB) == bob_before and count(CAROL) >= carol_before
    assert revocation.revoked(ORG, "carol") == "left" and revocation.revoked(ORG, "bob") is None


@pytest.fixture
def tokens(issue_token):
    return {m: issue_token(ORG, m) for m in ("ada", "bob", "carol")}


def test_goals_refuses_a_departed_or_erased_member_and_sweeps_what_raced_in(kafka_topics, settings_for, tokens):
    settings = settings_for("goals", revocation_sweep_seconds=SWEEPS)
    runner = follower.build(settings)
    client = _app("goals", settings)
    for scope in (ADA, BOB, CAROL):
        goals.create_goal(scope, {"title": "CTO", "horizon": "ultimate", "milestones": []})
    assert client.post("/v1/goals", headers=_auth(tokens["ada"]),
                       json={"title": "Lead a team", "horizon": "interim", "milestones": []}).status_code == 201
    _shut_out_then_sweep(settings, client, tokens, read="/v1/goals", runner=runner,
                         write=lambda s: planning.put_plan(s, {"style": "introvert"}),
                         count=lambda s: _count(GOAL_DOCUMENTS, s))
    # and a write through the API after the revocation is refused before it stores anything
    r = client.put("/v1/plan", headers=_auth(tokens["ada"]), json={"style": "introvert"})
    assert _refused(r) and _count(GOAL_DOCUMENTS, ADA) == 0


def test_contacts_refuses_a_departed_or_erased_member_and_sweeps_what_raced_in(kafka_topics, settings_for, tokens):
    settings = settings_for("contacts", revocation_sweep_seconds=SWEEPS)
    runner = follower.build(settings)
    client = _app("contacts", settings)
    for name in ("ada", "bob", "carol"):
        r = client.post("/v1/contacts", headers=_auth(tokens[name]), json={"display_name": "Grace Hopper"})
        assert r.status_code == 201, r.json
    _shut_out_then_sweep(settings, client, tokens, read="/v1/contacts", runner=runner,
                         write=lambda s: contacts.create_contact(s, {"display_name": "Raced In"}),
                         count=lambda s: _count(CONTACT_DOCUMENTS, s))
    r = client.post("/v1/contacts", headers=_auth(tokens["ada"]), json={"display_name": "After"})
    assert _refused(r) and _count(CONTACT_DOCUMENTS, ADA) == 0


def test_nudges_api_refuses_once_the_workers_recorded_it_and_they_sweep_what_raced_in(
        kafka_topics, settings_for, tokens):
    settings = settings_for("nudges", revocation_sweep_seconds=SWEEPS)
    runner = worker.build(settings, group_id=settings.topic("revocation-workers")).runner
    client = _app("nudges", settings)
    feeds = {}
    for name in ("ada", "bob", "carol"):
        r = client.post("/v1/feeds/ics", headers=_auth(tokens[name]))
        assert r.status_code == 201, r.json
        feeds[name] = r.json["path"]
        assert client.get(feeds[name]).status_code == 200
    parts = client.application.extensions["rapport_nudges"]
    _shut_out_then_sweep(settings, client, tokens, read="/v1/nudges", runner=runner,
                         write=lambda s: parts.feeds.rotate(s),
                         count=lambda s: IcsFeed._get_collection().count_documents(
                             {"org_id": s.org_id, "member_id": s.member_id}))
    # the calendar feed is a request of the member's too: the departed member's URL stops working
    assert client.get(feeds["carol"]).status_code == 404
    assert client.get(feeds["ada"]).status_code == 404
    assert client.get(feeds["bob"]).status_code == 200


def test_accounts_refuses_at_once_from_its_own_member_documents(make_app, issue_token):
    client = make_app("accounts")
    org = accounts.create_org("Revoke Corp")
    admin = accounts.create_member(org["_id"], "boss@revoke.test", "Boss", ["member", "admin"])
    ada = accounts.create_member(org["_id"], "ada@revoke.test", "Ada")
    bob = accounts.create_member(org["_id"], "bob@revoke.test", "Bob")
    carol = accounts.create_member(org["_id"], "carol@revoke.test", "Carol")
    h = {m["_id"]: _auth(issue_token(org["_id"], m["_id"], tuple(m["roles"]))) for m in (admin, ada, bob, carol)}
    for m in (admin, ada, bob, carol):
        assert client.get("/v1/members/me", headers=h[m["_id"]]).status_code == 200

    assert client.post(f"/v1/members/{carol['_id']}/offboard", headers=h[admin["_id"]]).status_code == 200
    assert _refused(client.get("/v1/members/me", headers=h[carol["_id"]]))  # at once: no event needed
    assert client.post(f"/v1/members/{ada['_id']}/erase", headers=h[admin["_id"]]).status_code == 200
    assert _refused(client.get("/v1/members/me", headers=h[ada["_id"]]))
    assert client.get("/v1/members/me", headers=h[bob["_id"]]).status_code == 200
    assert client.get("/v1/members", headers=h[admin["_id"]]).status_code == 200
    # an admin who is offboarded loses the admin routes too (another admin stays: the last one may not go)
    accounts.create_member(org["_id"], "deputy@revoke.test", "Deputy", ["member", "admin"])
    assert client.post(f"/v1/members/{admin['_id']}/offboard", headers=h[admin["_id"]]).status_code == 200
    assert _refused(client.post("/v1/members", headers=h[admin["_id"]],
                                json={"email": "new@revoke.test", "display_name": "New"}))


def test_contacts_records_no_completed_nudge_of_an_erased_member(settings_for):
    """`nudge.completed` travels on another topic than the erasure: one that arrives after it
    must not bring the member's interaction back (the handler, on the real database)."""
    settings = settings_for("contacts", revocation_sweep_seconds=SWEEPS)
    follower.build(settings)  # connects the contacts database, declares indexes
    raced = contacts.create_contact(ADA, {"display_name": "Grace"})
    kept = contacts.create_contact(BOB, {"display_name": "Grace"})
    contact_followers.handle(_event("account.member_erased", "ada"))
    assert _count(CONTACT_DOCUMENTS, ADA) == 0
    raced = contacts.create_contact(ADA, {"display_name": "Grace"})  # a write that raced in

    def completed(scope, contact_id, interaction_id):
        return new_event("nudge.completed", org_id=ORG, member_id=scope.member_id, source="test", data={
            "nudge_id": "n-1", "kind": "follow_up", "completed_at": "2026-05-02T10:00:00Z",
            "interaction": {"interaction_id": interaction_id, "contact_id": contact_id, "kind": "message",
                            "occurred_at": "2026-05-02T10:00:00Z"}})

    contact_followers.handle(completed(ADA, raced["_id"], "i-ada"))
    contact_followers.handle(completed(BOB, kept["_id"], "i-bob"))
    assert Interaction._get_collection().count_documents({"member_id": "ada"}) == 0
    assert Interaction._get_collection().count_documents({"member_id": "bob"}) == 1
    revocation.collection().update_one({"_id": revocation.key(ORG, "ada")}, {"$set": {"sweep_at": clock.now()}})
    assert revocation.sweep(contact_followers.erase, force=True) == 1
    assert _count(CONTACT_DOCUMENTS, ADA) == 0 and _count(CONTACT_DOCUMENTS, BOB) > 0
    contact_followers.handle(_event("account.member_left", "ada"))  # a late redelivery
    assert revocation.revoked(ORG, "ada") == "erased"  # never turned back into `left`


@pytest.mark.parametrize("service", ["goals", "nudges"])  # a follower; the nudge workers
def test_a_device_session_that_ended_is_refused_once_the_event_is_consumed(kafka_topics, settings_for, issue_token,
                                                                              service):
    settings = settings_for(service)
    if service == "goals":
        runner, read = follower.build(settings), "/v1/goals"
    else:
        runner, read = worker.build(settings, group_id=settings.topic("device-workers")).runner, "/v1/nudges"
    client = _app(service, settings)
    phone, laptop = _auth(issue_token(ORG, "ada", device_id="d-phone")), _auth(issue_token(ORG, "ada", device_id="d-lap"))
    operator, bob = _auth(issue_token(ORG, "ada")), _auth(issue_token(ORG, "bob", device_id="d-phone"))
    for headers in (phone, laptop, operator, bob):
        assert client.get(read, headers=headers).status_code == 200

    _publish(settings, _device_revoked("ada", "d-phone"), _device_revoked("ada", "d-phone"))  # twice: one effect
    with running(runner):
        wait_for(lambda: _refused(client.get(read, headers=phone)), 60, "the phone's token refused")
    r = client.get(read, headers=phone)
    assert "signed out" in r.json["detail"]
    for headers in (laptop, operator, bob):  # the member's other sessions, and another member's same device id
        assert client.get(read, headers=headers).status_code == 200

    entry = revocation.collection().find_one({"_id": revocation.device_key(ORG, "ada", "d-phone")})
    assert entry["reason"] == "signed_out" and revocation.collection().count_documents({"device_id": "d-phone"}) == 1
    kept = (entry["expires_at"] - entry["revoked_at"]).total_seconds()
    assert kept == settings.jwt_max_ttl_seconds + 30  # every token of the session has expired by then
    # once past that, the sweep forgets it
    revocation.collection().update_one({"_id": entry["_id"]}, {"$set": {"expires_at": clock.now()}})
    revocation.sweep(lambda scope: 0, force=True)
    assert revocation.collection().find_one({"_id": entry["_id"]}) is None
