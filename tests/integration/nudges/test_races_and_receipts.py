"""Nudge writes that lose their race, and the size of what sync remembers, on real servers.

A change that another writer keeps beating is given up after five tries with 503
write-conflict and Retry-After (it was a 409); a device's receipts are capped, oldest first,
and a nudge remembers only its newest mutations — a recent resend still gets its first result.
"""
from __future__ import annotations

from services.nudges.adapters.store import REMEMBERED_MUTATIONS, Planned
from services.nudges.service_layer import nudging
from shared.db import Scope

from .conftest import make_coach


def test_a_change_that_keeps_losing_its_race_is_503_write_conflict_with_retry_after(coach, monkeypatch):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    scope, store, rivals = Scope(coach.org, coach.member), coach.parts.store, []
    decide = nudging.plan_action

    def beaten(*args, **kwargs):  # each attempt has read the nudge: another writer changes it now
        store.change(scope, n["id"], lambda doc: Planned({"note": f"rival {doc['version']}"}))
        rivals.append(n["id"])
        return decide(*args, **kwargs)

    monkeypatch.setattr(nudging, "plan_action", beaten)
    r = coach.post(f"/v1/nudges/{n['id']}/done", {})
    assert r.status_code == 503, r.json
    assert r.mimetype == "application/problem+json" and r.headers["Retry-After"] == "1"
    assert r.json["type"] == "/problems/write-conflict" and r.json["status"] == 503
    assert len(rivals) == 5  # decided again on each new version, five times, then given up
    now = coach.get(f"/v1/nudges/{n['id']}").json
    assert (now["status"], now["version"]) == ("pending", 6)  # the rival's five writes, none of ours

    push = coach.push("phone", [
        {"mutation_id": "m1", "id": n["id"], "op": "upsert", "base_version": 6, "fields": {"status": "done"}}])
    assert push.status_code == 503 and push.json["type"] == "/problems/write-conflict"
    assert push.headers["Retry-After"] == "1" and push.headers["X-Server-Time"] and push.json["server_time"]

    monkeypatch.undo()  # the rival is gone: the same requests go through
    assert coach.post(f"/v1/nudges/{n['id']}/done", {}).json["status"] == "done"
    again = coach.push("phone", [
        {"mutation_id": "m1", "id": n["id"], "op": "upsert", "base_version": 6, "fields": {"status": "done"}}])
    assert again.json["results"][0]["status"] == "applied"


def test_a_devices_receipts_are_capped_oldest_first_and_a_recent_resend_keeps_its_first_result(
        kafka_topics, settings_for, issue_token):
    coach = make_coach(settings_for, issue_token, extra={"NUDGES_SYNC_RECEIPTS": "128"})
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    push = lambda muts: coach.push("phone", muts)
    for start in range(0, 300, 100):  # 300 answers that wrote nothing: only receipts remember them
        r = push([{"mutation_id": f"old-{i:03d}", "id": f"nobody-{i}", "op": "upsert", "base_version": 1,
                   "fields": {"status": "done"}} for i in range(start, start + 100)])
        assert {x["reason"] for x in r.json["results"]} == {"not_found"}
    ahead = {"mutation_id": "ahead", "id": n["id"], "op": "upsert", "base_version": 3, "fields": {"status": "done"}}
    assert push([ahead]).json["results"][0]["reason"] == "base_version_ahead"
    for days in (1, 2):  # the nudge reaches version 3: decided again now, `ahead` would apply
        assert coach.post(f"/v1/nudges/{n['id']}/snooze", {"days": days}).status_code == 200
    assert coach.get(f"/v1/nudges/{n['id']}").json["version"] == 3

    kept = {m for doc in coach.parts.sync.receipts.find({"org_id": coach.org, "member_id": coach.member})
            for m in doc.get("receipts") or {}}
    assert len(kept) <= 128 and "ahead" in kept
    assert not kept & {f"old-{i:03d}" for i in range(100)}  # the oldest push's receipts are gone

    resend = push([ahead]).json["results"][0]
    assert (resend["status"], resend["reason"]) == ("rejected", "base_version_ahead")  # its first result
    assert coach.get(f"/v1/nudges/{n['id']}").json["status"] == "snoozed"  # and still not applied
    old = push([{"mutation_id": "old-000", "id": "nobody-0", "op": "upsert", "base_version": 1,
                 "fields": {"status": "done"}}]).json["results"][0]
    assert old["reason"] == "not_found"  # forgotten, decided again: the same answer, nothing written


def test_a_nudge_remembers_its_newest_mutations_and_a_resend_of_one_is_a_duplicate(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    mutations = [{"mutation_id": f"t{v}", "id": n["id"], "op": "upsert", "base_version": v,
                  "fields": {"status": "snoozed", "snoozed_until": "2026-05-12T09:00:00Z"} if v % 2
                  else {"status": "pending"}} for v in range(1, REMEMBERED_MUTATIONS + 9)]
    r = coach.push("tablet", mutations)
    assert {x["status"] for x in r.json["results"]} == {"applied"}, r.json["results"][:3]
    memory = coach.parts.store.coll.find_one({"_id": n["id"]})["applied_mutations"]
    assert len(memory) == REMEMBERED_MUTATIONS and memory[0]["k"] == "tablet:t9"  # it grew without end before
    coach.parts.sync.receipts.delete_many({})  # only the nudge remembers now
    last = mutations[-1]
    again = coach.push("tablet", [last]).json["results"][0]
    assert (again["status"], again["first_status"], again["version"]) == ("duplicate", "applied",
                                                                          REMEMBERED_MUTATIONS + 9)
