"""The OpenAPI documents describe the error bodies really sent: every error response of every
service is RFC 9457 `application/problem+json` (no server needed to build the documents)."""
import pytest
from flask import json

from shared.problems import PROBLEM_JSON, Problem
from shared.settings import load_settings
from shared.web import create_service_app

from services.accounts.api import BLUEPRINTS as accounts
from services.accounts.signin_api import BLUEPRINTS as signin
from services.accounts.sso_api import blp as accounts_sso
from services.contacts.api import BLUEPRINTS as contacts
from services.goals.api import BLUEPRINTS as goals
from services.nudges.api import blp as nudges, feeds_blp, sync_blp

from ..keys import TEST_KEYS

SERVICES = {"accounts": [*accounts, *signin, accounts_sso], "goals": goals, "contacts": contacts,
            "nudges": [nudges, sync_blp, feeds_blp]}


def spec_of(service: str) -> dict:
    app, api = create_service_app(load_settings(service, TEST_KEYS.env), title=service)
    for blueprint in SERVICES[service]:
        api.register_blueprint(blueprint)
    with app.test_request_context():
        return json.loads(json.dumps(api.spec.to_dict()))


def resolve(spec: dict, obj: dict) -> dict:
    while "$ref" in obj:
        *_, section, name = obj["$ref"].split("/")
        obj = spec["components"][section][name]
    return obj


@pytest.mark.parametrize("service", SERVICES)
def test_every_error_response_is_a_problem_document(service):
    spec = spec_of(service)
    errors = 0
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert "default" in operation["responses"], (method, path)
            for status, response in operation["responses"].items():
                if status == "default" or status[0] in "45":
                    errors += 1
                    content = resolve(spec, response)["content"]
                    if not path.startswith("/v1/") and status != "default":
                        # sign-in at the issuer's root: OAuth errors (RFC 6749 §5.2) or pages for a browser
                        assert list(content) in (["application/json"], ["text/html"]), (method, path, status)
                        continue
                    assert list(content) == [PROBLEM_JSON], (method, path, status)
                    schema = resolve(spec, content[PROBLEM_JSON]["schema"])
                    assert {"type", "title", "status"} <= set(schema["required"]), (method, path, status)
    assert errors
    assert "Error" not in spec["components"]["schemas"]  # flask-smorest's {code, status, message}


def test_the_problem_schema_is_what_problem_response_sends():
    schema = spec_of("goals")["components"]["schemas"]["Problem"]
    assert schema["additionalProperties"] is True  # RFC 9457 extension members
    app, _ = create_service_app(load_settings("goals", TEST_KEYS.env), title="goals")
    from shared.problems import problem_response
    with app.test_request_context("/v1/goals"):
        body = json.loads(problem_response(Problem(422, "bad", errors={"title": ["required"]}, limit=3)).data)
    assert set(body) <= set(schema["properties"]) and set(schema["required"]) <= set(body)


def test_the_ics_feed_is_documented_as_text_calendar_without_a_token():
    operation = spec_of("nudges")["paths"]["/v1/feeds/ics/{secret}.ics"]["get"]
    assert list(operation["responses"]["200"]["content"]) == ["text/calendar"]
    assert operation["security"] == []


def test_every_problem_type_the_code_sends_is_in_the_readme():
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    sent = {m for p in [*root.glob("services/**/*.py"), *root.glob("shared/**/*.py")]
            for m in re.findall(r'slug="([a-z-]+)"', p.read_text())}
    readme = (root / "README.md").read_text()
    assert sent and not {s for s in sent if f"/problems/{s}" not in readme}


@pytest.mark.parametrize("service, path, parameters", [
    ("contacts", "/v1/sync/contacts/pull", {"device_id", "cursor", "limit"}),
    ("nudges", "/v1/sync/nudges/pull", {"device_id", "cursor", "limit"}),  # the same shape, the same device rule
])
def test_sync_routes_document_their_parameters_and_problems_with_the_server_time(service, path, parameters):
    spec = spec_of(service)
    item = spec["paths"][path]
    assert {p["name"] for p in item["get"]["parameters"]} == parameters
    assert [p["name"] for p in item["parameters"]] == ["X-Rapport-Schema-Version"]
    assert "409" in item["get"]["responses"]   # a device_id that is not the token's
    for status, response in item["get"]["responses"].items():
        if status == "default" or status[0] in "45":
            schema = response["content"][PROBLEM_JSON]["schema"]["$ref"]
            assert schema.endswith("/SyncProblem"), status
    assert "server_time" in spec["components"]["schemas"]["SyncProblem"]["required"]
