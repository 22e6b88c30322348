"""What organisation admins do, on the in-memory stores: invitations, roles, the last admin,
offboarding and erasure, and the audit log of each (no server, real rules)."""
from datetime import datetime, timedelta, timezone

import pytest

from services.accounts.adapters.audit import PENDING, PENDING_ORG, InMemoryAuditLog
from services.accounts.adapters.mail import OutboxMailer
from services.accounts.adapters.store import InMemoryAccountStore
from services.accounts.domain.admin import (invitation_mail, normal_roles, removes_last_admin, signin_link)
from services.accounts.service_layer.accounts import Accounts
from services.accounts.service_layer.admin import Admin, Audit
from shared.errors import Busy, Conflict, Invalid, NotFound

START = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)
SIGNIN = "https://rapport.example.org/signin"


class Ticking:
    """A clock one second further on at each reading (and microseconds the store does not keep)."""

    def __init__(self):
        self.now = START + timedelta(microseconds=123456)

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now


class DownMailer(OutboxMailer):
    """A mail server that is away until `up` is set."""

    up = False

    def send(self, to, subject, text, html=None):
        if not self.up:
            raise ConnectionRefusedError(111, "Connection refused")
        super().send(to, subject, text, html)


@pytest.fixture
def store():
    return InMemoryAccountStore()


@pytest.fixture
def log(store):
    return InMemoryAuditLog({"members": store.members})


@pytest.fixture
def mailer():
    return OutboxMailer()


@pytest.fixture
def accounts(store):
    return Accounts(store, clock=Ticking())


@pytest.fixture
def admin(accounts, log, mailer):
    clock = accounts.clock
    return Admin(accounts, Audit(log, accounts, clock), mailer, clock)


@pytest.fixture
def org(accounts):
    return accounts.create_org("Acme Corp")


@pytest.fixture
def boss(accounts, org):
    return accounts.create_member(org["_id"], "boss@acme.test", "Grace Boss", ["member", "admin"])


def actions(admin, org_id):
    return [(e["action"], e["target"]) for e in admin.audit_page(org_id, 50, None)[0]]


def test_an_invitation_creates_the_member_and_emails_a_sign_in_link(admin, org, boss, store, mailer):
    invited = admin.invite(org["_id"], boss["_id"], "Ada@Acme.test", "Ada Lovelace", ["member"], "Europe/London",
                           SIGNIN)
    ada = invited.member
    assert invited.sent and invited.link == f"{SIGNIN}?login_hint=ada%40acme.test"
    assert (ada["email"], ada["invited_by"], ada["status"]) == ("ada@acme.test", boss["_id"], "active")
    assert ada["invited_at"].tzinfo is not None
    assert [e.type for e in store.events][-1] == "account.member_joined"
    [mail] = mailer.sent
    assert mail["to"] == "ada@acme.test" and mail["subject"] == "Grace Boss invited you to Acme Corp on Rapport"
    assert invited.link in mail["text"] and "Acme Corp" in mail["text"] and "Grace Boss" in mail["text"]
    assert f'href="{invited.link}"' in mail["html"]
    [entry] = admin.audit_page(org["_id"], 10, None)[0]
    assert (entry["action"], entry["target"], entry["details"]) == ("member.invited", ada["_id"], {"roles": ["member"]})
    assert entry["actor"] == {"member_id": boss["_id"], "email": "boss@acme.test"}
    assert entry["at"].microsecond % 1000 == 0  # the store's precision, so cursors compare equal
    assert not store.members[ada["_id"]][PENDING] and PENDING_ORG not in store.members[ada["_id"]]


def test_inviting_a_member_twice_is_member_exists_and_records_nothing(admin, org, boss, mailer):
    ada = admin.invite(org["_id"], boss["_id"], "ada@acme.test", "Ada", ["member"], "UTC", SIGNIN).member
    with pytest.raises(Conflict) as again:
        admin.invite(org["_id"], boss["_id"], "ADA@acme.test", "Ada", ["member"], "UTC", SIGNIN)
    assert again.value.slug == "member-exists"
    assert len(mailer.sent) == 1 and actions(admin, org["_id"]) == [("member.invited", ada["_id"])]
    with pytest.raises(Invalid) as bad:
        admin.invite(org["_id"], boss["_id"], "nobody", "X", ["member"], "Nowhere/Land", SIGNIN)
    assert set(bad.value.errors) == {"email", "timezone"} and len(mailer.sent) == 1


