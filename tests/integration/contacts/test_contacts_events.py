"""Every write publishes through the outbox: the relay puts contracts-valid events on Kafka,
keyed by member, in order per record."""
from collections import defaultdict

from services.contacts.service_layer import imports
from services.contacts.adapters.documents import OUTBOX_DOCUMENTS
from shared import kafka
from shared.events import Event, read_data
from shared.relay import OutboxRelay

from ..conftest import envelopes, read_topic
from .conftest import delete, new_id, signed_in, upsert


def test_writes_publish_the_events_nudges_need(kafka_topics, make_app, issue_token):
    settings = kafka_topics
    client = make_app("contacts", topic_prefix=settings.topic_prefix)
    m = signed_in(client, issue_token, "org-ev", "m-ev")
    phone = m.device()
    gid, ada, grace, iid = new_id(), new_id(), new_id(), new_id()
    phone.push([
        upsert("gatherings", gid, {"name": "PyCon", "kind": "conference", "starts_on": "2026-05-13"}),
        upsert("contacts", ada, {"display_name": "Ada", "tier": "mentor", "needs": ["a reviewer"],
                                 "offers": ["intro to Babbage"], "goal_links": ["g-1"], "gathering_id": gid,
                                 "met_at": "2026-05-14T10:00:00Z", "emails": ["ada@x.org"]}),
        upsert("contacts", grace, {"display_name": "Ada L", "emails": ["ada@x.org"]}),
        upsert("interactions", iid, {"contact_id": grace, "kind": "help_given", "direction": "gave",
                                     "occurred_at": "2026-05-14T11:00:00Z"}),
        upsert("contacts", ada, {"tier": "guardian"}, base=1),
        {"mutation_id": new_id(), "collection": "contacts", "op": "merge", "id": grace, "merge_into": ada},
        upsert("gatherings", gid, {"place": "Long Beach"}, base=1),
    ])
    m.post("/v1/imports", data=b"BEGIN:VCARD\nVERSION:4.0\nFN:Imported\nEND:VCARD\n", content_type="text/vcard")
    imports.work("test-runner", budget_seconds=60)
    phone.push([delete("interactions", iid), delete("contacts", ada), delete("gatherings", gid)])

    relay = OutboxRelay([d._get_collection() for d in OUTBOX_DOCUMENTS], settings.topic("rapport.contacts.v1"),
                        kafka.producer(settings, "test-relay"))
    published = 0
    while (n := relay.run_once()):
        published += n
    relay.producer.close()
    records = read_topic(settings.kafka_bootstrap, settings.topic("rapport.contacts.v1"), expect=published)
    assert len(records) == published
    assert {r.key for r in records} == {b"m-ev"}
    events = [Event.from_dict(e) for e in envelopes(records)]
    for e in events:
        assert read_data(e) is not None and e.org_id == "org-ev" and e.source == "rapport/contacts"
    by_subject = defaultdict(list)
    for e in events:
        subject = e.data.get("contact_id") if e.type.startswith("contact.") else \
            e.data.get("interaction_id") or e.data.get("gathering_id")
        by_subject[subject].append((e.type, e.data["version"]))
    assert by_subject[gid] == [("gathering.created", 1), ("gathering.updated", 2), ("gathering.deleted", 3)]
    assert by_subject[ada] == [("contact.created", 1), ("contact.updated", 2), ("contact.updated", 3),
                               ("contact.deleted", 4)]
    assert by_subject[grace] == [("contact.created", 1), ("contact.merged", 2)]
    assert by_subject[iid] == [("interaction.logged", 1), ("interaction.updated", 2), ("interaction.deleted", 3)]

    created = next(e.data for e in events if e.type == "contact.created" and e.data["contact_id"] == ada)
    assert created["needs"] == ["a reviewer"] and created["offers"] == ["intro to Babbage"]
    assert created["goal_links"] == ["g-1"] and created["gathering_id"] == gid and created["tier"] == "mentor"
    assert created["met_at"] == "2026-05-14T10:00:00.000Z" and created["source"] == "capture"  # one precision: ms
    merged = next(e.data for e in events if e.type == "contact.merged")
    assert merged["merged_into"] == ada
    moved = next(e.data for e in events if e.type == "interaction.updated")
    assert moved["contact_id"] == ada and moved["direction"] == "gave"
    imported = next(e.data for e in events if e.type == "contact.created" and e.data["display_name"] == "Imported")
    assert imported["source"] == "import"
