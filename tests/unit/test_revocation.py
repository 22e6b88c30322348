"""The revocation check in the authenticate step, and its settings (no servers: the check is
given as a function; the database-backed one is tested in tests/integration/test_revocation.py)."""
import pytest

from shared.settings import SettingsError, load_settings
from shared.web import REVOCATIONS, create_service_app

from ..keys import TEST_KEYS

ENV = TEST_KEYS.env


@pytest.fixture
def client():
    settings = load_settings("demo", ENV)
    app, _ = create_service_app(settings, title="demo")
    asked = []

    def revoked(org_id, member_id):
        asked.append((org_id, member_id))
        if member_id == "unknowable":
            raise ConnectionError("no route to database")
        return {"gone": "left", "erased": "erased"}.get(member_id)

    app.extensions[REVOCATIONS] = revoked

    @app.get("/v1/thing")
    def thing():
        return {"ok": True}

    c = app.test_client()
    c.asked = asked
    c.token = lambda member: {"Authorization": f"Bearer {TEST_KEYS.token('o', member)}"}
    return c


def test_a_departed_or_erased_member_is_refused_with_a_problem(client):
    for member, words in (("gone", "left the organisation"), ("erased", "was erased")):
        r = client.get("/v1/thing", headers=client.token(member))
        assert r.status_code == 401 and r.mimetype == "application/problem+json"
        assert r.json["type"] == "/problems/access-revoked" and words in r.json["detail"]
        assert r.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    assert client.get("/v1/thing", headers=client.token("ada")).json == {"ok": True}


def test_the_check_runs_only_for_a_verified_token(client):
    r = client.get("/v1/thing", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401 and r.json["type"] == "/problems/invalid-token"
    assert client.asked == []


def test_a_check_that_cannot_answer_fails_closed_with_a_retryable_503(client):
    r = client.get("/v1/thing", headers=client.token("unknowable"))
    assert r.status_code == 503 and r.json["type"] == "/problems/store-unavailable" and r.headers["Retry-After"] == "1"
    assert "database" not in r.get_data(as_text=True)


def test_sweep_schedule_settings():
    assert load_settings("demo", ENV).revocation_sweep_seconds == (10.0, 60.0, 600.0)
    assert load_settings("demo", {**ENV, "RAPPORT_REVOCATION_SWEEP_SECONDS": "1, 5"}).revocation_sweep_seconds == (1.0, 5.0)
    for bad in ("5,1", "0", "soon", "1,100000"):
        with pytest.raises(SettingsError, match="RAPPORT_REVOCATION_SWEEP_SECONDS"):
            load_settings("demo", {**ENV, "RAPPORT_REVOCATION_SWEEP_SECONDS": bad})
