"""Every query the goals routes and the outbox relay send is answered from an index on
FerretDB-on-PostgreSQL (OwnFerretDB.PLANS: sequential scans forbidden, every plan logged)."""
from __future__ import annotations

from services.goals.adapters.documents import Goal, Plan
from shared import db, kafka
from shared.relay import OutboxRelay

GOAL = {"title": "Chief Technology Officer", "horizon": "ultimate", "target_date": "2031-01-01",
        "milestones": [{"kind": "relationship", "title": "Know a sitting CTO", "role": "CTO"}]}


def test_goals_and_the_relay_are_served_by_indexes(planned_ferretdb, kafka_topics, settings_for, make_app,
                                                   issue_token):
    store = planned_ferretdb
    settings = settings_for("goals", mongo_uri=store.uri)
    goals = make_app("goals", mongo_uri=store.uri)
    db.connect(settings)
    h = {"Authorization": f"Bearer {issue_token('org-plans', 'm-plans')}"}
    first = goals.post("/v1/goals", json=GOAL, headers=h)
    assert first.status_code == 201
    goals.put("/v1/plan", headers=h, json={"style": "introvert", "timezone": "Europe/Berlin"})
    relay = OutboxRelay([Goal._get_collection(), Plan._get_collection()], settings.topic("rapport.goals.v1"),
                        kafka.producer(settings, "relay"))
    try:
        relay.run_once()
        mark = store.log_mark()  # the collections and their indexes exist from here on

        interim = goals.post("/v1/goals", json={**GOAL, "horizon": "interim", "title": "Lead a team"}, headers=h)
        assert interim.status_code == 201
        assert goals.get("/v1/goals", headers=h).status_code == 200
        assert goals.get(f"/v1/goals/{interim.json['id']}", headers=h).status_code == 200
        assert goals.patch(f"/v1/goals/{interim.json['id']}", json={"title": "Lead two teams"},
                           headers=h).status_code == 200
        assert goals.get("/v1/plan", headers=h).status_code == 200
        assert goals.put("/v1/plan", headers=h, json={"style": "extrovert", "timezone": "UTC"}).status_code == 200
        assert relay.run_once() == 3
    finally:
        relay.release()
        relay.producer.close()
    assert store.scans_since(mark) == {}
