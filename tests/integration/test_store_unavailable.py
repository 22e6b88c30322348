"""A store that goes away is a 503 with Retry-After, never a 500, and nothing half-written
stays: a real FerretDB of this test's own is stopped under a running service and started again."""
from __future__ import annotations


GOAL = {"title": "Chief Technology Officer", "horizon": "ultimate"}


def test_requests_while_the_store_is_down_are_503_problems_and_store_nothing(own_ferretdb, make_app, issue_token):
    goals = make_app("goals", mongo_uri=own_ferretdb.uri)
    auth = {"Authorization": f"Bearer {issue_token()}"}
    assert goals.get("/v1/goals", headers=auth).status_code == 200

    own_ferretdb.stop()
    for answer in (goals.get("/v1/goals", headers=auth), goals.post("/v1/goals", json=GOAL, headers=auth)):
        assert answer.status_code == 503 and answer.mimetype == "application/problem+json", answer.data[:300]
        assert answer.json["type"] == "/problems/store-unavailable" and answer.headers["Retry-After"] == "1"
        assert "127.0.0.1" not in answer.get_data(as_text=True)  # no internals in the answer

    own_ferretdb.start()
    listed = goals.get("/v1/goals", headers=auth)
    assert listed.status_code == 200 and listed.json["items"] == []  # the refused write left nothing
    assert goals.post("/v1/goals", json=GOAL, headers=auth).status_code == 201
