"""Networking objectives and a review over HTTP on real servers: CRUD with progress from the
read model, validation, another member's objective, the events in the outbox."""
from datetime import timedelta

from services.goals.adapters.documents import NetworkRecord, Objective
from shared import clock
from shared.readmodel import MongoReadModel
from shared.strategy.projection import changes_for


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _seed(org, member, events):
    model = MongoReadModel(NetworkRecord._get_collection())
    for type_, data, when in events:
        model.apply_many(org, member, [c for c in changes_for(type_, data, data, when)])


def test_objectives_crud_progress_validation_and_events(make_app, issue_token):
    goals = make_app("goals")
    h = _auth(issue_token())
    now = clock.now()
    today = now.date()
    _seed("org-a", "member-a", [
        ("contact.created", {"contact_id": "c1", "version": 1, "display_name": "Ada Lovelace",
                             "title": "Head of Product", "company": "Payly", "tags": ["fintech"],
                             "met_at": (now - timedelta(hours=2)).isoformat(), "needs": ["code review"]}, now),
        ("contact.created", {"contact_id": "c2", "version": 1, "display_name": "Grace", "title": "Engineer",
                             "met_at": (now - timedelta(hours=1)).isoformat()}, now),
        ("interaction.logged", {"interaction_id": "i1", "version": 1, "contact_id": "c1", "kind": "help_given",
                                "occurred_at": (now - timedelta(hours=1)).isoformat()}, now),
        ("interaction.logged", {"interaction_id": "i2", "version": 1, "contact_id": "c2", "kind": "help_given",
                                "occurred_at": (now - timedelta(minutes=30)).isoformat()}, now),
        ("interaction.deleted", {"interaction_id": "i2", "version": 2, "contact_id": "c2"}, now),
    ])
    body = {"title": "Meet two product leaders at fintechs", "kind": "meet", "target": 2,
            "starts_on": (today - timedelta(days=1)).isoformat(), "due_date": (today + timedelta(days=30)).isoformat(),
            "criteria": {"role": "product", "sector": "fintech"}}
    created = goals.post("/v1/objectives", json=body, headers=h)
    assert created.status_code == 201, created.json
    o = created.json
    assert o["status"] == "active" and o["version"] == 1
    assert o["progress"]["count"] == 1 and o["progress"]["contact_ids"] == ["c1"] and not o["progress"]["met"]
    assert o["progress"]["due_in_days"] == 30

    give = goals.post("/v1/objectives", headers=h, json={
        "title": "Give first twice a month", "kind": "give_first", "target": 2, "per": "month",
        "due_date": (today + timedelta(days=60)).isoformat()}).json
    assert give["starts_on"] == today.isoformat()
    assert give["progress"]["count"] == 1 and give["progress"]["period"] == f"{today.year}-{today.month:02d}"

    for bad, field in (({**body, "kind": "dance"}, "kind"), ({**body, "target": 0}, "target"),
                       ({**body, "target": 1001}, "target"), ({**body, "per": "week"}, "per"),
                       ({**body, "due_date": (today - timedelta(days=5)).isoformat()}, "due_date"),
                       ({**body, "kind": "touches", "criteria": {"channel": "pigeon"}}, "criteria"),
                       ({**body, "kind": "touches"}, "criteria"), ({**body, "goal_id": "g-nope"}, "goal_id")):
        answer = goals.post("/v1/objectives", json=bad, headers=h)
        assert answer.status_code == 422 and answer.mimetype == "application/problem+json", (bad, answer.json)
        assert field in answer.json["errors"], (field, answer.json)

    path = f"/v1/objectives/{o['id']}"
    patched = goals.patch(path, json={"target": 1}, headers=h)
    assert patched.status_code == 200 and patched.json["version"] == 2 and patched.json["progress"]["met"]
    assert goals.patch(path, json={}, headers=h).status_code == 422
    assert goals.patch(path, json={"status": "met"}, headers=h).status_code == 422
    assert goals.get(path, headers=h).json["version"] == 2

    other = _auth(issue_token("org-b", "member-a"))
    assert goals.get(path, headers=other).status_code == 404
    assert goals.patch(path, json={"target": 3}, headers=other).status_code == 404
    assert goals.delete(path, headers=other).status_code == 404
    assert goals.get("/v1/objectives", headers=other).json["items"] == []

    first = goals.get("/v1/objectives?limit=1", headers=h).json
    rest = goals.get(f"/v1/objectives?limit=1&cursor={first['next_cursor']}", headers=h).json
    assert sorted(x["id"] for x in first["items"] + rest["items"]) == sorted([o["id"], give["id"]])
    assert rest["next_cursor"] is None

    proposals = goals.get("/v1/objectives/proposals", headers=h).json["items"]
    assert proposals[0]["objective"] is None                              # the plan offers nothing yet
    goals.put("/v1/plan", headers=h, json={"style": "introvert", "offers": ["code review"]})
    [proposal] = goals.get("/v1/objectives/proposals", headers=h).json["items"]
    assert proposal["contact_ids"] == ["c1"] and proposal["objective"]["title"] == "Offer code review to Ada this month"
    accepted = goals.post("/v1/objectives", json=proposal["objective"], headers=h)
    assert accepted.status_code == 201 and accepted.json["kind"] == "give_first"

    assert goals.delete(path, headers=h).status_code == 204
    assert goals.get(path, headers=h).status_code == 404
    stored = Objective._get_collection().find_one({"_id": o["id"]})
    assert stored["deleted"] and stored["title"] == ""
    assert [e["type"] for e in stored["outbox"]] == ["objective.created", "objective.updated", "objective.deleted"]
    assert stored["outbox"][0]["data"]["progress"] == {"count": 1, "target": 2, "met": False, "period": None}
    assert stored["outbox"][1]["data"]["version"] == 2 and stored["outbox"][2]["data"]["version"] == 3


