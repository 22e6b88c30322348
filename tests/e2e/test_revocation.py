"""Through the gateway with the whole process suite: an admin erases one member and offboards
another; within seconds every service refuses their still-unexpired tokens with
401 problem+json, what they try to post afterwards is refused and nothing of the erased
member remains in any service's database; a colleague in the same organisation is unaffected."""
from __future__ import annotations

import uuid

from pymongo import MongoClient

from ..waiting import wait_for
from .conftest import Client, cli

READS = ["/v1/members/me", "/v1/goals", "/v1/plan", "/v1/contacts", "/v1/nudges"]
SERVICES = ("accounts", "goals", "contacts", "nudges")


def _colleague(suite, org_slug: str, *roles: str) -> Client:
    email = f"{uuid.uuid4().hex[:8]}@example.org"
    cli(suite, "create-member", org_slug, email, "Colleague", *[a for r in roles for a in ("--role", r)])
    return Client(suite.base_url, cli(suite, "issue-token", org_slug, email).strip())


def _revoked(response) -> bool:
    return (response.status_code == 401 and response.headers["Content-Type"] == "application/problem+json"
            and response.json()["type"] == "/problems/access-revoked")


def _held(suite, member_id: str) -> dict[str, int]:
    """What each service's database still holds of this member, besides what keeps them out:
    the revocation, accounts' erased member document and the workers' clock marked erased."""
    client = MongoClient(suite.env["MONGO_URI"], serverSelectionTimeoutMS=5000)
    try:
        out = {}
        for service in SERVICES:
            db = client[f"{suite.env['RAPPORT_DB_PREFIX']}rapport_{service}"]
            out[service] = sum(db[name].count_documents({"member_id": member_id})
                               for name in db.list_collection_names()
                               if name not in ("access_revocations", "members", "nudge_members"))
        return out
    finally:
        client.close()


def test_an_erased_or_offboarded_member_is_shut_out_everywhere_within_seconds(suite, member):
    ada = member()
    admin = _colleague(suite, ada.org_slug, "member", "admin")
    bob = _colleague(suite, ada.org_slug)
    carol = _colleague(suite, ada.org_slug)
    ids = {name: c.get("/v1/members/me").json()["id"] for name, c in (("ada", ada), ("carol", carol))}

    assert ada.post("/v1/contacts", json={"display_name": "Grace Hopper", "tier": "mentor"}).status_code == 201
    assert ada.post("/v1/goals", json={"title": "CTO", "horizon": "ultimate", "milestones": []}).status_code == 201
    assert ada.post("/v1/feeds/ics").status_code == 201
    assert carol.post("/v1/contacts", json={"display_name": "Alan Turing"}).status_code == 201
    wait_for(lambda: _held(suite, ids["ada"])["nudges"] > 0, 60, "the nudges service to know ada")
    for client in (ada, bob, carol):
        for path in READS:
            assert client.get(path).status_code == 200, path

    assert admin.post(f"/v1/members/{ids['ada']}/erase").status_code == 200
    assert admin.post(f"/v1/members/{ids['carol']}/offboard").status_code == 200
    for client in (ada, carol):
        assert _revoked(client.get("/v1/members/me"))  # accounts: at once
        for path in READS[1:]:
            wait_for(lambda: _revoked(client.get(path)), 30, f"{path} to refuse the token")

    # what they send now is refused, and nothing of the erased member remains anywhere
    assert _revoked(ada.post("/v1/contacts", json={"display_name": "After Erasure"}))
    assert _revoked(ada.put("/v1/plan", json={"style": "introvert"}))
    assert _revoked(ada.post("/v1/feeds/ics"))
    assert _revoked(carol.post("/v1/contacts", json={"display_name": "After Leaving"}))
    wait_for(lambda: not any(_held(suite, ids["ada"]).values()), 30, "every service to erase ada",
             show=lambda: _held(suite, ids["ada"]))
    assert _held(suite, ids["carol"])["contacts"] > 0  # offboarding revokes access, it erases nothing

    for path in READS:
        assert bob.get(path).status_code == 200, path
    assert bob.post("/v1/contacts", json={"display_name": "Still Here"}).status_code == 201
    assert admin.get("/v1/members").status_code == 200