def test_a_mail_server_away_leaves_the_member_and_the_invitation_can_be_sent_again(accounts, log, org, boss, store):
    down = DownMailer()
    admin = Admin(accounts, Audit(log, accounts, accounts.clock), down, accounts.clock)
    invited = admin.invite(org["_id"], boss["_id"], "ada@acme.test", "Ada", ["member"], "UTC", SIGNIN)
    assert not invited.sent and invited.link.endswith("login_hint=ada%40acme.test") and down.sent == []
    assert store.members[invited.member["_id"]]["status"] == "active"
    down.up = True
    again = admin.resend_invitation(org["_id"], boss["_id"], invited.member["_id"], SIGNIN)
    assert again.sent and [m["to"] for m in down.sent] == ["ada@acme.test"]
    assert again.member["invited_at"] > invited.member["invited_at"]
    assert actions(admin, org["_id"]) == [("member.invitation_resent", invited.member["_id"]),
                                          ("member.invited", invited.member["_id"])]


def test_an_invitation_is_sent_again_only_to_an_active_member_who_never_signed_in(admin, accounts, org, boss, store):
    ada = admin.invite(org["_id"], boss["_id"], "ada@acme.test", "Ada", ["member"], "UTC", SIGNIN).member
    store.members[ada["_id"]]["signed_in_at"] = START  # what the sign-in records
    with pytest.raises(Conflict) as signed_in:
        admin.resend_invitation(org["_id"], boss["_id"], ada["_id"], SIGNIN)
    assert signed_in.value.slug == "already-signed-in"
    bob = accounts.create_member(org["_id"], "bob@acme.test", "Bob")
    admin.offboard(org["_id"], boss["_id"], bob["_id"])
    with pytest.raises(Conflict) as left:
        admin.resend_invitation(org["_id"], boss["_id"], bob["_id"], SIGNIN)
    assert left.value.slug == "member-not-active"
    other = accounts.create_org("Other")
    for org_id, member_id in ((org["_id"], "nobody"), (other["_id"], ada["_id"])):
        with pytest.raises(NotFound):
            admin.resend_invitation(org_id, boss["_id"], member_id, SIGNIN)
    assert [a for a, _ in actions(admin, org["_id"])] == ["member.offboarded", "member.invited"]


def test_a_role_change_publishes_its_event_and_records_before_and_after(admin, accounts, org, boss, store):
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    changed = admin.change_roles(org["_id"], boss["_id"], ada["_id"], ["admin", "member", "admin"])
    assert changed["roles"] == ["member", "admin"]
    event = store.events[-1]
    assert (event.type, event.member_id, event.data) == ("account.member_roles_changed", ada["_id"],
                                                         {"member_id": ada["_id"], "roles": ["member", "admin"]})
    [entry] = admin.audit_page(org["_id"], 10, None)[0]
    assert entry["details"] == {"from": ["member"], "to": ["member", "admin"]}
    events = len(store.events)
    assert admin.change_roles(org["_id"], boss["_id"], ada["_id"], ["member", "admin"])["version"] == changed["version"]
    assert len(store.events) == events and len(actions(admin, org["_id"])) == 1  # the same roles: nothing written
    for roles in ([], ["root"]):
        with pytest.raises(Invalid):
            admin.change_roles(org["_id"], boss["_id"], ada["_id"], roles)
    with pytest.raises(NotFound):
        admin.change_roles(accounts.create_org("Other")["_id"], boss["_id"], ada["_id"], ["member"])


def test_the_last_active_admin_keeps_the_role_even_from_themselves(admin, accounts, org, boss):
    for remove in (lambda: admin.change_roles(org["_id"], boss["_id"], boss["_id"], ["member"]),
                   lambda: admin.offboard(org["_id"], boss["_id"], boss["_id"]),
                   lambda: admin.erase(org["_id"], boss["_id"], boss["_id"])):
        with pytest.raises(Conflict) as kept:
            remove()
        assert kept.value.slug == "last-admin"
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada", ["member", "admin"])
    assert admin.change_roles(org["_id"], ada["_id"], boss["_id"], ["member"])["roles"] == ["member"]
    with pytest.raises(Conflict) as last:
        admin.offboard(org["_id"], ada["_id"], ada["_id"])
    assert last.value.slug == "last-admin"
    left = accounts.create_member(org["_id"], "cy@acme.test", "Cy", ["admin"])
    admin.offboard(org["_id"], ada["_id"], left["_id"])  # another admin: may go; a departed one is none
    with pytest.raises(Conflict):
        admin.change_roles(org["_id"], ada["_id"], ada["_id"], ["member"])
    assert [a for a, _ in actions(admin, org["_id"])] == ["member.offboarded", "member.roles_changed"]


def test_a_demoted_admin_is_refused_at_once_although_their_token_says_admin(admin, accounts, org, boss):
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada", ["member", "admin"])
    admin.change_roles(org["_id"], boss["_id"], ada["_id"], ["member"])
    bob = accounts.create_member(org["_id"], "bob@acme.test", "Bob")
    for act in (lambda: admin.offboard(org["_id"], ada["_id"], bob["_id"]),
                lambda: admin.change_roles(org["_id"], ada["_id"], bob["_id"], ["admin"]),
                lambda: admin.invite(org["_id"], ada["_id"], "x@acme.test", "X", ["member"], "UTC", SIGNIN)):
        with pytest.raises(Conflict) as refused:
            act()
        assert refused.value.slug == "forbidden"
    # a token of no member this service knows (an operator's) is the authority: recorded without an email
    admin.offboard(org["_id"], "operator", bob["_id"])
    assert admin.audit_page(org["_id"], 1, None)[0][0]["actor"] == {"member_id": "operator", "email": None}