def test_a_weekly_review_from_the_read_model(make_app, issue_token):
    goals = make_app("goals")
    h = _auth(issue_token("org-r", "member-r"))
    now = clock.now()
    monday = (now - timedelta(days=now.weekday() + 7)).replace(hour=9, minute=0, second=0, microsecond=0)
    iso = monday.isocalendar()
    week = f"{iso.year}-W{iso.week:02d}"
    _seed("org-r", "member-r", [
        ("contact.created", {"contact_id": "c1", "version": 1, "display_name": "Ada", "tier": "peer",
                             "met_at": monday.isoformat()}, monday),
        ("interaction.logged", {"interaction_id": "i1", "version": 1, "contact_id": "c1", "kind": "coffee",
                                "occurred_at": (monday + timedelta(days=1)).isoformat()}, monday),
        ("interaction.logged", {"interaction_id": "i2", "version": 1, "contact_id": "c1", "kind": "help_received",
                                "occurred_at": (monday + timedelta(days=2)).isoformat()}, monday),
    ])
    answer = goals.get("/v1/reviews/weekly", headers=h)
    assert answer.status_code == 200, answer.json
    r = answer.json
    assert r["period"] == week and r["touches"]["planned_total"] == 5 and r["touches"]["actual_total"] == 2
    assert {row["label"]: row["actual"] for row in r["touches"]["by_channel"]}["coffee"] == 1
    assert r["follow_ups"]["series"][0] == {"label": "within", "value": 1}
    assert (r["giving"]["given"], r["giving"]["received"]) == (0, 1)
    assert {p["label"]: p["value"] for p in r["new_relationships"]["by_tier"]}["peer"] == 1
    assert goals.get(f"/v1/reviews/weekly?week={week}", headers=h).json == r
    assert goals.get("/v1/reviews/weekly?week=2026-48", headers=h).status_code == 422
    assert goals.get(f"/v1/reviews/weekly?week={now.year + 1}-W10", headers=h).status_code == 422
    quarter = goals.get("/v1/reviews/quarterly", headers=h)
    assert quarter.status_code == 200 and quarter.json["weeks"]
    assert goals.get("/v1/reviews/quarterly?quarter=2026-Q9", headers=h).status_code == 422
    assert goals.get("/v1/reviews/weekly", headers=_auth(issue_token("org-r", "other")))\
        .json["touches"]["actual_total"] == 0
