"""The plan's questionnaire, validation and suggestions over HTTP on real servers, with the
events they write to the documents' outboxes."""
from datetime import timedelta

from services.goals.adapters.documents import Plan, PlanSuggestion
from services.goals.adapters.store import MongoGoalStore
from services.goals.adapters.suggestions import MongoSuggestionStore
from services.goals.domain.picture import NudgeOutcome, Picture
from services.goals.service_layer.planning import Planning
from shared import clock
from shared.db import Scope

ANSWERS = {"energy": "one_to_one", "channels": ["coffee", "calls"], "hours_per_week": 3, "cold_outreach": 2,
           "speaking": 1, "follow_up": "within_days", "offers": ["code review"]}


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _outbox(document, **query):
    return [e for d in document._get_collection().find(query) for e in d.get("outbox", [])]


def test_questionnaire_sets_the_plan_and_put_validates_channels(make_app, issue_token, kafka_topics):
    goals = make_app("goals")
    h = _auth(issue_token())
    questions = goals.get("/v1/plan/questionnaire", headers=h).json["questions"]
    assert len(questions) == 8 and {q["id"] for q in questions} >= {"energy", "channels", "offers"}
    assert next(q for q in questions if q["id"] == "cold_outreach")["max"] == 5

    bad = goals.post("/v1/plan/questionnaire", headers=h, json={"answers": {**ANSWERS, "energy": "loud",
                                                                            "hours_per_week": 99}})
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"
    assert set(bad.json["errors"]["answers"]) == {"energy", "hours_per_week"}
    assert Plan._get_collection().count_documents({}) == 0

    plan = goals.post("/v1/plan/questionnaire", headers=h, json={"answers": ANSWERS})
    assert plan.status_code == 200, plan.json
    assert plan.json["style"] == "introvert" and plan.json["version"] == 1 and plan.json["answers"] == ANSWERS
    assert set(plan.json["channels"]) == {"coffee", "calls"} and plan.json["reasoning"]
    assert goals.get("/v1/plan", headers=h).json["commitments"] == plan.json["commitments"]

    wrong = goals.put("/v1/plan", headers=h, json={"style": "introvert", "channels": {"coffee": 0.5, "tv": 0.2},
                                                   "commitments": [{"what": "coffee", "count": 0, "per": "week"}]})
    assert wrong.status_code == 422 and set(wrong.json["errors"]) == {"channels", "commitments"}
    put = goals.put("/v1/plan", headers=h, json={"style": "introvert", "channels": {"coffee": 0.7, "online": 0.3},
                                                 "commitments": [{"what": "coffee", "count": 1, "per": "week"}]})
    assert put.status_code == 200 and put.json["version"] == 2 and put.json["answers"] is None

    [first, second] = _outbox(Plan)
    assert first["type"] == "plan.updated" and first["data"]["answers"] == ANSWERS
    assert first["data"]["reasoning"] == plan.json["reasoning"]
    assert second["data"]["channels"] == {"coffee": 0.7, "online": 0.3} and second["data"]["version"] == 2

    paths = goals.get("/v1/openapi/goals.json").json["paths"]
    assert {"404", "409", "503"} <= set(paths["/v1/plan/suggestions/{suggestion_id}/accept"]["post"]["responses"])
    assert "422" in paths["/v1/plan/questionnaire"]["post"]["responses"]


def test_suggestions_are_listed_accepted_and_declined_with_their_events(make_app, issue_token, kafka_topics):
    goals = make_app("goals")
    h, other = _auth(issue_token()), _auth(issue_token("org-b", "member-a"))
    assert goals.put("/v1/plan", headers=h, json={"style": "ambivert", "commitments": []}).status_code == 200
    now = clock.now() + timedelta(days=2)  # the outcomes come after the plan was set (only those count)
    planning = Planning(MongoGoalStore(), MongoSuggestionStore(), lambda: now)
    scope = Scope("org-a", "member-a")
    picture = Picture(nudges=[NudgeOutcome(f"n{i}", "follow_up", None, status, reason, None, None,
                                           now - timedelta(days=1), None)
                              for i, (status, reason) in enumerate([("dismissed", "too_many")] * 3 +
                                                                   [("snoozed", None)] * 3)])
    assert planning.learn(scope, picture, now) == 2
    assert planning.learn(scope, picture, now) == 0

    listed = goals.get("/v1/plan/suggestions", headers=h).json["items"]
    by_rule = {s["rule"]: s for s in listed}
    assert set(by_rule) == {"too_many_nudges", "snoozed"}
    assert by_rule["too_many_nudges"]["changes"] == {"max_nudges_per_day": 2}
    assert goals.get("/v1/plan/suggestions", headers=other).json["items"] == []
    assert goals.get("/v1/plan/suggestions?status=maybe", headers=h).status_code == 422

    sid = by_rule["too_many_nudges"]["id"]
    assert goals.post(f"/v1/plan/suggestions/{sid}/accept", headers=other).status_code == 404
    accepted = goals.post(f"/v1/plan/suggestions/{sid}/accept", headers=h)
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["suggestion"]["status"] == "accepted"
    assert accepted.json["plan"]["max_nudges_per_day"] == 2 and accepted.json["plan"]["version"] == 2
    again = goals.post(f"/v1/plan/suggestions/{sid}/decline", headers=h)
    assert again.status_code == 409 and again.json["type"] == "/problems/suggestion-decided"
    assert again.json["suggestion_status"] == "accepted"

    declined = goals.post(f"/v1/plan/suggestions/{by_rule['snoozed']['id']}/decline", headers=h)
    assert declined.status_code == 200 and declined.json["status"] == "declined"
    assert goals.get("/v1/plan/suggestions", headers=h).json["items"] == []
    assert [s["rule"] for s in goals.get("/v1/plan/suggestions?status=declined", headers=h).json["items"]] == \
        ["snoozed"]
    assert goals.get("/v1/plan", headers=h).json["max_nudges_per_day"] == 2

    events = sorted((e["type"], e["data"]["rule"]) for e in _outbox(PlanSuggestion))
    assert events == [("plan.suggested", "snoozed"), ("plan.suggested", "too_many_nudges"),
                      ("plan.suggestion_accepted", "too_many_nudges"), ("plan.suggestion_declined", "snoozed")]
    assert [e["data"]["version"] for e in _outbox(Plan)] == [1, 2]
    assert _outbox(Plan)[-1]["data"]["max_nudges_per_day"] == 2
