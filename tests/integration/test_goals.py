"""Goals and the networking plan over HTTP on real servers, with the events they record."""
from services.goals.adapters.documents import Goal, Plan
from shared import kafka
from shared.relay import OutboxRelay

from .conftest import envelopes, read_topic


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


GOAL = {"title": "Chief Technology Officer", "horizon": "ultimate", "target_date": "2031-01-01",
        "milestones": [{"kind": "relationship", "title": "Know a sitting CTO", "role": "CTO"},
                       {"kind": "training", "title": "Executive leadership course"}]}


def test_goal_lifecycle_and_one_active_ultimate_goal(make_app, issue_token):
    goals = make_app("goals")
    h = _auth(issue_token())
    created = goals.post("/v1/goals", json=GOAL, headers=h)
    assert created.status_code == 201, created.json
    goal = created.json
    assert [m["kind"] for m in goal["milestones"]] == ["relationship", "training"]
    assert all(m["milestone_id"] and m["status"] == "open" for m in goal["milestones"])

    second = goals.post("/v1/goals", json=GOAL, headers=h)
    assert second.status_code == 409 and second.json["type"] == "/problems/ultimate-goal-exists"
    assert goals.post("/v1/goals", json={**GOAL, "horizon": "interim", "title": "Lead a team"}, headers=h).status_code == 201

    patched = goals.patch(f"/v1/goals/{goal['id']}", headers=h, json={
        "title": "CTO of a scale-up",
        "milestones": GOAL["milestones"][:1] + [{"kind": "position", "title": "VP Engineering"}]})
    assert patched.status_code == 200, patched.json
    assert patched.json["version"] == 2 and patched.json["title"] == "CTO of a scale-up"
    # the unchanged milestone keeps its id
    assert patched.json["milestones"][0]["milestone_id"] == goal["milestones"][0]["milestone_id"]

    assert goals.patch(f"/v1/goals/{goal['id']}", headers=h, json={"status": "done"}).status_code == 422
    for empty in ({"json": {}}, {}):  # an empty change, or no body at all: 422, no new version
        nothing = goals.patch(f"/v1/goals/{goal['id']}", headers=h, **empty)
        assert nothing.status_code == 422 and nothing.json["type"] == "/problems/validation-error", nothing.json
    assert goals.get(f"/v1/goals/{goal['id']}", headers=h).json["version"] == 2
    other = _auth(issue_token("org-b", "member-a"))
    assert goals.get(f"/v1/goals/{goal['id']}", headers=other).status_code == 404
    assert goals.patch(f"/v1/goals/{goal['id']}", headers=other, json={"title": "x"}).status_code == 404
    assert goals.delete(f"/v1/goals/{goal['id']}", headers=other).status_code == 404

    assert goals.delete(f"/v1/goals/{goal['id']}", headers=h).status_code == 204
    assert goals.get(f"/v1/goals/{goal['id']}", headers=h).status_code == 404
    assert goals.post("/v1/goals", json=GOAL, headers=h).status_code == 201  # a new direction, network kept
    assert len(goals.get("/v1/goals", headers=h).json["items"]) == 2


