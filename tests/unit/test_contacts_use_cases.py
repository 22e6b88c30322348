"""The contacts REST record use cases on the in-memory records (adapters/memory.py): no server,
the real Batch, validation, references, deletes and merges."""
import pytest

from services.contacts.adapters.memory import InMemoryRecords
from services.contacts.domain.records import KINDS
from services.contacts.schemas import FIELD_SCHEMAS, PATCH_SCHEMAS
from services.contacts.service_layer import records
from shared.db import Scope
from shared.errors import Busy, Conflict, Invalid, NotFound
from shared.problems import from_domain

CONTACTS, INTERACTIONS, GATHERINGS = KINDS["contacts"], KINDS["interactions"], KINDS["gatherings"]
ADA, BOB = Scope("org", "ada"), Scope("org", "bob")


@pytest.fixture
def store():
    return InMemoryRecords()


def body(kind, fields, patch=False):
    """What the route's schema loads from a REST body."""
    return (PATCH_SCHEMAS if patch else FIELD_SCHEMAS)[kind.name]().load(fields)


def create(store, kind, fields, scope=ADA):
    doc, hints = records.create_record(kind, scope, body(kind, fields), "corr-1", batches=store.batches)
    return doc, hints


def patch(store, kind, rid, fields, if_match=None, scope=ADA):
    return records.patch_record(kind, scope, rid, body(kind, fields, patch=True), if_match, None,
                                batches=store.batches)


def test_create_normalises_stores_version_one_publishes_and_logs(store):
    doc, hints = create(store, CONTACTS, {"display_name": "Ada", "emails": ["ADA@x.org"], "tags": ["Math"]})
    assert doc["version"] == 1 and doc["emails"] == ["ada@x.org"] and doc["tags"] == ["math"]
    assert doc["source"] == "capture" and hints == [] and "outbox" not in doc
    assert records.get_record(CONTACTS, ADA, doc["_id"], batches=store.batches) == doc
    [event] = store.events
    assert event.type == "contact.created" and event.data["contact_id"] == doc["_id"]
    assert event.correlation_id == "corr-1"
    assert store.logs[("org", "ada")].entries == [("contacts", doc["_id"], 1)]
    assert store.logs[("org", "ada")].intents == {}  # the intent is cleared once the version is logged

    _, hints = create(store, CONTACTS, {"display_name": "A. Lovelace", "emails": ["ada@x.org"]})
    assert hints == [{"id": doc["_id"], "display_name": "Ada", "reasons": ["email"]}]


def test_bad_fields_and_dangling_references_are_invalid_with_each_field_named(store):
    with pytest.raises(Invalid) as exc:
        create(store, CONTACTS, {"display_name": "Ada", "profile_urls": ["not a url at all"], "country": "GB",
                                 "phones": ["12"]})
    assert set(exc.value.errors) == {"profile_urls", "phones"} and exc.value.slug == "validation-error"
    assert from_domain(exc.value).status == 422
    with pytest.raises(Invalid) as exc:
        create(store, CONTACTS, {"display_name": "Ada", "gathering_id": "no-such"})
    assert exc.value.errors == {"gathering_id": ["no such gathering"]}
    with pytest.raises(Invalid) as exc:
        records.create_record(CONTACTS, ADA, None, None, batches=store.batches)  # no body
    assert exc.value.errors == {"_schema": ["fields must be an object"]}
    with pytest.raises(Invalid) as exc:
        create(store, INTERACTIONS, {"contact_id": "c-gone", "kind": "call", "occurred_at": "2026-05-01T09:00:00Z"})
    assert exc.value.errors == {"contact_id": ["no such contact"]}
    assert store.events == [] and store.data.get(("org", "ada", "contacts"), {}) == {}


def test_another_members_record_is_not_found_for_every_use_case(store):
    doc, _ = create(store, CONTACTS, {"display_name": "Ada"})
    for attempt in (lambda: records.get_record(CONTACTS, BOB, doc["_id"], batches=store.batches),
                    lambda: patch(store, CONTACTS, doc["_id"], {"title": "x"}, scope=BOB),
                    lambda: records.delete_record(CONTACTS, BOB, doc["_id"], None, batches=store.batches),
                    lambda: records.merge(BOB, doc["_id"], doc["_id"] + "x", None, batches=store.batches)):
        with pytest.raises(NotFound) as exc:
            attempt()
        assert from_domain(exc.value).status == 404
    assert records.get_record(CONTACTS, ADA, doc["_id"], batches=store.batches)["version"] == 1


