"""Organisations and members: admin routes, scoping, offboarding and erasure events."""
from services.accounts.adapters.documents import Member, Org
from services.accounts.adapters.store import MongoAccountStore
from services.accounts.service_layer.accounts import Accounts
from shared import kafka
from shared.relay import OutboxRelay

from .conftest import envelopes, read_topic

service = Accounts(MongoAccountStore())  # the accounts use cases on the connected database


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_members_admin_routes_and_erasure(make_app, issue_token, kafka_topics, settings_for):
    accounts = make_app("accounts")
    org = service.create_org("Acme Corp")
    admin = service.create_member(org["_id"], "boss@acme.test", "Boss", ["member", "admin"])
    admin_h = _auth(issue_token(org["_id"], admin["_id"], ("member", "admin")))

    created = accounts.post("/v1/members", headers=admin_h,
                            json={"email": "Ada@Acme.test", "display_name": "Ada", "timezone": "Europe/London"})
    assert created.status_code == 201, created.json
    ada = created.json
    assert ada["email"] == "ada@acme.test" and ada["roles"] == ["member"] and ada["org_id"] == org["_id"]
    again = accounts.post("/v1/members", headers=admin_h, json={"email": "ada@acme.test", "display_name": "Ada"})
    assert again.status_code == 409 and again.json["type"] == "/problems/member-exists"
    bad = accounts.post("/v1/members", headers=admin_h,
                        json={"email": "x", "display_name": "", "roles": ["root"], "extra": 1})
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"email", "display_name", "roles", "extra"}
    bad_zone = accounts.post("/v1/members", headers=admin_h,
                             json={"email": "z@acme.test", "display_name": "Z", "timezone": "Nowhere/Land"})
    assert bad_zone.status_code == 422 and "timezone" in bad_zone.json["errors"]

    assert len(accounts.get("/v1/members", headers=admin_h).json["items"]) == 2
    ada_h = _auth(issue_token(org["_id"], ada["id"]))
    assert accounts.get("/v1/members", headers=ada_h).status_code == 403
    assert accounts.get("/v1/members/me", headers=ada_h).json["display_name"] == "Ada"

    other_org = service.create_org("Other Corp")
    other_admin = _auth(issue_token(other_org["_id"], "someone", ("member", "admin")))
    assert accounts.post(f"/v1/members/{ada['id']}/erase", headers=other_admin).status_code == 404
    assert accounts.get("/v1/members", headers=other_admin).json["items"] == []

    left = accounts.post(f"/v1/members/{ada['id']}/offboard", headers=admin_h)
    assert left.status_code == 200 and left.json["status"] == "left"
    gone = accounts.get("/v1/members/me", headers=ada_h)  # her token is refused at once (shared.revocation)
    assert gone.status_code == 401 and gone.json["type"] == "/problems/access-revoked"
    erased = accounts.post(f"/v1/members/{ada['id']}/erase", headers=admin_h).json
    assert erased["status"] == "erased" and "ada" not in erased["email"] and erased["display_name"] == "erased member"

    settings = settings_for("accounts")
    relay = OutboxRelay([Org._get_collection(), Member._get_collection()], settings.topic("rapport.accounts.v1"),
                        kafka.producer(settings, "relay"))
    assert relay.run_once() == 6
    relay.producer.close()
    events = envelopes(read_topic(settings.kafka_bootstrap, settings.topic("rapport.accounts.v1"), expect=6))
    ada_events = [e["type"] for e in events if e["member_id"] == ada["id"]]
    assert ada_events == ["account.member_joined", "account.member_left", "account.member_erased"]
    assert sorted(e["type"] for e in events if e["member_id"] is None) == ["account.org_created"] * 2