def test_offboarding_and_erasure_are_audited_once_and_an_erased_member_only_once(admin, accounts, org, boss, store):
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    assert admin.offboard(org["_id"], boss["_id"], ada["_id"])["status"] == "left"
    assert admin.erase(org["_id"], boss["_id"], ada["_id"])["status"] == "erased"
    admin.erase(org["_id"], boss["_id"], ada["_id"])  # already erased: nothing happens, nothing recorded
    assert actions(admin, org["_id"]) == [("member.erased", ada["_id"]), ("member.offboarded", ada["_id"])]
    assert [e.type for e in store.events][-2:] == ["account.member_left", "account.member_erased"]
    with pytest.raises(NotFound):
        admin.offboard(org["_id"], boss["_id"], "nobody")


def test_an_entry_left_in_the_document_by_a_crash_is_in_the_log_when_it_is_read(admin, accounts, org, boss, log,
                                                                                store):
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    log.dies_before_settling = 1  # the process dies right after the change's write
    admin.change_roles(org["_id"], boss["_id"], ada["_id"], ["member", "admin"])
    assert log.entries == {} and len(store.members[ada["_id"]][PENDING]) == 1
    assert actions(admin, org["_id"]) == [("member.roles_changed", ada["_id"])]  # a read settles it first
    assert not store.members[ada["_id"]][PENDING]
    assert log.settle("members", ada["_id"], org["_id"]) == 0 and len(log.entries) == 1  # never twice


def test_a_write_that_loses_its_races_carries_one_entry_or_none(admin, accounts, org, boss, store):
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    store.lose_races = 2
    admin.change_roles(org["_id"], boss["_id"], ada["_id"], ["member", "admin"])
    assert actions(admin, org["_id"]) == [("member.roles_changed", ada["_id"])]
    store.lose_races = 5
    with pytest.raises(Busy):
        admin.offboard(org["_id"], boss["_id"], ada["_id"])
    assert len(actions(admin, org["_id"])) == 1 and store.members[ada["_id"]]["status"] == "active"


def test_the_log_is_newest_first_paginated_and_one_organisations_own(admin, accounts, org, boss):
    ids = [admin.add_member(org["_id"], boss["_id"], f"m{i}@acme.test", f"M{i}", ["member"])["_id"]
           for i in range(5)]
    other = accounts.create_org("Other")
    them = accounts.create_member(other["_id"], "boss@other.test", "Them", ["member", "admin"])
    admin.add_member(other["_id"], them["_id"], "x@other.test", "X", ["member"])
    seen, cursor, pages = [], None, 0
    while True:
        items, cursor = admin.audit_page(org["_id"], 2, cursor)
        seen += items
        pages += 1
        if cursor is None:
            break
    assert pages == 3 and [e["target"] for e in seen] == ids[::-1]
    assert all(e["action"] == "member.created" and e["org_id"] == org["_id"] for e in seen)
    assert [e["at"] for e in seen] == sorted((e["at"] for e in seen), reverse=True)
    assert [e["org_id"] for e in admin.audit_page(other["_id"], 50, None)[0]] == [other["_id"]]
    with pytest.raises(Invalid) as bad:
        admin.audit_page(org["_id"], 2, "not-a-cursor")
    assert bad.value.slug == "invalid-cursor"


def test_the_rules_and_the_mail():
    assert normal_roles(["admin", "member", "admin"]) == ["member", "admin"]
    active_admin = {"status": "active", "roles": ["member", "admin"]}
    assert removes_last_admin(active_admin, ["member"], 0) and removes_last_admin(active_admin, None, 0)
    assert not removes_last_admin(active_admin, ["member"], 1) and not removes_last_admin(active_admin, ["admin"], 0)
    assert not removes_last_admin({"status": "left", "roles": ["admin"]}, None, 0)
    link = signin_link("https://x.test/signin", "a+b@x.test")
    assert link == "https://x.test/signin?login_hint=a%2Bb%40x.test"
    subject, text, html = invitation_mail("<Acme>\nCorp", "Eve & Co", "Ada", link)
    assert subject == "Eve & Co invited you to <Acme> Corp on Rapport"  # one header line
    assert "&lt;Acme&gt;" in html and "Eve &amp; Co" in html and "<Acme>" not in html and link in text
    assert invitation_mail("Acme", None, "Ada", link)[0].startswith("An administrator invited you")
