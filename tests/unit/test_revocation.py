"""The revocation check in the authenticate step, and its settings (no servers: the check is
given as a function; the database-backed one is tested in tests/integration/test_revocation.py),
and what `record`, `revoked` and `sweep` write and ask for device revocations, on a stand-in
collection."""
from datetime import timedelta

import pytest

from shared import clock, revocation
from shared.events import new_event
from shared.settings import SettingsError, load_settings
from shared.web import REVOCATIONS, create_service_app

from ..keys import TEST_KEYS

ENV = TEST_KEYS.env


@pytest.fixture
def client():
    settings = load_settings("demo", ENV)
    app, _ = create_service_app(settings, title="demo")
    asked = []

    def revoked(org_id, member_id, device_id):
        asked.append((org_id, member_id, device_id))
        if member_id == "unknowable":
            raise ConnectionError("no route to database")
        return {"gone": "left", "erased": "erased"}.get(member_id) or {"lost-phone": "revoked",
                                                                       "old-laptop": "signed_out"}.get(device_id)

    app.extensions[REVOCATIONS] = revoked

    @app.get("/v1/thing")
    def thing():
        return {"ok": True}

    c = app.test_client()
    c.asked = asked
    c.token = lambda member, **kw: {"Authorization": f"Bearer {TEST_KEYS.token('o', member, **kw)}"}
    return c


def test_a_departed_or_erased_member_is_refused_with_a_problem(client):
    for member, words in (("gone", "left the organisation"), ("erased", "was erased")):
        r = client.get("/v1/thing", headers=client.token(member))
        assert r.status_code == 401 and r.mimetype == "application/problem+json"
        assert r.json["type"] == "/problems/access-revoked" and words in r.json["detail"]
        assert r.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    assert client.get("/v1/thing", headers=client.token("ada")).json == {"ok": True}


def test_a_token_of_a_device_session_that_ended_is_refused_the_members_other_devices_are_not(client):
    for device, words in (("lost-phone", "revoked; sign in again"), ("old-laptop", "signed out; sign in again")):
        r = client.get("/v1/thing", headers=client.token("ada", device_id=device))
        assert r.status_code == 401 and r.json["type"] == "/problems/access-revoked" and words in r.json["detail"]
        assert r.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    assert client.get("/v1/thing", headers=client.token("ada", device_id="new-phone")).json == {"ok": True}
    assert client.get("/v1/thing", headers=client.token("ada")).json == {"ok": True}  # an operator token
    assert client.asked[-2:] == [("o", "ada", "new-phone"), ("o", "ada", "")]


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


class Collection:
    """What `access_revocations` answers, for the queries shared.revocation sends (by `_id`,
    `expires_at $lte`), and the update operators it uses."""

    def __init__(self):
        self.docs: dict[str, dict] = {}
        self.queries: list[dict] = []

    def find_one(self, query, projection=None):
        self.queries.append(query)
        return self.docs.get(query["_id"])

    def find(self, query, projection=None):
        self.queries.append(query)
        return Cursor()  # the erasure sweeps' query: none are due here

    def update_one(self, query, update, upsert=False):
        doc = self.docs.get(query["_id"])
        if doc is None:
            doc = self.docs[query["_id"]] = {"_id": query["_id"], **update.get("$setOnInsert", {})}
        doc.update(update.get("$set", {}))
        for name, value in update.get("$max", {}).items():
            doc[name] = max(doc.get(name, value), value)

    def delete_many(self, query):
        limit = query["expires_at"]["$lte"]
        for key in [k for k, d in self.docs.items() if d.get("expires_at") and d["expires_at"] <= limit]:
            del self.docs[key]

    def create_index(self, *args):
        pass


class Cursor(list):
    def sort(self, *args):
        return self

    def limit(self, n):
        return self


@pytest.fixture
def stored(monkeypatch):
    coll = Collection()
    monkeypatch.setattr(revocation, "collection", lambda: coll)
    monkeypatch.setattr(revocation, "Guarded", lambda c: c)
    monkeypatch.setattr(revocation, "_config", dict(revocation._config))  # configure's, undone after the test
    monkeypatch.setattr(revocation, "_next_check", list(revocation._next_check))
    revocation.configure(load_settings("goals", ENV))
    return coll


def _device_revoked(device="d-1", reason="signed_out", at="2026-05-01T09:00:00.000Z", member="ada"):
    return new_event("account.device_revoked", org_id="o", member_id=member, source="test",
                     data={"member_id": member, "device_id": device, "reason": reason, "revoked_at": at})


def test_a_device_revocation_is_kept_as_long_as_its_tokens_live_then_swept(stored):
    assert revocation.record(_device_revoked()) == "signed_out"
    doc = stored.docs["o|ada|d-1"]
    revoked_at = clock.parse_instant("2026-05-01T09:00:00Z")
    assert doc["expires_at"] == revoked_at + timedelta(seconds=900 + 30)  # the longest a sid token lives + leeway
    assert (doc["org_id"], doc["member_id"], doc["device_id"], doc["reason"]) == ("o", "ada", "d-1", "signed_out")
    assert revocation.record(_device_revoked()) == "signed_out" and len(stored.docs) == 1  # a redelivery

    assert revocation.revoked("o", "ada", "d-1") == "signed_out"
    assert stored.queries[-2:] == [{"_id": "o|ada"}, {"_id": "o|ada|d-1"}]  # each by _id: index-served on FerretDB
    assert revocation.revoked("o", "ada", "d-2") is None and revocation.revoked("o", "ada") is None
    assert stored.queries[-1] == {"_id": "o|ada"}
    revocation.record(new_event("account.member_left", org_id="o", member_id="ada", source="test",
                                data={"member_id": "ada", "left_at": "2026-05-01T10:00:00Z"}))
    assert revocation.revoked("o", "ada", "d-1") == "left"  # the member's reason says more
    assert stored.queries[-1] == {"_id": "o|ada"}  # and the device's is not read then

    # a later revocation of the same session (the member erased) never shortens it
    revocation.record(_device_revoked(reason="member_erased", at="2026-05-01T08:00:00.000Z"))
    assert stored.docs["o|ada|d-1"]["expires_at"] == doc["expires_at"]
    assert stored.docs["o|ada|d-1"]["reason"] == "member_erased"

    revocation.record(_device_revoked(device="d-2", at=clock.rfc3339(clock.now())))
    revocation.sweep(lambda scope: 0, force=True)
    assert set(stored.docs) == {"o|ada", "o|ada|d-2"}  # d-1's tokens have all expired; d-2's may not have


def test_how_long_a_device_revocation_is_kept_follows_the_longest_token_lifetime(stored):
    revocation.configure(load_settings("goals", {**ENV, "RAPPORT_JWT_MAX_TTL_SECONDS": "3600",
                                                 "RAPPORT_JWT_TTL_SECONDS": "3600"}))
    revocation.record(_device_revoked())
    assert stored.docs["o|ada|d-1"]["expires_at"] == clock.parse_instant("2026-05-01T10:00:30Z")


def test_a_device_revocation_without_a_member_is_ignored(stored):
    event = _device_revoked()
    event = new_event("account.device_revoked", org_id="o", member_id=None, source="test", data=event.data)
    assert revocation.record(event) is None and stored.docs == {}
