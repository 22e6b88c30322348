"""The contacts followers (`rapport-consume contacts`) on real Kafka: the interaction a member
logged when marking a nudge done is recorded once; queued imports are run between polls."""
from services.contacts.service_layer import records as contacts
from services.contacts.adapters.documents import Interaction, ImportJob
from shared import follower, kafka
from shared.db import Scope
from shared.events import deterministic_id, new_event

from ..test_erasure import _follow_until

ADA = Scope("org-1", "ada")


def _completed(contact_id: str, nudge_id: str, interaction: bool = True):
    logged = {"interaction_id": deterministic_id("nudge-interaction", nudge_id), "contact_id": contact_id,
              "kind": "coffee", "occurred_at": "2026-05-02T10:00:00.000Z", "note": "Sent her the slides",
              "direction": "gave"} if interaction else None
    return new_event("nudge.completed", org_id=ADA.org_id, member_id=ADA.member_id, source="test",
                     data={"nudge_id": nudge_id, "rule": "follow_up_after_meeting", "kind": "follow_up",
                           "contact_id": contact_id, "goal_id": None, "completed_at": "2026-05-02T10:00:00.000Z",
                           "note": "done", "interaction": logged})


def test_a_completed_nudge_records_its_interaction_once(kafka_topics, settings_for):
    settings = settings_for("contacts")
    runner = follower.build(settings)
    grace = contacts.create_contact(ADA, {"display_name": "Grace Hopper"})
    events = [_completed(grace["_id"], "n-1"), _completed(grace["_id"], "n-1"),   # completed twice
              _completed("no-such-contact", "n-2"), _completed(grace["_id"], "n-3", interaction=False)]
    producer = kafka.producer(settings, "test")
    for e in events:
        producer.send(settings.topic("rapport.nudges.v1"), key=b"ada", value=e.to_bytes()).get(30)
    producer.close()
    interactions = Interaction._get_collection()
    _follow_until(runner, lambda: runner.handled >= len(events))

    stored = list(interactions.find({"member_id": "ada"}))
    assert len(stored) == 1
    (i,) = stored
    assert i["_id"] == deterministic_id("nudge-interaction", "n-1") and i["contact_id"] == grace["_id"]
    assert (i["kind"], i["direction"], i["notes"]) == ("coffee", "gave", "Sent her the slides")
    assert [e["type"] for e in i["outbox"]] == ["interaction.logged"]  # nudges and others hear of it

    # a redelivery that gets past the consumer's markers still records nothing new
    assert contacts.log_completed_nudge(ADA, events[0].data["interaction"], None)["version"] == 1
    assert interactions.count_documents({"member_id": "ada"}) == 1


def test_the_followers_run_queued_imports_between_polls(kafka_topics, settings_for, make_app, issue_token):
    settings = settings_for("contacts")
    runner = follower.build(settings)
    app = make_app("contacts")
    headers = {"Authorization": f"Bearer {issue_token('org-1', 'ada')}"}
    r = app.post("/v1/imports", data=b"BEGIN:VCARD\nVERSION:4.0\nFN:Katherine Johnson\nEND:VCARD\n",
                 content_type="text/vcard", headers=headers)
    assert r.status_code == 202
    _follow_until(runner, lambda: ImportJob._get_collection().find_one({"_id": r.json["id"]})["status"] == "done")
    job = app.get(r.headers["Location"], headers=headers).json
    assert job["status"] == "done" and job["counts"]["created"] == 1
