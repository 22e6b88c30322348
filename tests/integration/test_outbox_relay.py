"""Reliable publishing: the write records its events; the relay publishes them once."""
from datetime import datetime, timedelta, timezone

from services.contacts import service as contacts
from services.contacts.adapters.documents import Contact
from shared import db, kafka
from shared.db import Scope
from shared.relay import OutboxRelay

from .conftest import envelopes, read_topic

SCOPE = Scope("org-1", "member-1")


def _relay(settings, producer=None, **kw) -> OutboxRelay:
    return OutboxRelay([Contact._get_collection()], settings.topic("rapport.contacts.v1"),
                       producer or kafka.producer(settings, "test-relay"), **kw)


def test_a_write_records_its_event_and_the_relay_publishes_it_once(kafka_topics, settings_for):
    settings = settings_for("contacts")
    db.connect(settings)
    doc = contacts.create_contact(SCOPE, {"display_name": "Ada"})
    stored = Contact._get_collection().find_one({"_id": doc["_id"]})
    assert stored["outbox_pending"] and [e["type"] for e in stored["outbox"]] == ["contact.created"]

    # the relay was down between write and publish: a fresh one (after "restart") publishes it
    relay = _relay(settings)
    assert relay.run_once() == 1
    assert relay.run_once() == 0  # nothing left, nothing published twice
    relay.producer.close()
    after = Contact._get_collection().find_one({"_id": doc["_id"]})
    assert after["outbox"] == [] and after["outbox_pending"] is False

    records = read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=1)
    assert len(records) == 1
    (event,) = envelopes(records)
    assert event["type"] == "contact.created" and event["data"]["contact_id"] == doc["_id"]
    assert records[0].key == b"member-1"
    assert dict(records[0].headers)["ce_type"] == b"contact.created"


def test_a_failed_publish_removes_nothing_and_is_retried(kafka_topics, settings_for):
    settings = settings_for("contacts")
    db.connect(settings)
    doc = contacts.create_contact(SCOPE, {"display_name": "Grace"})

    class Broken:  # a producer whose every send fails
        def send(self, *a, **kw):
            raise RuntimeError("broker unreachable")

    broken = _relay(settings, producer=Broken(), lease_seconds=1)
    try:
        broken.run_once()
    except RuntimeError:
        pass
    assert len(Contact._get_collection().find_one({"_id": doc["_id"]})["outbox"]) == 1

    # the broken relay's lease expires; a healthy relay takes over
    Contact._get_collection().update_one({"_id": doc["_id"]},
                                         {"$set": {"outbox_lease_until": datetime.now(timezone.utc) - timedelta(seconds=1)}})
    healthy = _relay(settings)
    assert healthy.run_once() == 1
    healthy.producer.close()
    assert len(read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=1)) == 1


def test_events_of_one_document_keep_their_order_and_leases_exclude_other_relays(kafka_topics, settings_for):
    settings = settings_for("contacts")
    db.connect(settings)
    docs = [contacts.create_contact(SCOPE, {"display_name": f"P{i}"}) for i in range(5)]
    coll = Contact._get_collection()
    # a second event on the first document, recorded atomically with a state change
    from shared import outbox
    from shared.events import new_event
    first = docs[0]
    updated = outbox.update(contacts.contacts(SCOPE), {"_id": first["_id"]}, 1,
                            [new_event("contact.deleted", org_id="org-1", member_id="member-1",
                                       data={"contact_id": first["_id"], "version": 2}, source="test")],
                            set={"deleted": True})
    assert updated["version"] == 2
    # a stale writer (still at version 1) changes nothing
    assert outbox.update(contacts.contacts(SCOPE), {"_id": first["_id"]}, 1, [], set={"display_name": "x"}) is None

    a = _relay(settings, batch_size=2)
    claimed = a._claim(coll)
    assert len(claimed) == 2
    b = _relay(settings)
    assert {d["_id"] for d in b._claim(coll)}.isdisjoint({d["_id"] for d in claimed})
    for relay in (a, b):
        while relay.run_once():
            pass
    # a's claimed documents are still leased to a: release them by publishing through a
    coll.update_many({}, {"$unset": {"outbox_lease_until": "", "outbox_lease_owner": ""}})
    while a.run_once():
        pass
    for relay in (a, b):
        relay.producer.close()
    events = envelopes(read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=6))
    assert len(events) == 6
    of_first = [e["type"] for e in events if e["data"]["contact_id"] == first["_id"]]
    assert of_first == ["contact.created", "contact.deleted"]
    assert coll.count_documents({"outbox_pending": True}) == 0