def test_plan_defaults_by_style_validation_and_events(make_app, issue_token, kafka_topics, settings_for):
    goals = make_app("goals")
    h = _auth(issue_token())
    default = goals.get("/v1/plan", headers=h).json
    assert default["is_default"] and default["style"] == "ambivert" and default["version"] == 0

    bad = goals.put("/v1/plan", headers=h, json={"style": "shy", "timezone": "Mars/Olympus",
                                                 "working_hours": {"start": "18:00", "end": "09:00"},
                                                 "max_nudges_per_day": 0})
    assert bad.status_code == 422
    assert set(bad.json["errors"]) == {"style", "timezone", "working_hours", "max_nudges_per_day"}
    assert Plan._get_collection().count_documents({}) == 0

    plan = goals.put("/v1/plan", headers=h, json={"style": "introvert", "timezone": "Europe/Berlin"}).json
    assert (plan["weekly_budget"], plan["follow_up_days"], plan["max_nudges_per_day"]) == (3, 3, 2)
    assert plan["version"] == 1 and not plan["is_default"]
    plan = goals.put("/v1/plan", headers=h, json={"style": "introvert", "weekly_budget": 4}).json
    assert plan["version"] == 2 and plan["weekly_budget"] == 4 and plan["timezone"] is None
    assert plan["working_hours"]["days"] == [1, 2, 3, 4, 5] and plan["offers"] == []
    assert goals.put("/v1/plan", headers=h, json={"style": "introvert", "working_hours": {
        "start": "09:00", "end": "12:00", "days": [0, 8]}}).json["errors"]["working_hours"]["days"]
    plan = goals.put("/v1/plan", headers=h, json={"style": "introvert", "weekly_budget": 4,
                                                  "offers": ["code review"]}).json
    assert plan["version"] == 3 and plan["offers"] == ["code review"]
    goals.post("/v1/goals", json=GOAL, headers=h)

    settings = settings_for("goals")
    relay = OutboxRelay([Goal._get_collection(), Plan._get_collection()], settings.topic("rapport.goals.v1"),
                        kafka.producer(settings, "relay"))
    assert relay.run_once() == 4
    relay.producer.close()
    events = envelopes(read_topic(settings.kafka_bootstrap, settings.topic("rapport.goals.v1"), expect=4))
    assert sorted(e["type"] for e in events) == ["goal.created"] + ["plan.updated"] * 3
    plans = [e["data"] for e in events if e["type"] == "plan.updated"]
    assert [p["version"] for p in plans] == [1, 2, 3] and plans[2]["offers"] == ["code review"]
    relationship = next(e for e in events if e["type"] == "goal.created")["data"]["milestones"][0]
    assert relationship["role"] == "CTO" and relationship["kind"] == "relationship"


def test_two_racing_ultimate_goals_one_wins_the_other_is_the_documented_conflict(make_app, issue_token):
    """Once the check was a count before the insert: two requests at the same moment both
    counted none and both inserted. The store now refuses the second (a unique key)."""
    import threading

    goals = make_app("goals")
    for round_ in range(4):
        h = _auth(issue_token("org-race", f"racer-{round_}"))
        start, answers = threading.Barrier(2), []

        def create():
            client = goals.application.test_client()
            start.wait()
            answers.append(client.post("/v1/goals", json=GOAL, headers=h))
        threads = [threading.Thread(target=create) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(a.status_code for a in answers) == [201, 409], [a.json for a in answers]
        lost = next(a for a in answers if a.status_code == 409)
        assert lost.mimetype == "application/problem+json" and lost.json["type"] == "/problems/ultimate-goal-exists"
        listed = goals.get("/v1/goals", headers=h).json["items"]
        assert [g["horizon"] for g in listed] == ["ultimate"]


def test_goals_stored_before_the_guard_get_it_when_the_service_starts(settings_for, make_app, issue_token):
    """Goals written before `ultimate_key` existed: the service's start gives each its key (the
    member's newest active ultimate goal holds the guard) before the unique index is built."""
    from datetime import datetime, timedelta, timezone

    from shared import db

    settings = settings_for("goals")
    db.connect(settings)
    now = datetime.now(timezone.utc)
    old = {"org_id": "org-a", "member_id": "member-a", "title": "CTO", "horizon": "ultimate", "milestones": [],
           "status": "active", "version": 1, "outbox": [], "outbox_pending": False}
    Goal._get_collection().insert_many([
        {**old, "_id": "g-older", "created_at": now - timedelta(days=2), "updated_at": now},
        {**old, "_id": "g-newer", "created_at": now - timedelta(days=1), "updated_at": now},  # from the old race
        {**old, "_id": "g-interim", "horizon": "interim", "created_at": now, "updated_at": now}])
    goals = make_app("goals")
    keys = {d["_id"]: d["ultimate_key"] for d in Goal._get_collection().find({}, {"ultimate_key": 1})}
    assert keys == {"g-older": "g-older", "g-newer": "active", "g-interim": "g-interim"}
    h = _auth(issue_token())
    assert goals.post("/v1/goals", json=GOAL, headers=h).status_code == 409
    assert goals.patch("/v1/goals/g-newer", json={"status": "archived"}, headers=h).status_code == 200
    assert goals.patch("/v1/goals/g-older", json={"title": "CTO, still"}, headers=h).status_code == 200
    assert goals.post("/v1/goals", json=GOAL, headers=h).status_code == 409  # g-older is active too
    assert goals.patch("/v1/goals/g-older", json={"status": "archived"}, headers=h).status_code == 200
    assert goals.post("/v1/goals", json=GOAL, headers=h).status_code == 201
