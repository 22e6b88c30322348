"""Hostile JSON bodies are refused once, in shared.jsonbody, for views reading `get_json()`
and for flask-smorest `@arguments` alike: 400 problems, never a 500."""
import json

import pytest
from marshmallow import fields

from shared import jsonbody
from shared.schema import ApiSchema
from shared.settings import load_settings
from shared.web import Blueprint, create_service_app

from ..keys import TEST_KEYS


class Echo(ApiSchema):
    value = fields.Raw(required=True)


@pytest.fixture
def client():
    settings = load_settings("demo", TEST_KEYS.env)
    app, api = create_service_app(settings, title="demo")
    blp = Blueprint("echo", __name__, url_prefix="/v1/echo")

    @blp.post("/schema")
    @blp.arguments(Echo)
    def with_schema(body):
        return {"depth": jsonbody.depth(body["value"])}

    @blp.post("/raw")
    def raw():
        from flask import request
        return {"depth": jsonbody.depth(request.get_json()["value"])}

    api.register_blueprint(blp)
    app.testing = False
    c = app.test_client()
    c.auth = {"Authorization": f"Bearer {TEST_KEYS.token('o', 'm')}"}
    return c


def nested(levels: int) -> str:
    return '{"value": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize("route", ["/v1/echo/schema", "/v1/echo/raw"])
@pytest.mark.parametrize("levels", [33, 10_000, 200_000])
def test_deep_nesting_is_a_400_problem(client, route, levels):
    r = client.post(route, data=nested(levels), content_type="application/json", headers=client.auth)
    assert r.status_code == 400 and r.mimetype == "application/problem+json", r.get_data(as_text=True)[:200]
    assert r.json["type"] == "/problems/json-too-deep" and r.json["max_depth"] == jsonbody.MAX_DEPTH


@pytest.mark.parametrize("route", ["/v1/echo/schema", "/v1/echo/raw"])
def test_nesting_up_to_the_limit_is_read(client, route):
    r = client.post(route, data=nested(jsonbody.MAX_DEPTH - 1), content_type="application/json",
                    headers=client.auth)
    assert r.status_code == 200 and r.json == {"depth": jsonbody.MAX_DEPTH - 1}


@pytest.mark.parametrize("body", [b"{", b'{"value": NaN}', b'{"value": -Infinity}', b'\xff\xfe{"value": 1}',
                                  b'{"value": 1' + b"0" * 5000 + b"}"])
@pytest.mark.parametrize("route", ["/v1/echo/schema", "/v1/echo/raw"])
def test_what_is_not_json_is_a_400_malformed_json(client, route, body):
    r = client.post(route, data=body, content_type="application/json", headers=client.auth)
    assert r.status_code == 400 and r.json["type"] == "/problems/malformed-json"


def test_depth_counts_without_recursion():
    assert jsonbody.depth(1) == 0 and jsonbody.depth({}) == 1 and jsonbody.depth({"a": [{"b": []}]}) == 4
    assert jsonbody.depth(json.loads("[" * 900 + "]" * 900)) == jsonbody.MAX_DEPTH + 1  # stops early
