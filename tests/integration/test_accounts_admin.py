"""Admin routes of accounts over HTTP, in process, on the real database and Kafka: invitations,
role changes and their event, the last admin, 403/404/422 answers, and the audit log (newest
first, paginated, one organisation's own, complete after a crash). The mail itself, through a
real SMTP server: tests/integration/test_accounts_invitations.py."""
import threading

from services.accounts.adapters.audit import PENDING, PENDING_ORG, MongoAuditLog
from services.accounts.adapters.documents import Member, Org
from services.accounts.adapters.mail import OutboxMailer
from services.accounts.adapters.store import MongoAccountStore
from services.accounts.app import create_app
from services.accounts.service_layer.accounts import Accounts
from services.accounts.service_layer.admin import Admin, Audit
from shared import kafka
from shared.db import Scope
from shared.errors import Conflict
from shared.relay import OutboxRelay

from .conftest import envelopes, read_topic

service = Accounts(MongoAccountStore())  # the accounts use cases on the connected database
PROBLEM = "application/problem+json"


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _app(settings_for):
    mailer = OutboxMailer()
    app = create_app(settings_for("accounts"), mailer=mailer)
    app.testing = True
    return app.test_client(), mailer


def _org_with_admin(issue_token, name="Acme Corp", email="boss@acme.test"):
    org = service.create_org(name)
    boss = service.create_member(org["_id"], email, "Grace Boss", ["member", "admin"])
    return org, boss, _auth(issue_token(org["_id"], boss["_id"], ("member", "admin")))


def test_an_invitation_creates_the_member_and_mails_a_sign_in_link(settings_for, issue_token):
    client, mailer = _app(settings_for)
    org, boss, admin_h = _org_with_admin(issue_token)
    r = client.post("/v1/members/invitations", headers=admin_h,
                    json={"email": "Ada@Acme.test", "display_name": "Ada Lovelace", "roles": ["member"],
                          "timezone": "Europe/London"})
    assert r.status_code == 201, r.json
    ada = r.json
    assert ada["invitation"] == {"sent": True, "link": "http://localhost/signin?login_hint=ada%40acme.test"}
    assert (ada["email"], ada["invited_by"], ada["org_id"], ada["status"]) == \
        ("ada@acme.test", boss["_id"], org["_id"], "active")
    assert "audit_pending" not in ada and "outbox" not in ada
    [mail] = mailer.sent
    assert mail["to"] == "ada@acme.test" and "Grace Boss" in mail["subject"] and "Acme Corp" in mail["subject"]
    assert ada["invitation"]["link"] in mail["text"] and ada["invitation"]["link"] in mail["html"]
    behind = client.post("/v1/members/invitations", headers={**admin_h, "X-Forwarded-Proto": "https",
                                                             "X-Forwarded-Host": "rapport.example.org"},
                         json={"email": "bob@acme.test", "display_name": "Bob"})
    assert behind.json["invitation"]["link"] == "https://rapport.example.org/signin?login_hint=bob%40acme.test"

    again = client.post("/v1/members/invitations", headers=admin_h, json={"email": "ada@acme.test",
                                                                          "display_name": "Ada"})
    assert again.status_code == 409 and again.json["type"] == "/problems/member-exists" and len(mailer.sent) == 2
    bad = client.post("/v1/members/invitations", headers=admin_h,
                      json={"email": "x", "display_name": "", "roles": ["root"], "timezone": 5, "extra": 1})
    assert bad.status_code == 422 and bad.mimetype == PROBLEM
    assert set(bad.json["errors"]) == {"email", "display_name", "roles", "timezone", "extra"}
    zone = client.post("/v1/members/invitations", headers=admin_h,
                       json={"email": "z@acme.test", "display_name": "Z", "timezone": "Nowhere/Land"})
    assert zone.status_code == 422 and "timezone" in zone.json["errors"]
    resent = client.post(f"/v1/members/{ada['id']}/invitation", headers=admin_h)
    assert resent.status_code == 200 and resent.json["invitation"]["sent"] and len(mailer.sent) == 3


