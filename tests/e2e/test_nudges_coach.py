"""The coach through the gateway, with the suite's own worker processes: a plan in the
member's zone, a follow-up due inside their working hours, feedback, a calendar feed,
mobile sync (signed in on the phone: `issue-token --device`), and a deleted contact's nudge
reaching the device as a tombstone."""
from datetime import datetime, timedelta

import requests

from ..waiting import wait_for
from shared import clock

from .conftest import on_device

SYNC = {"X-Rapport-Schema-Version": "1"}


def in_working_hours(nudge) -> bool:
    local = datetime.fromisoformat(nudge["due_local"])
    return local.isoweekday() <= 5 and 9 <= local.hour < 17


def test_the_coach_end_to_end(suite, member):
    ada = member()
    plan = ada.put("/v1/plan", json={"style": "introvert", "timezone": "Asia/Tokyo", "max_nudges_per_day": 5})
    assert plan.status_code == 200, plan.text
    met_at = (clock.now() - timedelta(days=4)).isoformat()
    grace = ada.post("/v1/contacts", json={"display_name": "Grace Hopper", "met_at": met_at}).json()
    alan = ada.post("/v1/contacts", json={"display_name": "Alan Turing", "met_at": met_at}).json()

    def both_in_tokyo_hours():
        items = ada.get("/v1/nudges").json()["items"]
        ok = len(items) == 2 and all(n["due_local"].endswith("+09:00") and in_working_hours(n) for n in items)
        return ok and items
    nudges = {n["contact_id"]: n for n in wait_for(both_in_tokyo_hours, what="two follow-ups in Tokyo hours",
                                                   show=lambda: ada.get("/v1/nudges").json())}
    first = nudges[grace["id"]]
    assert first["kind"] == "follow_up" and first["sentence"].startswith("Follow up with Grace Hopper")

    # a calendar app subscribes to the secret URL, no token
    feed = ada.post("/v1/feeds/ics").json()
    cal = requests.get(suite.base_url + feed["path"], timeout=10)
    assert cal.status_code == 200 and cal.headers["Content-Type"].startswith("text/calendar")
    assert cal.text.count("BEGIN:VTODO") == 2

    # the phone pulls everything, then pushes a dismissal made offline (and retries it)
    pulled = wait_for(lambda: (lambda b: len(b["changes"]["nudges"]["upserted"]) == 2 and b)(
        ada.get("/v1/sync/nudges/pull", headers=SYNC).json()), what="a full pull")
    cursor = pulled["next_cursor"]
    mutation = {"mutation_id": "m-1", "id": nudges[alan["id"]]["id"], "op": "upsert",
                "base_version": nudges[alan["id"]]["version"], "fields": {"status": "dismissed",
                                                                          "reason": "not_now"}}
    phone, device_id = on_device(suite, ada, "Ada's phone")   # signed in on it: its token's sid
    push = lambda: phone.post("/v1/sync/nudges/push", json={"device_id": device_id, "mutations": [mutation]},
                              headers=SYNC)
    assert push().json()["results"][0]["status"] == "applied"
    assert push().json()["results"][0]["status"] == "duplicate"
    r = ada.post("/v1/sync/nudges/push", json={"device_id": device_id, "mutations": [mutation]}, headers=SYNC)
    assert r.status_code == 409 and r.json()["type"] == "/problems/device-not-registered"  # a token of no device

    done = ada.post(f"/v1/nudges/{first['id']}/done", json={"interaction": {"kind": "message"}})
    assert done.status_code == 200 and done.json()["status"] == "done"

    # Grace is deleted: her nudge is withdrawn and the phone gets a tombstone
    assert ada.delete(f"/v1/contacts/{grace['id']}").status_code == 204

    def tombstone():
        body = ada.get(f"/v1/sync/nudges/pull?cursor={cursor}", headers=SYNC).json()
        return [t for t in body["changes"]["nudges"]["deleted"] if t["id"] == first["id"]]
    [gone] = wait_for(tombstone, what="the tombstone")
    assert gone["reason"] == "contact_deleted"
    assert ada.get(f"/v1/nudges/{first['id']}").json()["status"] == "withdrawn"
    assert requests.get(suite.base_url + feed["path"], timeout=10).text.count("BEGIN:VTODO") == 0

    stranger = member()
    assert stranger.get(f"/v1/nudges/{first['id']}").status_code == 404
    assert requests.get(suite.base_url + "/v1/feeds/ics/not-a-secret.ics", timeout=10).status_code == 404
