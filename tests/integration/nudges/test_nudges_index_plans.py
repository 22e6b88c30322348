"""Every query the nudges hot paths send is answered from an index on FerretDB-on-PostgreSQL:
the worker's projector and evaluator, the nudge list and actions, and mobile sync
(OwnFerretDB.PLANS: sequential scans forbidden, every plan logged)."""
from __future__ import annotations

from .conftest import make_coach


def test_nudges_hot_paths_are_served_by_indexes(planned_ferretdb, kafka_topics, settings_for, issue_token):
    store = planned_ferretdb
    coach = make_coach(settings_for, issue_token, mongo_uri=store.uri)
    coach.feed(coach.plan(), *(coach.contact(f"c-{i}", f"Person {i}") for i in range(5)))
    mark = store.log_mark()  # the collections and their indexes exist from here on

    coach.feed(coach.contact("c-9", "Grace"), coach.contact("c-1", "Person 1", version=2, title="CTO"))
    coach.clock.advance(days=3)
    coach.feed()
    items = coach.items()
    assert items and coach.get(f"/v1/nudges/{items[0]['id']}").status_code == 200
    assert coach.post(f"/v1/nudges/{items[0]['id']}/done", {}).status_code == 200
    assert coach.post(f"/v1/nudges/{items[1]['id']}/snooze", {"days": 2}).status_code == 200
    assert coach.items("?status=pending&kind=follow_up")
    pull = coach.get("/v1/sync/nudges/pull?limit=50")
    assert pull.status_code == 200
    push = coach.push("phone", [
        {"mutation_id": "m1", "id": items[2]["id"], "op": "upsert", "base_version": items[2]["version"],
         "fields": {"status": "dismissed", "reason": "not_now"}}])
    assert push.json["results"][0]["status"] == "applied", push.json

    assert store.scans_since(mark) == {}
