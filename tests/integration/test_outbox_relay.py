"""Reliable publishing: the write records its events; the relay publishes them once."""
import time

import uuid

from shared import db, kafka, outbox
from shared.db import Scope, Scoped
from shared.events import contract_for, new_event
from shared.relay import OutboxRelay

from .conftest import envelopes, read_topic

SCOPE = Scope("org-1", "member-1")


class Contact:  # an aggregate with an outbox, as every service's documents have
    @staticmethod
    def _get_collection():
        return db.database()["relay_test_aggregates"]


class contacts:
    """Writes like a service's use cases: state and events in one document write."""

    @staticmethod
    def contacts(scope):
        return Scoped(Contact._get_collection(), scope)

    @staticmethod
    def contact_state(doc):
        return {**contract_for("contact.created", 1).sample, "contact_id": doc["_id"], "version": doc["version"],
                "display_name": doc["display_name"]}

    @classmethod
    def create_contact(cls, scope, data):
        doc = {"_id": str(uuid.uuid4()), **data, "version": 1}
        event = new_event("contact.created", org_id=scope.org_id, member_id=scope.member_id,
                          data=cls.contact_state(doc), source="test")
        return outbox.insert(cls.contacts(scope), doc, [event])


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


def test_a_failed_publish_removes_nothing_and_another_relay_takes_over(kafka_topics, settings_for):
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

    healthy = _relay(settings)
    assert healthy.run_once() == 0  # the broken relay still holds the lease: no double publishing
    time.sleep(1.1)  # ... until its lease runs out (it "died")
    assert healthy.run_once() == 1
    healthy.producer.close()
    assert len(read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=1)) == 1


def test_events_of_one_document_keep_their_order_and_late_events_stay_pending(kafka_topics, settings_for):
    settings = settings_for("contacts")
    db.connect(settings)
    docs = [contacts.create_contact(SCOPE, {"display_name": f"P{i}"}) for i in range(5)]
    coll = Contact._get_collection()
    first = docs[0]
    deleted = new_event("contact.deleted", org_id="org-1", member_id="member-1",
                        data={"contact_id": first["_id"], "version": 2}, source="test")
    # a second event on the first document, recorded atomically with a state change
    updated = outbox.update(contacts.contacts(SCOPE), {"_id": first["_id"]}, 1, [deleted], set={"deleted": True})
    assert updated["version"] == 2
    # a stale writer (still at version 1) changes nothing
    assert outbox.update(contacts.contacts(SCOPE), {"_id": first["_id"]}, 1, [], set={"display_name": "x"}) is None

    relay = _relay(settings, batch_size=2)
    # an event appended while the relay publishes the first document's events stays pending
    real_flush = relay.producer.flush
    late = new_event("contact.updated", org_id="org-1", member_id="member-1", source="test",
                     data={**contacts.contact_state({**first, "version": 3})})

    def flush_then_write(timeout=None):
        real_flush(timeout=timeout)
        if not getattr(relay, "_wrote", False):
            relay._wrote = True
            outbox.update(contacts.contacts(SCOPE), {"_id": first["_id"]}, 2, [late])

    relay.producer.flush = flush_then_write
    assert relay.run_once() == 3  # first document's two events + the second document's one
    assert [e["type"] for e in coll.find_one({"_id": first["_id"]})["outbox"]] == ["contact.updated"]
    while relay.run_once():
        pass
    assert relay.holds_lease(coll) and not _relay(settings).holds_lease(coll)
    relay.release()
    relay.producer.close()
    events = envelopes(read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=7))
    assert len(events) == 7  # 5 created + deleted + the late update, each once
    of_first = [e["type"] for e in events if e["data"]["contact_id"] == first["_id"]]
    assert of_first == ["contact.created", "contact.deleted", "contact.updated"]
    assert coll.count_documents({"outbox_pending": True}) == 0


def test_a_relay_process_waits_out_its_store_going_away(kafka_topics, settings_for, own_ferretdb, tmp_path):
    """`rapport-relay contacts` on a FerretDB of its own: the store is stopped for a while and
    started again; the relay keeps running and every event written before and after is published."""
    import json as _json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from services.contacts.service_layer import records as contacts_service

    from ..procfile import stop_groups
    from ..servers import ROOT
    from ..waiting import wait_for

    settings = settings_for("contacts", mongo_uri=own_ferretdb.uri)
    db.connect(settings)
    env = {**os.environ, "MONGO_URI": settings.mongo_uri, "MONGO_DB": settings.mongo_db,
           "KAFKA_BOOTSTRAP": settings.kafka_bootstrap, "RAPPORT_TOPIC_PREFIX": settings.topic_prefix}
    log = tmp_path / "relay.log"
    relay = subprocess.Popen([str(Path(sys.executable).parent / "rapport-relay"), "contacts"], cwd=ROOT, env=env,
                             stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    topic = settings.topic("rapport.contacts.v1")
    try:
        before = [contacts_service.create_contact(SCOPE, {"display_name": f"Before {i}"})["_id"] for i in range(3)]
        wait_for(lambda: len(read_topic(settings.kafka_bootstrap, topic, 3, timeout=2)) >= 3, 60, "the first events")
        own_ferretdb.stop()
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            assert relay.poll() is None, log.read_text()[-3000:]
            time.sleep(0.5)
        own_ferretdb.start()
        after = [contacts_service.create_contact(SCOPE, {"display_name": f"After {i}"})["_id"] for i in range(3)]
        published = lambda: {e["data"]["contact_id"] for e in envelopes(read_topic(settings.kafka_bootstrap, topic, 6,
                                                                                     timeout=2))}
        wait_for(lambda: set(before + after) <= published(), 90, "every event, after the outage too")
        assert relay.poll() is None, log.read_text()[-3000:]
        lines = [_json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
        assert any(x.get("logger") == "shared.relay" and "retrying" in x.get("message", "") for x in lines)
    finally:
        stop_groups([relay])
    assert relay.returncode == 0
