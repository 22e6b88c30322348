"""The accounts use cases on the in-memory store: no server, real rules."""
from datetime import datetime, timezone

import pytest

from services.accounts.adapters.store import InMemoryAccountStore
from services.accounts.service_layer.accounts import Accounts
from shared.db import Scope
from shared.errors import Busy, Conflict, Invalid, NotFound

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store():
    return InMemoryAccountStore()


@pytest.fixture
def accounts(store):
    return Accounts(store, clock=lambda: NOW)


def test_organisations_by_slug_or_id_and_their_event(accounts, store):
    org = accounts.create_org("  Acme Corp ")
    assert (org["name"], org["slug"], org["created_at"]) == ("Acme Corp", "acme-corp", NOW)
    assert accounts.find_org("acme-corp")["_id"] == org["_id"] == accounts.find_org(org["_id"])["_id"]
    assert [e.type for e in store.events] == ["account.org_created"]
    with pytest.raises(Conflict) as taken:
        accounts.create_org("ACME corp")
    assert taken.value.slug == "org-exists"
    with pytest.raises(Invalid) as bad:
        accounts.create_org(" ")
    assert set(bad.value.errors) == {"name"}
    with pytest.raises(NotFound):
        accounts.find_org("nowhere")


def test_members_are_validated_unique_by_email_and_found_case_blind(accounts, store):
    org = accounts.create_org("Acme")
    ada = accounts.create_member(org["_id"], "Ada@Acme.test", "Ada", tz="Europe/London")
    assert (ada["email"], ada["roles"], ada["status"]) == ("ada@acme.test", ["member"], "active")
    assert accounts.find_member(org["_id"], "ADA@acme.test")["_id"] == ada["_id"]
    with pytest.raises(Conflict) as again:
        accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    assert again.value.slug == "member-exists"
    with pytest.raises(Invalid) as bad:
        accounts.create_member(org["_id"], "nobody", "X", ["root"], "Nowhere/Land")
    assert set(bad.value.errors) == {"email", "roles", "timezone"}
    with pytest.raises(NotFound):
        accounts.create_member("no-such-org", "x@y.test", "X")
    other = accounts.create_org("Other")
    assert accounts.list_members(other["_id"], 10, None) == ([], None)  # one organisation's members only
    assert [m["_id"] for m in accounts.list_members(org["_id"], 10, None)[0]] == [ada["_id"]]


def test_offboarding_and_erasure_revoke_at_once_and_publish(accounts, store):
    org = accounts.create_org("Acme")
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    scope = Scope(org["_id"], ada["_id"])
    assert accounts.revoked(org["_id"], ada["_id"]) is None and accounts.get_member(scope)["display_name"] == "Ada"
    left = accounts.offboard_member(org["_id"], ada["_id"])
    assert left["status"] == "left" and accounts.revoked(org["_id"], ada["_id"]) == "left"
    with pytest.raises(NotFound):
        accounts.get_member(scope)
    erased = accounts.erase_member(org["_id"], ada["_id"])
    assert (erased["status"], erased["display_name"]) == ("erased", "erased member") and "ada" not in erased["email"]
    assert accounts.erase_member(org["_id"], ada["_id"])["version"] == erased["version"]  # once is enough
    assert [e.type for e in store.events] == ["account.org_created", "account.member_joined",
                                              "account.member_left", "account.member_erased"]
    assert store.events[2].data["left_at"] == "2026-05-01T09:00:00.000Z"
    assert accounts.revoked("another-org", ada["_id"]) is None and accounts.revoked(org["_id"], "stranger") is None
    with pytest.raises(NotFound):
        accounts.offboard_member("another-org", ada["_id"])


def test_a_member_change_that_loses_its_race_is_retried_then_busy(accounts, store):
    """It was a 409 at the first lost race; now retried, and a 503 write-conflict only after five."""
    org = accounts.create_org("Acme")
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    store.lose_races = 2
    assert accounts.offboard_member(org["_id"], ada["_id"])["status"] == "left"
    store.lose_races = 5
    with pytest.raises(Busy) as lost:
        accounts.erase_member(org["_id"], ada["_id"])
    assert lost.value.slug == "write-conflict" and store.members[ada["_id"]]["status"] == "left"


def test_no_token_for_a_member_who_left(accounts):
    """(Issuing itself needs the key ring: tests/integration/test_signin.py.)"""
    org = accounts.create_org("Acme")
    ada = accounts.create_member(org["_id"], "ada@acme.test", "Ada")
    with pytest.raises(Conflict):
        accounts.issue_token(accounts.offboard_member(org["_id"], ada["_id"]))
