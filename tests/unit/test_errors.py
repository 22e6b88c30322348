"""Domain errors carry no HTTP; shared.problems answers them with the documented problem documents;
the one optimistic-concurrency retry gives up with Busy, answered 503 write-conflict + Retry-After."""
import ast
from pathlib import Path

import pytest

from shared import errors, faults, retry
from shared.settings import load_settings
from shared.web import create_service_app

from ..keys import TEST_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_the_errors_module_imports_nothing_of_the_web():
    tree = ast.parse((ROOT / "shared" / "errors.py").read_text())
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not imported & {"flask", "werkzeug", "http", "shared"}, imported


CASES = [
    (errors.not_found("goal"), 404, "not-found", {}),
    (errors.Conflict("one active ultimate goal", slug="ultimate-goal-exists"), 409, "ultimate-goal-exists", {}),
    (errors.Invalid("bad", errors={"name": ["too long"]}), 422, "validation-error", {}),
    (errors.Invalid("not ours", slug="invalid-cursor"), 400, "invalid-cursor", {}),
    (errors.Forbidden("not admitted to this organisation"), 403, "forbidden", {}),
    (errors.Conflict("stale", slug="version-mismatch", version=3), 412, "version-mismatch", {}),
    (errors.Busy("kept changing", retry_after=2), 503, "write-conflict", {"Retry-After": "2"}),
]


@pytest.fixture
def client():
    settings = load_settings("demo", TEST_KEYS.env)
    app, _ = create_service_app(settings, title="demo")

    @app.get("/v1/raise/<int:i>")
    def raise_(i):
        raise CASES[i][0]

    @app.get("/v1/race")
    def race():
        return retry.until_written(lambda: None, detail="the goal kept changing; try again")

    app.testing = False
    c = app.test_client()
    c.headers = {"Authorization": f"Bearer {TEST_KEYS.token('o', 'm')}"}
    return c


@pytest.mark.parametrize("i", range(len(CASES)))
def test_each_kind_is_answered_with_its_documented_problem(client, i):
    error, status, slug, headers = CASES[i]
    r = client.get(f"/v1/raise/{i}", headers=client.headers)
    assert r.status_code == status and r.mimetype == "application/problem+json"
    assert r.json["type"] == f"/problems/{slug}" and r.json["detail"] == error.detail
    for name, value in headers.items():
        assert r.headers[name] == value
    if isinstance(error, errors.Invalid) and error.errors:
        assert r.json["errors"] == error.errors
    if error.extensions:
        assert r.json["version"] == 3


def test_a_write_that_keeps_losing_is_a_retryable_503_write_conflict(client):
    r = client.get("/v1/race", headers=client.headers)
    assert r.status_code == 503 and r.json["type"] == "/problems/write-conflict"
    assert r.headers["Retry-After"] == "1" and r.json["detail"] == "the goal kept changing; try again"


def test_the_retry_stops_at_the_first_win_and_gives_up_after_five_losses():
    calls = []

    def wins_third_time():
        calls.append(1)
        return "written" if len(calls) == 3 else None
    assert retry.until_written(wins_third_time) == "written" and len(calls) == 3

    calls.clear()
    with pytest.raises(errors.Busy) as lost:
        retry.until_written(lambda: calls.append(1))
    assert len(calls) == retry.ATTEMPTS == 5 and lost.value.slug == "write-conflict"


def test_a_domain_error_ends_the_retry_at_once():
    calls = []

    def gone():
        calls.append(1)
        raise errors.not_found("goal")
    with pytest.raises(errors.NotFound):
        retry.until_written(gone)
    assert len(calls) == 1


def test_workers_wait_out_busy_but_not_the_other_kinds():
    assert faults.transient(errors.Busy("kept changing"))
    for error in (errors.NotFound("x"), errors.Conflict("x"), errors.Invalid("x")):
        assert not faults.transient(error)


def test_errors_naming_list_items_beside_the_lists_own_message_render_as_json():
    from flask import Flask

    from shared.problems import Problem, problem_response
    app = Flask("t")
    with app.test_request_context("/v1/plan"):
        resp = problem_response(Problem(422, "bad", slug="validation-error",
                                        errors={"commitments": {1: ["Invalid input type."],
                                                                "_schema": ["one commitment per channel"]}}))
    assert resp.status_code == 422
    assert resp.get_json()["errors"] == {"commitments": {"1": ["Invalid input type."],
                                                         "_schema": ["one commitment per channel"]}}
