"""No lost edits: versioned writes from several writers and the relay, all at once, on the
server the tests run on (on FerretDB the write guards make this hold; MongoDB does it alone)."""
from __future__ import annotations

import random
import threading
import time
from dataclasses import replace
from datetime import timedelta

import pytest

from shared import clock
from shared import db, guard, outbox
from shared.events import new_event

from .conftest import envelopes, read_topic
from .test_outbox_relay import SCOPE, Contact, _relay, contacts

DOCS = 8
ATTEMPTS = 120  # compare-and-swap attempts per writer


def _edit_event(doc_id: str, version: int):
    return new_event("contact.updated", org_id=SCOPE.org_id, member_id=SCOPE.member_id, source="test",
                     data={**contacts.contact_state({"_id": doc_id, "version": version, "display_name": "x"})})


def test_writers_and_the_relay_at_once_lose_no_edit_and_no_event(kafka_topics, settings_for):
    settings = settings_for("contacts")
    db.connect(settings)
    ids = [contacts.create_contact(SCOPE, {"display_name": f"P{i}", "edits": []})["_id"] for i in range(DOCS)]
    coll = contacts.contacts(SCOPE)
    applied: dict[str, list[str]] = {i: [] for i in ids}
    events: set[str] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer(name: str) -> None:
        try:
            for n in range(ATTEMPTS):
                doc_id = random.choice(ids)
                version = coll.find_one({"_id": doc_id}, {"version": 1})["version"]
                event = _edit_event(doc_id, version + 1)
                if outbox.update(coll, {"_id": doc_id}, version, [event], extra={"$push": {"edits": f"{name}{n}"}}):
                    applied[doc_id].append(f"{name}{n}")
                    events.add(event.id)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    relay = _relay(settings)

    def relaying() -> None:
        try:
            while not stop.is_set():
                relay.run_once()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in ("phone", "tablet", "web")]
    publisher = threading.Thread(target=relaying)
    for t in [*threads, publisher]:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    publisher.join()
    assert not errors, errors
    while relay.run_once():
        pass
    relay.producer.close()

    successes = sum(len(v) for v in applied.values())
    assert successes > ATTEMPTS  # the writers really overlapped and mostly got through
    for doc in coll.find({}):
        # every successful compare-and-swap is in the document, exactly once
        assert doc["version"] == 1 + len(applied[doc["_id"]]), doc["_id"]
        assert sorted(doc["edits"]) == sorted(applied[doc["_id"]]), doc["_id"]
        assert doc["outbox"] == [] and doc["outbox_pending"] is False
    published = envelopes(read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"),
                                     expect=DOCS + successes, timeout=60))
    assert {e["id"] for e in published if e["type"] == "contact.updated"} == events


@pytest.fixture
def guards(settings_for):
    db.connect(settings_for("contacts"))
    return lambda **kw: guard.WriteGuards(db.database(), **kw)


def test_a_held_guard_makes_others_wait_and_a_crashed_holders_guard_expires(guards):
    short = guards(lease_seconds=1.0)
    assert short._take(["c:1"], token="crashed-writer") == {"c:1"}  # never given back

    with pytest.raises(guard.GuardBusy) as busy:
        with guards(lease_seconds=1.0, wait_seconds=0.2).hold(["c:0", "c:1"]):
            pass
    assert busy.value.keys == ["c:1"]
    assert db.database()[guard.COLLECTION].count_documents({"_id": "c:0"}) == 0  # nothing half-held

    started = time.monotonic()
    with short.hold(["c:1", "c:2"]):  # waits out the lease, then breaks the stale guard
        assert time.monotonic() - started >= 0.5
        assert db.database()[guard.COLLECTION].count_documents({"_id": {"$in": ["c:1", "c:2"]}}) == 2
    assert db.database()[guard.COLLECTION].count_documents({"_id": {"$in": ["c:1", "c:2"]}}) == 0

    # a breaker that died between its claim and the removal: its claim is cleared after a lease
    assert short._take(["c:3"], token="dead") == {"c:3"}
    db.database()[guard.COLLECTION].insert_one({"_id": "c:3~dead", "claim": True,
                                                "until": clock.now() - timedelta(seconds=2)})
    time.sleep(1.1)
    with short.hold(["c:3"]):
        pass