def test_roles_change_with_their_event_and_the_last_admin_is_kept(settings_for, issue_token, kafka_topics):
    client, _ = _app(settings_for)
    org, boss, admin_h = _org_with_admin(issue_token)
    ada = client.post("/v1/members", headers=admin_h, json={"email": "ada@acme.test", "display_name": "Ada"}).json

    self_demotion = client.patch(f"/v1/members/{boss['_id']}", headers=admin_h, json={"roles": ["member"]})
    assert self_demotion.status_code == 409 and self_demotion.json["type"] == "/problems/last-admin"
    offboard_self = client.post(f"/v1/members/{boss['_id']}/offboard", headers=admin_h)
    assert offboard_self.status_code == 409 and offboard_self.json["type"] == "/problems/last-admin"

    promoted = client.patch(f"/v1/members/{ada['id']}", headers=admin_h, json={"roles": ["admin", "member"]})
    assert promoted.status_code == 200 and promoted.json["roles"] == ["member", "admin"]
    demoted = client.patch(f"/v1/members/{boss['_id']}", headers=admin_h, json={"roles": ["member"]})
    assert demoted.status_code == 200 and demoted.json["roles"] == ["member"]
    # boss's token still says admin; accounts refuses the demoted admin at once
    refused = client.patch(f"/v1/members/{ada['id']}", headers=admin_h, json={"roles": ["member"]})
    assert refused.status_code == 403 and refused.json["type"] == "/problems/forbidden"

    for body in ({"roles": ["root"]}, {}, {"roles": []}, {"roles": ["member"], "email": "x@y.test"},
                 {"roles": "admin"}):
        bad = client.patch(f"/v1/members/{ada['id']}", headers=admin_h, json=body)
        assert bad.status_code == 422 and bad.mimetype == PROBLEM, body

    settings = settings_for("accounts")
    relay = OutboxRelay([Org._get_collection(), Member._get_collection()], settings.topic("rapport.accounts.v1"),
                        kafka.producer(settings, "relay"))
    assert relay.run_once() == 5  # org, two joined, two role changes
    relay.producer.close()
    events = envelopes(read_topic(settings.kafka_bootstrap, settings.topic("rapport.accounts.v1"), expect=5))
    changes = [(e["member_id"], e["data"]["roles"]) for e in events if e["type"] == "account.member_roles_changed"]
    assert sorted(changes) == sorted([(ada["id"], ["member", "admin"]), (boss["_id"], ["member"])])


def test_admin_routes_refuse_members_and_other_organisations(settings_for, issue_token):
    client, mailer = _app(settings_for)
    org, boss, admin_h = _org_with_admin(issue_token)
    ada = service.create_member(org["_id"], "ada@acme.test", "Ada")
    member_h = _auth(issue_token(org["_id"], ada["_id"]))
    routes = [("get", "/v1/members", None), ("post", "/v1/members", {"email": "n@acme.test", "display_name": "N"}),
              ("post", "/v1/members/invitations", {"email": "n@acme.test", "display_name": "N"}),
              ("patch", f"/v1/members/{boss['_id']}", {"roles": ["member"]}),
              ("post", f"/v1/members/{ada['_id']}/invitation", None),
              ("post", f"/v1/members/{boss['_id']}/offboard", None), ("post", f"/v1/members/{boss['_id']}/erase", None),
              ("get", "/v1/audit", None)]
    for method, path, body in routes:
        r = getattr(client, method)(path, headers=member_h, json=body)
        assert r.status_code == 403 and r.json["type"] == "/problems/forbidden", (method, path)

    other, _, other_h = _org_with_admin(issue_token, "Other Corp", "boss@other.test")
    for method, path, body in routes[3:7]:
        r = getattr(client, method)(path.replace(boss["_id"], ada["_id"]), headers=other_h, json=body)
        assert r.status_code == 404 and r.json["type"] == "/problems/not-found", (method, path)
    assert service.get_member(Scope(org["_id"], ada["_id"]))["roles"] == ["member"] and mailer.sent == []
    assert [m["email"] for m in client.get("/v1/members", headers=other_h).json["items"]] == ["boss@other.test"]


