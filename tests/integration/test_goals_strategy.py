"""The strategy on real servers: the goals follower learns the network from contact and
interaction events over Kafka (idempotently; a replay from the earliest offset gives the same
coverage), coverage is served from it, and a change of direction keeps it."""
import dataclasses
from datetime import datetime, timedelta, timezone

from services.goals.adapters.documents import NetworkRecord
from shared import follower, kafka
from shared.clock import rfc3339
from shared.events import new_event
from tests.waiting import running, wait_for

ORG, ADA = "org-a", "member-a"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PATH = {"title": "CTO of a fintech", "horizon": "ultimate", "milestones": [
    {"kind": "relationship", "title": "Know a fintech CTO", "role": "CTO", "sector": "fintech"},
    {"kind": "position", "title": "VP Engineering", "opened_by": [{"role": "CEO"}]}]}


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _event(type_, data, member=ADA, at=NOW):
    e = new_event(type_, org_id=ORG, member_id=member, data=data, source="rapport/contacts")
    return dataclasses.replace(e, occurred_at=rfc3339(at))


def _contact(cid, name, title, version=1, **more):
    return _event("contact.created" if version == 1 else "contact.updated",
                  {"contact_id": cid, "version": version, "display_name": name, "title": title, **more})


def _coffee(iid, cid, days_ago):
    return _event("interaction.logged", {"interaction_id": iid, "contact_id": cid, "version": 1, "kind": "coffee",
                                         "occurred_at": rfc3339(NOW - timedelta(days=days_ago))})


def _publish(settings, events):
    producer = kafka.producer(settings, "test")
    for e in events:
        producer.send(settings.topic("rapport.contacts.v1"), key=e.member_id.encode(), value=e.to_bytes()).get(30)
    producer.close()


def _verdicts(client, goal_id, h):
    body = client.get(f"/v1/goals/{goal_id}/coverage", headers=h).json
    return [(m["title"], [n["verdict"] for n in m["needs"]]) for m in body["milestones"]]


def test_coverage_follows_the_network_the_follower_learns_and_a_replay_rebuilds_it(
        make_app, issue_token, kafka_topics, settings_for):
    settings = settings_for("goals")
    goals = make_app("goals")
    h = _auth(issue_token(ORG, ADA))
    goal = goals.post("/v1/goals", json=PATH, headers=h).json
    assert _verdicts(goals, goal["id"], h) == [("Know a fintech CTO", ["missing"]), ("VP Engineering", ["missing"])]

    grace = _contact("c-grace", "Grace Hopper", "CTO", company="Paywise", tags=["fintech"])
    stranger = _event("contact.created", {"contact_id": "c-x", "version": 1, "display_name": "Not Ada's",
                                          "title": "CEO"}, member="member-b")
    events = [grace, grace, stranger,                                   # a redelivery changes nothing
              _contact("c-ceo", "Ada Lovelace", "CEO", tier="mentor"),
              _coffee("i-1", "c-grace", 3), _coffee("i-2", "c-grace", 30),
              _contact("c-grace", "Grace Hopper", "CTO", version=2, company="Paywise", tags=["fintech"])]
    _publish(settings, events)
    with running(follower.build(settings)):
        wait_for(lambda: _verdicts(goals, goal["id"], h) == [("Know a fintech CTO", ["covered"]),
                                                             ("VP Engineering", ["covered"])],
                 what="coverage from the learnt network", show=lambda: _verdicts(goals, goal["id"], h))
    learnt = goals.get(f"/v1/goals/{goal['id']}/coverage", headers=h).json
    grace_need = learnt["milestones"][0]["needs"][0]
    assert grace_need["contacts"][0]["contact_id"] == "c-grace"
    assert grace_need["contacts"][0]["strength"]["recent_touches"] >= 1 and "strong" in grace_need["reason"]
    assert learnt["contacts_considered"] == 2  # another member's contact is not Ada's

    # replay from the earliest offset into an empty read model: the same coverage
    NetworkRecord._get_collection().delete_many({})
    assert _verdicts(goals, goal["id"], h)[0][1] == ["missing"]
    with running(follower.build(settings, group_id="rapport-goals-replay")):
        wait_for(lambda: goals.get(f"/v1/goals/{goal['id']}/coverage", headers=h).json["milestones"] ==
                 learnt["milestones"], what="the same coverage after a replay")

    # a change of direction keeps the network: the new path is covered by who is already there
    changed = goals.post(f"/v1/goals/{goal['id']}/change-direction", headers=h, json={
        "title": "Found a fintech", "milestones": [
            {"kind": "relationship", "title": "A mentor who founded one", "role": "CEO"}]})
    assert changed.status_code == 201, changed.json
    assert changed.json["coverage"]["counts"] == {"covered": 1, "weak": 0, "missing": 0}
    assert changed.json["previous"]["status"] == "archived"
    assert goals.get(f"/v1/goals/{goal['id']}", headers=h).json["replaced_by"] == changed.json["goal"]["id"]
    other = _auth(issue_token("org-b", ADA))
    assert goals.get(f"/v1/goals/{goal['id']}/coverage", headers=other).status_code == 404
