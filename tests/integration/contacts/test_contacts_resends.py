"""A resend of a push answers exactly what the first attempt answered, whenever it comes: at the
same moment as the first attempt (a dropped connection, resent at once), after a 500, or after
the per-device receipts could not be kept. No mutation takes effect twice."""
import threading

import pytest
from pymongo.errors import AutoReconnect

from services.contacts.adapters.devices import receipts as device_receipts
from shared.syncing import Receipts
from services.contacts.service_layer import sync
from shared.db import Scope

from .conftest import new_id, upsert

RACES = 200
VERSIONS = [1, 1, 1, 2, 3]


def _push_of_five():
    """Create a contact, a gathering and an interaction, then edit the contact twice: the first
    attempt answers versions 1, 1, 1, 2, 3."""
    cid, gid = new_id(), new_id()
    return cid, [upsert("contacts", cid, {"display_name": "Ada"}),
                 upsert("gatherings", gid, {"name": "PyCon", "kind": "conference"}),
                 upsert("interactions", new_id(), {"contact_id": cid, "kind": "met", "occurred_at": "2026-05-13T10:00:00Z"}),
                 upsert("contacts", cid, {"title": "Countess"}, base=1),
                 upsert("contacts", cid, {"notes": "first program"}, base=2)]


def _first(result: dict) -> tuple:
    """What a result says the first attempt did: its status and the version it gave."""
    return (result.get("first_status") or result["status"], result.get("version"))


def _no_double_effect(m, cid: str) -> None:
    contact = m.get(f"/v1/contacts/{cid}").json_body
    assert contact["version"] == 3 and contact["title"] == "Countess" and contact["notes"] == "first program"
    assert len(m.get("/v1/interactions", query={"contact_id": cid}).json_body["items"]) == 1


def test_a_resend_racing_the_first_attempt_answers_its_first_result(app, live):
    m = live(app)("org-a", "m-racer")
    device = m.device()
    mismatches = []
    for race in range(RACES):
        cid, mutations = _push_of_five()
        answers: list = [None, None]
        start = threading.Barrier(2)

        def send(i):
            start.wait()
            answers[i] = device.push(mutations)

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        a, b = answers
        for ra, rb in zip(a, b):
            firsts = [r for r in (ra, rb) if r["status"] != "duplicate"]
            # exactly one of the two attempts applied each mutation; the other answers its result
            if len(firsts) != 1 or _first(ra) != _first(rb):
                mismatches.append((race, ra, rb))
        if [r["version"] for r in a] != VERSIONS:
            mismatches.append((race, "versions", [r["version"] for r in a], [r["version"] for r in b]))
        _no_double_effect(m, cid)
    assert not mismatches, mismatches[:3]


@pytest.mark.parametrize("fault", ["the receipts cannot be kept", "the push fails after its writes"])
def test_a_resend_after_a_fault_answers_the_first_result(member, monkeypatch, fault):
    m = member()
    device = m.device()
    cid, mutations = _push_of_five()
    with monkeypatch.context() as patch:
        if fault.startswith("the receipts"):
            def lost(self, receipts):
                raise AutoReconnect("connection reset while keeping the receipts")
            patch.setattr(Receipts, "put", lost)
            first = device.push(mutations)             # the effects are stored: answered, not failed
            assert [(r["status"], r["version"]) for r in first] == [("applied", v) for v in VERSIONS]
        else:
            def broken(scope, results):
                raise RuntimeError("the process broke after the writes")
            patch.setattr(sync, "_refresh_records", broken)
            assert device.push(mutations, expect=500)["status"] == 500
    again = device.push(mutations)
    assert [(r["status"], r["first_status"], r["version"]) for r in again] == \
        [("duplicate", "applied", v) for v in VERSIONS]
    assert device.push(mutations) == again             # and so on, every time
    _no_double_effect(m, cid)


def test_a_resend_answers_a_merged_first_result_as_merged_with_its_version(member):
    m = member("org-a", "m-merged-resend")
    phone, laptop = m.device(), m.device()
    cid = new_id()
    phone.push([upsert("contacts", cid, {"display_name": "Ada"})])
    laptop.push([upsert("contacts", cid, {"title": "Countess"}, base=1)])          # v2 on the server
    edit = [upsert("contacts", cid, {"notes": "first program"}, base=1)]           # the phone saw only v1
    first = phone.push(edit)[0]
    assert (first["status"], first["version"]) == ("merged", 3)
    laptop.push([upsert("contacts", cid, {"company": "Analytical Engines"}, base=3)])  # v4
    device_receipts(Scope("org-a", "m-merged-resend"), phone.id, 0).forget()          # only the record remembers
    again = phone.push(edit)[0]
    assert (again["status"], again["first_status"], again["version"]) == ("duplicate", "merged", 3)
    assert again["record"]["version"] == 4  # the record as it is now, to merge with