def test_the_audit_lists_every_action_newest_first_by_page_and_per_organisation(settings_for, issue_token):
    client, _ = _app(settings_for)
    org, boss, admin_h = _org_with_admin(issue_token)
    ada = client.post("/v1/members/invitations", headers=admin_h,
                      json={"email": "ada@acme.test", "display_name": "Ada"}).json
    client.post(f"/v1/members/{ada['id']}/invitation", headers=admin_h)
    client.patch(f"/v1/members/{ada['id']}", headers=admin_h, json={"roles": ["member", "admin"]})
    client.post(f"/v1/members/{ada['id']}/offboard", headers=admin_h)
    client.post(f"/v1/members/{ada['id']}/erase", headers=admin_h)
    other, _, other_h = _org_with_admin(issue_token, "Other Corp", "boss@other.test")
    client.post("/v1/members", headers=other_h, json={"email": "x@other.test", "display_name": "X"})

    seen, cursor = [], None
    while True:
        args = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/audit", headers=admin_h, query_string=args)
        assert page.status_code == 200, page.json
        seen += page.json["items"]
        cursor = page.json["next_cursor"]
        if cursor is None:
            break
    assert [e["action"] for e in seen] == ["member.erased", "member.offboarded", "member.roles_changed",
                                          "member.invitation_resent", "member.invited"]
    assert all(e["target"] == ada["id"] and e["actor"] == {"member_id": boss["_id"], "email": "boss@acme.test"}
               for e in seen)
    assert [e["at"] for e in seen] == sorted((e["at"] for e in seen), reverse=True) and seen[0]["at"].endswith("Z")
    assert seen[2]["details"] == {"from": ["member"], "to": ["member", "admin"]}
    assert seen[4]["details"] == {"roles": ["member"]} and seen[1]["details"] == {}
    theirs = client.get("/v1/audit", headers=other_h).json["items"]
    assert [e["action"] for e in theirs] == ["member.created"] and theirs[0]["target"] != ada["id"]

    bad_cursor = client.get("/v1/audit", headers=admin_h, query_string={"cursor": "nope"})
    assert bad_cursor.status_code == 400 and bad_cursor.json["type"] == "/problems/invalid-cursor"
    for args in ({"limit": 0}, {"limit": "many"}, {"since": "x"}):
        bad = client.get("/v1/audit", headers=admin_h, query_string=args)
        assert bad.status_code == 422 and bad.mimetype == PROBLEM, args


def test_an_action_whose_process_died_before_settling_is_in_the_log(settings_for, issue_token):
    """The change and its entry are one write; the copy into `audit` is what a crash skips."""
    client, _ = _app(settings_for)
    org, boss, admin_h = _org_with_admin(issue_token)
    ada = service.create_member(org["_id"], "ada@acme.test", "Ada")
    store = MongoAccountStore()
    dying = Admin(service, Audit(MongoAuditLog(), service), OutboxMailer())
    entry = dying.audit.entry(org["_id"], boss["_id"], "member.roles_changed", ada["_id"], {"to": ["admin"]})
    assert store.update_member(Scope(org["_id"], ada["_id"]), ada["version"], [], {"roles": ["admin"]}, audit=entry)
    raw = Member._get_collection().find_one({"_id": ada["_id"]})
    assert [e["_id"] for e in raw[PENDING]] == [entry["_id"]] and raw[PENDING_ORG] == org["_id"]

    [listed] = client.get("/v1/audit", headers=admin_h).json["items"]
    assert (listed["id"], listed["action"], listed["target"]) == (entry["_id"], "member.roles_changed", ada["_id"])
    raw = Member._get_collection().find_one({"_id": ada["_id"]})
    assert raw[PENDING] == [] and PENDING_ORG not in raw
    assert MongoAuditLog().settle("members", ada["_id"], org["_id"]) == 0
    assert len(client.get("/v1/audit", headers=admin_h).json["items"]) == 1


def test_two_admins_demoting_each_other_at_once_leave_one_admin(settings_for, issue_token):
    _app(settings_for)  # connects the database
    admin = Admin(service, Audit(MongoAuditLog(), service), OutboxMailer())
    for i in range(3):
        org = service.create_org(f"Race Corp {i}")
        a = service.create_member(org["_id"], "a@race.test", "A", ["member", "admin"])
        b = service.create_member(org["_id"], "b@race.test", "B", ["member", "admin"])
        results = _at_once((_demote, admin, org, a, b), (_demote, admin, org, b, a))
        assert sum(r in ("last-admin", "forbidden") for r in results) == 1, results
        assert len(MongoAccountStore().active_admins(org["_id"], 5)) == 1


def _demote(admin, org, actor, target):
    try:
        return admin.change_roles(org["_id"], actor["_id"], target["_id"], ["member"])["_id"]
    except Conflict as exc:
        return exc.slug


def _at_once(*calls):
    """What each call (`(function, *args)`) returned, all started together on threads of their own."""
    results: list = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i):
        start.wait()
        results[i] = calls[i][0](*calls[i][1:])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    return results