def test_patch_changes_only_what_differs_and_checks_if_match(store):
    doc, _ = create(store, CONTACTS, {"display_name": "Ada", "title": "Countess"})
    changed = patch(store, CONTACTS, doc["_id"], {"title": "Analyst"}, if_match=1)
    assert changed["version"] == 2 and changed["title"] == "Analyst" and changed["field_versions"] == {"title": 2}
    assert store.events[-1].type == "contact.updated" and store.events[-1].data["version"] == 2
    same = patch(store, CONTACTS, doc["_id"], {"title": "Analyst"})
    assert same["version"] == 2 and len(store.events) == 2  # nothing to change: nothing written
    with pytest.raises(Conflict) as exc:
        patch(store, CONTACTS, doc["_id"], {"title": "Poet"}, if_match=1)
    assert exc.value.slug == "version-mismatch" and exc.value.extensions == {"version": 2}
    assert from_domain(exc.value).status == 412
    with pytest.raises(Invalid) as exc:
        patch(store, CONTACTS, doc["_id"], {"profile_urls": ["not a url at all"]})
    assert set(exc.value.errors) == {"profile_urls"}
    with pytest.raises(NotFound):
        patch(store, CONTACTS, "c-none", {"title": "x"})


def test_a_lost_race_is_decided_again_and_five_losses_are_busy(store):
    doc, _ = create(store, CONTACTS, {"display_name": "Ada"})
    store.lose_races = 4                                     # the fifth attempt wins
    assert patch(store, CONTACTS, doc["_id"], {"title": "Analyst"})["version"] == 2
    store.lose_races = 5                                     # five: given up, nothing written
    with pytest.raises(Busy) as exc:
        patch(store, CONTACTS, doc["_id"], {"title": "Poet"})
    problem = from_domain(exc.value)
    assert problem.status == 503 and problem.slug == "write-conflict" and problem.headers == {"Retry-After": "1"}
    store.lose_races = 5
    with pytest.raises(Busy):
        records.delete_record(CONTACTS, ADA, doc["_id"], None, batches=store.batches)
    now = records.get_record(CONTACTS, ADA, doc["_id"], batches=store.batches)
    assert now["version"] == 2 and now["title"] == "Analyst"


def test_deleting_a_contact_deletes_its_interactions_and_leaves_tombstones(store):
    doc, _ = create(store, CONTACTS, {"display_name": "Ada"})
    call, _ = create(store, INTERACTIONS, {"contact_id": doc["_id"], "kind": "call",
                                           "occurred_at": "2026-05-01T09:00:00Z"})
    records.delete_record(CONTACTS, ADA, doc["_id"], None, batches=store.batches)
    for kind, rid in ((CONTACTS, doc["_id"]), (INTERACTIONS, call["_id"])):
        with pytest.raises(NotFound):
            records.get_record(kind, ADA, rid, batches=store.batches)
        tomb = store.data[("org", "ada", kind.name)][rid]
        assert tomb["deleted"] is True and tomb["version"] == 2 and "display_name" not in tomb
    assert [e.type for e in store.events[-2:]] == ["contact.deleted", "interaction.deleted"]
    assert store.logs[("org", "ada")].entries[-2:] == [("contacts", doc["_id"], 2), ("interactions", call["_id"], 2)]
    with pytest.raises(NotFound):
        records.delete_record(CONTACTS, ADA, doc["_id"], None, batches=store.batches)
    with pytest.raises(Invalid) as exc:  # a deleted contact cannot be referred to
        create(store, INTERACTIONS, {"contact_id": doc["_id"], "kind": "call", "occurred_at": "2026-05-01T09:00:00Z"})
    assert exc.value.errors == {"contact_id": ["the contact was deleted"]}


def test_merge_combines_moves_interactions_and_refuses_what_cannot_be_merged(store):
    winner, _ = create(store, CONTACTS, {"display_name": "Grace Hopper", "emails": ["grace@navy.mil"]})
    loser, _ = create(store, CONTACTS, {"display_name": "G. Hopper", "emails": ["grace@yale.edu"],
                                        "met_at": "2026-05-14T09:30:00+02:00"})
    create(store, INTERACTIONS, {"contact_id": loser["_id"], "kind": "call", "occurred_at": "2026-05-01T09:00:00Z"})
    with pytest.raises(Conflict) as exc:
        records.merge(ADA, winner["_id"], winner["_id"], None, batches=store.batches)
    assert exc.value.slug == "merge-not-possible" and exc.value.extensions == {"reason": "merge_invalid"}
    assert from_domain(exc.value).status == 409

    merged = records.merge(ADA, winner["_id"], loser["_id"], None, batches=store.batches)
    assert merged["already_merged"] is False and merged["moved_interactions"] == 1
    assert merged["winner"]["emails"] == ["grace@navy.mil", "grace@yale.edu"]
    (took,) = merged["winner"]["merged_from"]
    assert took["took"]["met_at"] == "2026-05-14T07:30:00.000Z"  # an instant as the API writes it
    assert records.merge(ADA, winner["_id"], loser["_id"], None, batches=store.batches)["already_merged"] is True
    with pytest.raises(Conflict) as exc:
        records.merge(ADA, loser["_id"], winner["_id"], None, batches=store.batches)
    assert exc.value.extensions == {"reason": "merge_invalid", "merged_into": winner["_id"]}
