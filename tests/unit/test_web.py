"""The app factory's behaviour that needs no server: errors, ids, auth gate, readiness."""
import pytest

from shared.auth import public
from shared.guard import GuardBusy
from shared.settings import load_settings
from shared.web import create_service_app

from ..keys import TEST_KEYS

ENV = TEST_KEYS.env


@pytest.fixture
def client():
    settings = load_settings("demo", ENV)

    def broken_check():
        raise ConnectionError("no route to database")

    app, _ = create_service_app(settings, title="demo", ready_checks={"mongo": broken_check})

    @app.get("/v1/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    @app.get("/v1/busy")
    def busy():
        raise GuardBusy(["contacts:c1"], 20.0)

    @app.get("/v1/open")
    @public
    def open_route():
        return {"ok": True}

    app.testing = False  # let errors reach the handlers as in production
    c = app.test_client()
    c.token = TEST_KEYS.token("o", "m")
    return c


def test_a_record_busy_past_the_write_guard_wait_is_a_retryable_503(client):
    r = client.get("/v1/busy", headers={"Authorization": f"Bearer {client.token}"})
    assert r.status_code == 503 and r.mimetype == "application/problem+json"
    assert r.json["type"] == "/problems/record-busy" and r.headers["Retry-After"] == "1"
    assert "contacts:c1" not in r.get_data(as_text=True)


def test_unexpected_errors_are_500_problems_without_internals(client):
    r = client.get("/v1/boom", headers={"Authorization": f"Bearer {client.token}"})
    assert r.status_code == 500 and r.mimetype == "application/problem+json"
    assert "hunter2" not in r.get_data(as_text=True)
    assert r.json["type"] == "/problems/internal-error" and r.json["request_id"] == r.headers["X-Request-ID"]


def test_auth_gate_and_public_routes(client):
    assert client.get("/v1/boom").status_code == 401
    assert client.get("/v1/open").json == {"ok": True}
    assert client.get("/v1/unknown").status_code == 401  # unknown routes do not leak their existence


def test_request_and_correlation_ids(client):
    r = client.get("/healthz", headers={"X-Request-ID": "abc-1", "X-Correlation-ID": "flow-9"})
    assert (r.headers["X-Request-ID"], r.headers["X-Correlation-ID"]) == ("abc-1", "flow-9")
    r = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert r.headers["X-Request-ID"] != "bad id with spaces" and len(r.headers["X-Request-ID"]) == 32


def test_readiness_reports_each_failing_check(client):
    r = client.get("/readyz")
    assert r.status_code == 503
    assert r.json["checks"]["mongo"].startswith("failed: ConnectionError")
