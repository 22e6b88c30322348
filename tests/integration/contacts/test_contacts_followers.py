"""The contacts followers (`rapport-consume contacts`) on real Kafka: the interaction a member
logged when marking a nudge done is recorded once; queued imports are run between polls; the
accounts device events keep each device's sync state (a revoked device's receipts forgotten)."""
from services.contacts.service_layer import records as contacts
from services.contacts.adapters.documents import Interaction, ImportJob, SyncDevice, SyncReceipts
from shared import follower, kafka
from shared.db import Scope
from shared.events import deterministic_id, new_event

from ..test_erasure import _follow_until
from .conftest import new_id, signed_in, upsert

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


def _device_event(type_: str, device_id: str, **data):
    base = {"member_id": ADA.member_id, "device_id": device_id}
    if type_ == "account.device_registered":
        base.update(client_id="rapport-ios", name="Ada's phone", registered_at="2026-05-01T09:00:00.000Z")
    else:
        base.update(reason="revoked", revoked_at="2026-05-03T09:00:00.000Z")
    return new_event(type_, org_id=ADA.org_id, member_id=ADA.member_id, source="test", data={**base, **data})


def test_device_events_keep_the_sync_state_and_a_revoked_device_forgets_its_receipts(
        kafka_topics, settings_for, make_app, issue_token):
    settings = settings_for("contacts")
    runner = follower.build(settings)
    ada = signed_in(make_app("contacts"), issue_token, ADA.org_id, ADA.member_id)
    phone, tablet = ada.device(), ada.device()
    for device in (phone, tablet):   # pushes before accounts' events arrived: accepted, the token is the proof
        assert device.push([upsert("contacts", new_id(), {"display_name": "Grace"})])[0]["status"] == "applied"
    receipts = SyncReceipts._get_collection()
    assert receipts.count_documents({"device_id": phone.id}) == 1

    registered = _device_event("account.device_registered", phone.id)
    revoked = _device_event("account.device_revoked", phone.id)
    events = [registered, registered,                        # twice
              revoked, revoked,                              # twice
              _device_event("account.device_revoked", "d-late", revoked_at="2026-05-04T09:00:00.000Z"),
              _device_event("account.device_registered", "d-late"),   # late: it stays revoked
              _device_event("account.device_registered", "d-new", name="")]
    producer = kafka.producer(settings, "test")
    for e in events:
        producer.send(settings.topic("rapport.accounts.v1"), key=b"ada", value=e.to_bytes()).get(30)
    producer.close()
    _follow_until(runner, lambda: runner.handled >= len(events))

    devices = {d["_id"]: d for d in SyncDevice._get_collection().find({"member_id": ADA.member_id})}
    mine = devices[phone.id]
    assert (mine["name"], mine["client_id"], mine["pushes"]) == ("Ada's phone", "rapport-ios", 1)
    assert mine["registered_at"].isoformat().startswith("2026-05-01T09:00")
    assert mine["revoked_at"].isoformat().startswith("2026-05-03T09:00") and mine["revoked_reason"] == "revoked"
    assert receipts.count_documents({"device_id": phone.id}) == 0      # forgotten
    assert receipts.count_documents({"device_id": tablet.id}) == 1     # another device's are kept
    assert devices["d-late"]["revoked_at"] and devices["d-late"]["name"] == "Ada's phone"
    listed = ada.get("/v1/sync/contacts/devices").json_body["items"]
    assert sorted(d["device_id"] for d in listed) == sorted(["d-new", tablet.id])   # not the revoked
    new = next(d for d in listed if d["device_id"] == "d-new")
    assert (new["name"], new["client_id"], new["pushes"], new["last_push_at"]) == (None, "rapport-ios", 0, None)
    assert new["registered_at"] == "2026-05-01T09:00:00.000Z"
    # what the revoked device's mutations wrote stays
    assert len(ada.get("/v1/contacts").json_body["items"]) == 2
