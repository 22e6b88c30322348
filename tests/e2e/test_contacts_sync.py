"""The contacts sync protocol as a mobile app uses it, over HTTP through the gateway, with the
whole suite running as processes (two contacts workers, relays, nudge workers). Each app
install is signed in on its own device (`rapport-accounts issue-token --device`): its tokens'
`sid` is the device id it syncs as, with nothing to register."""
import uuid

import requests

from ..waiting import wait_for
from .conftest import on_device

SCHEMA = {"X-Rapport-Schema-Version": "1"}


class App:
    """A mobile app install of one member, signed in on its device: a client with the device's
    token, its device id (the token's `sid`), a cursor, local records."""

    def __init__(self, suite, member, name="Android phone"):
        self.client, self.id = on_device(suite, member, name)
        self.cursor = None
        self.state = {"contacts": {}, "interactions": {}, "gatherings": {}}
        self.merged_into = {}

    def push(self, *mutations):
        r = self.client.post("/v1/sync/contacts/push", json={"device_id": self.id, "mutations": list(mutations)},
                             headers=SCHEMA)
        assert r.status_code == 200, r.text
        assert r.json()["server_time"].endswith("Z")
        return r.json()["results"]

    def sync(self):
        while True:
            params = {"device_id": self.id, "limit": 3, **({"cursor": self.cursor} if self.cursor else {})}
            r = self.client.get("/v1/sync/contacts/pull", params=params, headers=SCHEMA)
            assert r.status_code == 200, r.text
            body = r.json()
            for coll, changes in body["changes"].items():
                for record in changes["upserted"]:
                    self.state[coll][record["id"]] = record
                for tomb in changes["deleted"]:
                    self.state[coll].pop(tomb["id"], None)
                    if tomb["merged_into"]:
                        self.merged_into[tomb["id"]] = tomb["merged_into"]
            self.cursor = body["next_cursor"]
            if not body["has_more"]:
                return


def upsert(coll, rid, fields, base=None):
    m = {"mutation_id": uuid.uuid4().hex, "collection": coll, "op": "upsert", "id": rid, "fields": fields,
         "client_time": "2026-05-14T10:00:00Z"}
    if base:
        m["base_version"] = base
    return m


