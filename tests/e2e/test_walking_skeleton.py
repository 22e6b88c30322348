"""Token -> create a contact -> a follow-up nudge appears; other orgs see none of it."""
from datetime import timedelta

from ..waiting import wait_for
from shared import clock


def test_contact_to_nudge_over_http_and_tenants_are_isolated(member):
    ada = member()
    me = ada.get("/v1/members/me")
    assert me.status_code == 200 and me.json()["email"] == ada.email

    met_at = (clock.now() - timedelta(days=3)).isoformat()  # the follow-up is due now
    created = ada.post("/v1/contacts", json={"display_name": "Grace Hopper", "company": "Navy", "tier": "mentor",
                                             "met_at": met_at})
    assert created.status_code == 201, created.text
    contact = created.json()

    nudges = wait_for(lambda: ada.get("/v1/nudges").json()["items"])
    assert len(nudges) == 1
    nudge = nudges[0]
    assert nudge["kind"] == "follow_up" and nudge["contact_id"] == contact["id"]
    assert nudge["sentence"].startswith("Follow up with Grace Hopper")
    assert nudge["why"]["rule"] == "follow_up_after_meeting"

    goal = ada.post("/v1/goals", json={"title": "CTO", "horizon": "ultimate", "milestones": [
        {"kind": "relationship", "title": "Know a sitting CTO", "role": "CTO"}]})
    assert goal.status_code == 201, goal.text
    assert ada.get("/v1/goals").json()["items"][0]["milestones"][0]["role"] == "CTO"

    stranger = member()
    assert stranger.get(f"/v1/contacts/{contact['id']}").status_code == 404
    assert stranger.get("/v1/contacts").json()["items"] == []
    assert stranger.get("/v1/nudges").json()["items"] == []
    assert stranger.get("/v1/goals").json()["items"] == []


def test_gateway_errors_are_problems(suite, member):
    ada = member()
    r = ada.get("/v1/no-such-thing")
    assert r.status_code == 404 and r.headers["Content-Type"] == "application/problem+json"
    r = ada.post("/v1/contacts", data="{broken", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["type"] == "/problems/malformed-json"
    import requests
    assert requests.get(f"{suite.base_url}/v1/contacts", timeout=10).status_code == 401
    spec = requests.get(f"{suite.base_url}/v1/openapi/contacts.json", timeout=10)
    assert spec.status_code == 200 and "/v1/contacts" in spec.json()["paths"]