def test_guards_follow_the_configured_mode(settings_for):
    settings = settings_for("contacts")
    try:
        for mode, expected in (("on", True), ("off", False)):
            db.connect(replace(settings, write_guards=mode))
            assert (guard.guards_for(db.database()) is not None) is expected
        db.connect(settings)  # auto: exactly where the server needs them
        needs = "ferretdbVersion" in db.database().client.admin.command("buildInfo")
        assert (guard.guards_for(db.database()) is not None) is needs
    finally:
        guard.configure(settings.write_guards, settings.write_guard_lease_seconds)


def test_a_guarded_update_without_an_id_guards_each_matching_document(guards, settings_for):
    raw = Contact._get_collection()
    raw.insert_many([{"_id": f"g{i}", "tier": "peer" if i % 2 else "mentor", "n": 0} for i in range(6)])
    blocker = guards().hold([guard.document_key(raw, "g1")])
    blocker.__enter__()
    db.connect(settings_for("contacts", write_guards="on"))
    quick = guard.Guarded(raw)
    quick_guards = guard.guards_for(raw.database)
    quick_guards.wait = 0.2
    try:
        with pytest.raises(guard.GuardBusy):  # the free ones are written, the held one waited for
            quick.update_many({"tier": "peer"}, {"$inc": {"n": 1}})
        assert {d["_id"] for d in raw.find({"n": 1})} == {"g3", "g5"}
        assert quick.update_many({"tier": "mentor"}, {"$inc": {"n": 1}}).modified_count == 3
    finally:
        blocker.__exit__(None, None, None)
    assert quick.update_many({"tier": "peer"}, {"$inc": {"n": 1}}).modified_count == 3
    assert {d["_id"]: d["n"] for d in raw.find({"tier": "peer"})} == {"g1": 1, "g3": 2, "g5": 2}
    with pytest.raises(ValueError):
        quick.update_one({"tier": "peer"}, {"$set": {"n": 0}}, upsert=True)


def test_guarded_updates_answer_as_the_server_does(settings_for):
    """A guarded update sends its whole filter under the guard: it matches exactly what the
    server matches, for one document, many by `_id`, and an upsert that must insert."""
    db.connect(settings_for("contacts", write_guards="on"))
    raw = Contact._get_collection()
    now = clock.now().replace(microsecond=0)
    docs = [{"_id": "d-plain", "org_id": "o", "member_id": "m", "version": 1},
            {"_id": "d-live", "org_id": "o", "member_id": "other", "version": 3, "owner": "w-1",
             "until": now - timedelta(seconds=5), "a": {"contacts": {"c1": {"v": 2}}}},
            {"_id": "d-later", "org_id": "p", "member_id": "m", "version": 3.0, "until": now + timedelta(hours=1)}]
    raw.insert_many([dict(d) for d in docs])
    filters = [{"version": 3}, {"until": {"$lt": now}}, {"a.contacts.c1.v": {"$not": {"$gte": 3}}},
               {"$or": [{"owner": None}, {"until": {"$lt": now}}]}]
    guarded = guard.Guarded(raw)
    for d in docs:
        for f in filters:
            expected = raw.find_one({"_id": d["_id"], **f}) is not None  # the server's own answer
            assert guarded.update_one({"_id": d["_id"], **f}, {"$inc": {"hits": 1}}).matched_count == int(expected)
    for d in docs:
        hits = sum(1 for f in filters if raw.find_one({"_id": d["_id"], **f}) is not None)
        assert raw.find_one({"_id": d["_id"]}).get("hits", 0) == hits
    assert guarded.update_many({"_id": {"$in": [d["_id"] for d in docs]}, "version": 3},
                               {"$set": {"three": True}}).modified_count == 2
    assert guarded.find_one_and_update({"_id": "d-new", "org_id": "o"}, {"$set": {"x": 1}}, upsert=True) is None
    assert raw.find_one({"_id": "d-new"}) == {"_id": "d-new", "org_id": "o", "x": 1}