def test_two_phones_of_one_member_capture_offline_and_converge(suite, member):
    ada = member()
    phone, tablet = App(suite, ada, "Ada's phone"), App(suite, ada, "Ada's tablet")
    assert phone.id != tablet.id
    gid, grace, iid = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    results = phone.push(
        upsert("gatherings", gid, {"name": "PyCon US", "kind": "conference", "starts_on": "2026-05-13"}),
        upsert("contacts", grace, {"display_name": "Grace Hopper", "company": "Navy", "gathering_id": gid,
                                   "emails": ["grace@navy.mil"], "met_at": "2026-05-14T09:30:00Z"}),
        upsert("interactions", iid, {"contact_id": grace, "kind": "coffee", "direction": "mutual",
                                     "occurred_at": "2026-05-14T09:45:00Z"}))
    assert [r["status"] for r in results] == ["applied"] * 3
    tablet.sync()
    assert tablet.state["contacts"][grace]["display_name"] == "Grace Hopper"

    # both offline; then both push: different fields merge, the same field conflicts
    (a,) = phone.push(upsert("contacts", grace, {"title": "Rear Admiral", "needs": ["a reviewer"]}, base=1))
    (b,) = tablet.push(upsert("contacts", grace, {"notes": "COBOL stories", "title": "Admiral"}, base=1))
    assert a["status"] == "applied" and b["status"] == "conflict"
    assert b["record"]["title"] == "Rear Admiral"
    (b2,) = tablet.push(upsert("contacts", grace, {"notes": "COBOL stories"}, base=b["version"]))
    assert b2["status"] == "applied"
    # a retry after a lost response changes nothing
    retry = tablet.push({**upsert("contacts", grace, {"notes": "COBOL stories"}, base=b["version"]),
                         "mutation_id": "lost-response"})
    again = tablet.push({**upsert("contacts", grace, {"notes": "COBOL stories"}, base=b["version"]),
                         "mutation_id": "lost-response"})
    assert again[0]["status"] == "duplicate" and again[0]["version"] == retry[0]["version"]

    phone.sync()
    tablet.sync()
    server = ada.get(f"/v1/contacts/{grace}").json()
    assert phone.state == tablet.state and phone.state["contacts"][grace] == server
    assert (server["title"], server["notes"], server["needs"]) == ("Rear Admiral", "COBOL stories", ["a reviewer"])

    # a duplicate captured at the conference is recognised, merged on the web, re-linked on phones
    dup = str(uuid.uuid4())
    (captured,) = phone.push(upsert("contacts", dup, {"display_name": "G. Hopper", "emails": ["GRACE@navy.mil"]}))
    assert captured["possible_duplicates"][0]["id"] == grace
    iid2 = str(uuid.uuid4())
    phone.push(upsert("interactions", iid2, {"contact_id": dup, "kind": "message",
                                             "occurred_at": "2026-05-15T09:00:00Z"}))
    merged = ada.post("/v1/duplicates/merge", json={"winner_id": grace, "loser_id": dup})
    assert merged.status_code == 200 and merged.json()["moved_interactions"] == 1
    tablet.sync()
    assert tablet.merged_into == {dup: grace}
    assert tablet.state["interactions"][iid2]["contact_id"] == grace

    # the sync state of each device, once accounts' device_registered has reached contacts
    def registered():
        items = ada.get("/v1/sync/contacts/devices", headers=SCHEMA).json()["items"]
        return all(d["registered_at"] for d in items) and {d["device_id"]: d for d in items}
    devices = wait_for(registered, timeout=30, what="contacts to hear of both devices")
    assert set(devices) == {phone.id, tablet.id} and devices[phone.id]["name"] == "Ada's phone"
    assert devices[tablet.id]["pushes"] == 4 and devices[tablet.id]["last_pull_at"]

    # other members see none of it, and cannot sync as this member's device; nor can a token of no device
    stranger = member()
    assert stranger.get(f"/v1/contacts/{grace}").status_code == 404
    theirs = App(suite, stranger)
    for client in (theirs.client, stranger, ada):
        r = client.post("/v1/sync/contacts/push", json={"device_id": phone.id, "mutations": []}, headers=SCHEMA)
        assert r.status_code == 409 and r.headers["Content-Type"] == "application/problem+json"
        assert r.json()["type"] == "/problems/device-not-registered"


def test_import_export_and_protocol_errors_through_the_gateway(suite, member):
    ada = member()
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:e2e-1\r\nFN:Katherine Johnson\r\nORG:NASA\r\n"
            "EMAIL:kj@nasa.gov\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x\r\nEND:VCARD\r\n")

    def imported() -> dict:  # queued by the API, run by the contacts followers
        r = ada.post("/v1/imports", data=card.encode(), headers={"Content-Type": "text/vcard"})
        assert r.status_code == 202 and r.json()["status"] == "queued", r.text
        return wait_for(lambda: (job := ada.get(r.headers["Location"]).json())["status"] == "done" and job,
                        timeout=30, what="the import job to finish")

    job = imported()
    assert job["counts"]["created"] == 1 and job["counts"]["failed"] == 1 and job["errors"][0]["line"] == 8
    assert imported()["counts"]["created"] == 0
    vcf = ada.get("/v1/exports/contacts.vcf")
    assert vcf.headers["Content-Type"].startswith("text/vcard") and "FN:Katherine Johnson" in vcf.text

    phone = App(suite, ada)
    r = phone.client.post("/v1/sync/contacts/push", json={"device_id": phone.id, "mutations": []},
                          headers={"X-Rapport-Schema-Version": "0"})
    assert r.status_code == 426 and r.json()["type"] == "/problems/upgrade-required"
    r = ada.get("/v1/sync/contacts/pull", params={"cursor": "not-ours"}, headers=SCHEMA)
    assert r.status_code == 400 and r.json()["type"] == "/problems/invalid-cursor"
    r = ada.get("/v1/sync/contacts/pull", params={"limit": 100000}, headers=SCHEMA)
    assert r.status_code == 413
    spec = requests.get(f"{suite.base_url}/v1/openapi/contacts.json", timeout=10).json()
    assert "/v1/sync/contacts/push" in spec["paths"]
