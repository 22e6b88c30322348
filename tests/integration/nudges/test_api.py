"""The nudges API on real servers: lists and filters, done / snooze / dismiss and what they
change in the coach, throttling, withdrawal with tombstones, mobile sync (as the token's own
device; a revoked device's receipts forgotten) and the ICS feed.

The worker's parts run in-process here (projector and evaluator, on the same database),
with one controllable clock for the API and the coach."""
from __future__ import annotations

import uuid
from datetime import datetime

from shared import pagination
from shared.db import Scope

from .conftest import UTC, iso


def test_list_filters_paginates_in_due_order_and_hides_other_members(coach):
    coach.feed(coach.plan(), *(coach.contact(f"c-{i}", f"Person {i}") for i in range(5)))
    items = coach.items()
    assert len(items) == 5 and {n["kind"] for n in items} == {"follow_up"}
    n = items[0]
    assert n["due_at"] == "2026-05-06T10:00:00.000Z" and n["due_local"] == "2026-05-06T10:00+00:00"
    assert n["why"]["rule"] == "follow_up_after_meeting" and n["why"]["summary"] and n["status"] == "pending"

    page1 = coach.get("/v1/nudges?limit=2").json
    page2 = coach.get(f"/v1/nudges?limit=2&cursor={page1['next_cursor']}").json
    page3 = coach.get(f"/v1/nudges?limit=2&cursor={page2['next_cursor']}").json
    ids = [x["id"] for p in (page1, page2, page3) for x in p["items"]]
    assert ids == [x["id"] for x in items] and page3["next_cursor"] is None

    assert [x["contact_id"] for x in coach.items("?contact_id=c-3")] == ["c-3"]
    assert coach.items("?kind=keep_in_touch") == [] and coach.items("?status=done") == []
    assert coach.get("/v1/nudges?status=nope").status_code == 422
    assert coach.get("/v1/nudges?cursor=garbage").json["type"] == "/problems/invalid-cursor"

    stranger = f"m-{uuid.uuid4().hex[:6]}"
    assert coach.get("/v1/nudges", member=stranger).json["items"] == []
    assert coach.get(f"/v1/nudges/{n['id']}", member=stranger).status_code == 404
    assert coach.post(f"/v1/nudges/{n['id']}/done", {}, member=stranger).status_code == 404
    assert coach.get(f"/v1/nudges/{n['id']}").json["id"] == n["id"]


def test_done_logs_the_interaction_for_the_contacts_service_and_stops_the_ladder(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace Hopper"))
    [n] = coach.items()
    r = coach.post(f"/v1/nudges/{n['id']}/done", {"note": "Sent the slides",
                                                  "interaction": {"kind": "message", "note": "slides"}})
    assert r.status_code == 200 and r.json["status"] == "done" and r.json["version"] == 2
    completed = [e for e in coach.outbox(n["id"]) if e["type"] == "nudge.completed"]
    assert len(completed) == 1
    logged = completed[0]["data"]["interaction"]
    assert logged["contact_id"] == "c-1" and logged["kind"] == "message" and logged["interaction_id"]
    assert completed[0]["data"]["note"] == "Sent the slides"

    again = coach.post(f"/v1/nudges/{n['id']}/done", {})
    assert again.status_code == 200 and again.json["version"] == 2  # a repeat changes nothing
    closed = coach.post(f"/v1/nudges/{n['id']}/dismiss", {"reason": "other"})
    assert closed.status_code == 409 and closed.json["type"] == "/problems/nudge-closed"

    coach.clock.advance(days=6)  # a week after meeting: the ladder would climb, but it was done
    coach.feed()
    assert [x["status"] for x in coach.items()] == ["done"]


def test_snoozed_nudges_return_at_their_time_inside_working_hours(coach):
    coach.feed(coach.plan(timezone="Europe/Berlin"), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    r = coach.post(f"/v1/nudges/{n['id']}/snooze", {"hours": 10})  # 20:00 UTC = 22:00 Berlin
    assert r.status_code == 200 and r.json["status"] == "snoozed"
    assert r.json["snoozed_until"] == "2026-05-07T07:00:00.000Z"  # Thursday 09:00 in Berlin
    assert coach.post(f"/v1/nudges/{n['id']}/snooze", {"days": 1, "hours": 2}).status_code == 422
    assert coach.post(f"/v1/nudges/{n['id']}/snooze", {"until": "2026-05-01T00:00:00Z"}).status_code == 422

    coach.clock.advance(hours=20)
    coach.feed()
    assert coach.items()[0]["status"] == "snoozed"
    coach.clock.advance(hours=2)  # Thursday 08:00 UTC: it is back
    coach.feed()
    back = coach.items()[0]
    assert back["status"] == "pending" and back["due_at"] == "2026-05-07T07:00:00.000Z"


def test_dismissing_as_not_relevant_quiets_that_rule_for_that_contact(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"), coach.contact("c-2", "Alan"))
    first = {n["contact_id"]: n for n in coach.items()}
    r = coach.post(f"/v1/nudges/{first['c-1']['id']}/dismiss", {"reason": "not_relevant", "note": "met by chance"})
    assert r.status_code == 200 and r.json["status"] == "dismissed" and r.json["reason"] == "not_relevant"
    assert coach.post(f"/v1/nudges/{first['c-1']['id']}/dismiss", {"reason": "bored"}).status_code == 422

    coach.clock.advance(days=5)  # a week after meeting: the next ladder step, for Alan only
    coach.feed()
    open_now = [(n["contact_id"], n["why"]["data"]["step"]) for n in coach.items("?status=pending")]
    assert open_now == [("c-2", 2)]


def test_no_more_new_nudges_a_day_than_the_plan_allows_highest_priority_first(coach):
    goal = coach.ev("goal.created", goal_id="g-1", version=1, milestones=[])  # find a mentor: priority 2
    coach.feed(coach.plan(max_nudges_per_day=2), goal,
               *(coach.contact(f"c-{i}", f"Person {i}") for i in range(3)))  # follow-ups: priority 1
    first_day = coach.items()
    assert len(first_day) == 2 and {n["kind"] for n in first_day} == {"follow_up"}
    coach.clock.advance(days=1)
    coach.feed()
    kinds = sorted(n["kind"] for n in coach.items())
    assert kinds == ["find_mentor", "follow_up", "follow_up", "follow_up"]


def test_a_deleted_contact_withdraws_its_nudges_and_devices_get_tombstones(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace Hopper"), coach.contact("c-2", "Alan Turing"))
    full = coach.get("/v1/sync/nudges/pull").json
    assert len(full["changes"]["nudges"]["upserted"]) == 2 and full["has_more"] is False
    cursor = full["next_cursor"]

    coach.clock.advance(seconds=5)
    coach.feed(coach.ev("contact.deleted", contact_id="c-1", version=2),
               coach.ev("contact.merged", contact_id="c-2", merged_into="c-9", version=3))
    assert coach.items() == []
    changes = coach.get(f"/v1/sync/nudges/pull?cursor={cursor}").json["changes"]["nudges"]
    assert changes["upserted"] == []
    gone = {t["reason"]: t for t in changes["deleted"]}
    assert set(gone) == {"contact_deleted", "contact_merged"}
    assert gone["contact_merged"]["contact_merged_into"] == "c-9" and gone["contact_merged"]["deleted_at"]
    scrubbed = coach.parts.store.coll.find_one({"_id": gone["contact_deleted"]["id"]})
    assert "Grace" not in scrubbed["sentence"] and scrubbed["why"]["data"] == {}
    withdrawn = coach.get(f"/v1/nudges/{gone['contact_deleted']['id']}").json
    assert withdrawn["status"] == "withdrawn"
    r = coach.post(f"/v1/nudges/{withdrawn['id']}/done", {})
    assert r.status_code == 409 and r.json["type"] == "/problems/nudge-withdrawn"


def test_pull_pages_never_repeat_and_never_miss_while_changes_continue(coach):
    coach.feed(coach.plan(), *(coach.contact(f"c-{i}", f"P {i}") for i in range(7)))
    seen, cursor = [], None
    for step in range(20):
        url = "/v1/sync/nudges/pull?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = coach.get(url).json
        seen += [(n["id"], n["version"]) for n in body["changes"]["nudges"]["upserted"]]
        cursor = body["next_cursor"]
        if step == 1:  # another device acts while this one pages
            coach.clock.advance(seconds=1)
            first = seen[0][0]
            coach.post(f"/v1/nudges/{first}/done", {})
        if not body["has_more"] and step > 1:
            break
    assert len(seen) == len(set(seen)) == 8  # seven nudges, and the one that changed, again at version 2
    assert max(v for _, v in seen) == 2


def test_a_pull_cursor_is_bound_to_its_member_and_one_issued_before_still_reads(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"), coach.contact("c-2", "Alan"))
    first = coach.get("/v1/sync/nudges/pull?limit=1").json
    assert first["has_more"] is True and len(first["changes"]["nudges"]["upserted"]) == 1
    stranger = f"m-{uuid.uuid4().hex[:6]}"
    r = coach.get(f"/v1/sync/nudges/pull?cursor={first['next_cursor']}", member=stranger)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert r.json["type"] == "/problems/invalid-cursor" and r.json["server_time"]

    rest = coach.get(f"/v1/sync/nudges/pull?cursor={first['next_cursor']}").json
    # a cursor a pull answered before cursors were bound (the position only) reads as it did, for anyone
    [seen] = first["changes"]["nudges"]["upserted"]
    unbound = pagination.encode([seen["updated_at"], seen["id"]])
    assert coach.get(f"/v1/sync/nudges/pull?cursor={unbound}").json["changes"] == rest["changes"]
    stranger_view = coach.get(f"/v1/sync/nudges/pull?cursor={unbound}", member=stranger)
    assert stranger_view.status_code == 200 and stranger_view.json["changes"]["nudges"]["upserted"] == []
    assert pagination.decode(stranger_view.json["next_cursor"], 3)  # and the answer's cursor is bound


def test_a_pull_refuses_query_parameters_it_does_not_take_and_applies_nothing(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    for query in ("colour=red", "limit=2&Limit=3", "cursor=&since=2026-01-01T00:00:00Z"):
        r = coach.get(f"/v1/sync/nudges/pull?{query}")
        assert r.status_code == 422 and r.mimetype == "application/problem+json", (query, r.json)
        assert r.json["type"] == "/problems/validation-error" and r.json["server_time"] and r.headers["X-Server-Time"]
        assert set(r.json["errors"]) == {query.split("&")[-1].split("=")[0]}, r.json
    assert coach.get("/v1/sync/nudges/pull?limit=0").status_code == 422
    assert len(coach.get("/v1/sync/nudges/pull?limit=2").json["changes"]["nudges"]["upserted"]) == 1


def test_a_push_or_pull_syncs_as_the_tokens_device_with_nothing_to_register(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"), coach.contact("c-2", "Alan"))
    n, other = coach.items()
    mutation = {"mutation_id": "m1", "id": n["id"], "op": "upsert", "base_version": 1, "fields": {"status": "done"}}
    # signed in on phone-1 (its tokens' sid): no register call anywhere
    r = coach.push("phone-1", [mutation])
    assert r.status_code == 200 and r.json["results"][0]["status"] == "applied", r.json
    again = coach.push("phone-1", [mutation])
    assert again.json["results"][0]["status"] == "duplicate"  # the id names the mutation: exactly once
    assert coach.get("/v1/sync/nudges/pull?device_id=phone-1", device="phone-1").status_code == 200
    assert coach.get("/v1/sync/nudges/pull", device="phone-1").status_code == 200
    assert coach.get("/v1/sync/nudges/pull").status_code == 200       # naming no device: a token of none reads
    # another device than the token's, or a token of none (an operator's): 409, nothing applied
    done = {**mutation, "mutation_id": "m2", "id": other["id"]}
    for device, body in ((None, "phone-1"), ("phone-1", "tablet")):
        r = coach.post("/v1/sync/nudges/push", {"device_id": body, "mutations": [done]}, device=device)
        assert r.status_code == 409 and r.mimetype == "application/problem+json", r.json
        assert r.json["type"] == "/problems/device-not-registered" and "sign in on this device" in r.json["detail"]
        assert r.json["server_time"] and r.headers["X-Server-Time"]
        r = coach.get(f"/v1/sync/nudges/pull?device_id={body}", device=device)
        assert r.status_code == 409 and r.json["type"] == "/problems/device-not-registered"
    assert coach.get(f"/v1/nudges/{other['id']}").json["version"] == 1
    # a malformed id is the request's fault: 422 as before
    assert coach.post("/v1/sync/nudges/push", {"device_id": "not an id!", "mutations": []},
                      device="phone-1").status_code == 422
    r = coach.get("/v1/sync/nudges/pull?device_id=not%20an%20id!", device="phone-1")
    assert r.status_code == 422 and set(r.json["errors"]) == {"device_id"}, r.json


def test_a_revoked_device_forgets_its_receipts_however_often_the_event_comes(coach, settings_for):
    from services.nudges import worker
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"), coach.contact("c-2", "Alan"))
    a, b = coach.items()
    for device, n in (("phone", a), ("tablet", b)):
        r = coach.push(device, [{"mutation_id": "m1", "id": n["id"], "op": "upsert", "base_version": 1,
                                 "fields": {"status": "done"}}])
        assert r.json["results"][0]["status"] == "applied"
    receipts = coach.parts.sync.receipts
    assert receipts.count_documents({"member_id": coach.member, "device_id": "phone"}) == 1
    revoked = coach.ev("account.device_revoked", member_id=coach.member, device_id="phone", reason="revoked",
                       revoked_at=iso(coach.clock.now))
    projector = worker.build(settings_for("nudges"), group_id="devices-test").projector  # the workers' own wiring
    projector.handle_batch([revoked, revoked])   # twice
    projector.handle(revoked)                    # and late
    assert receipts.count_documents({"member_id": coach.member, "device_id": "phone"}) == 0
    assert receipts.count_documents({"member_id": coach.member, "device_id": "tablet"}) == 1
    assert coach.get(f"/v1/nudges/{a['id']}").json["status"] == "done"   # what it wrote stays
    # the nudge still remembers the mutation: a resend (were the revoked device's token still taken) applies
    # nothing twice
    assert coach.parts.store.mutation_result(Scope(coach.org, coach.member), a["id"], "phone:m1") is not None


def test_sync_push_results_per_mutation(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"), coach.contact("c-2", "Alan"),
               coach.contact("c-3", "Edsger"))
    a, b, c = sorted(coach.items(), key=lambda n: n["contact_id"])
    push = lambda muts, **kw: coach.push("phone-1", muts, **kw)

    # another device snoozed c while this one was offline
    coach.post(f"/v1/nudges/{c['id']}/snooze", {"days": 2})
    batch = [
        {"mutation_id": "m1", "id": a["id"], "op": "upsert", "base_version": 1, "fields": {"status": "done"},
         "client_time": "2026-05-06T09:00:00Z"},
        {"mutation_id": "m2", "id": b["id"], "op": "upsert", "base_version": 1,
         "fields": {"status": "dismissed", "reason": "not_now"}},
        {"mutation_id": "m3", "id": c["id"], "op": "upsert", "base_version": 1, "fields": {"status": "done"}},
        {"mutation_id": "m4", "id": "no-such-nudge", "op": "upsert", "base_version": 1, "fields": {"status": "done"}},
        {"mutation_id": "m5", "id": a["id"], "op": "delete", "base_version": 1},
        {"mutation_id": "m6", "id": b["id"], "op": "upsert", "base_version": 1, "fields": {"status": "dismissed"}},
        {"mutation_id": "m7", "id": b["id"], "op": "upsert", "base_version": 1, "fields": {"colour": "red"}},
        {"id": b["id"], "op": "upsert"},
    ]
    r = push(batch)
    assert r.status_code == 200 and r.json["server_time"]
    results = r.json["results"]
    assert [x["status"] for x in results] == ["applied", "applied", "conflict", "rejected", "rejected", "rejected",
                                              "rejected", "rejected"]
    assert results[0]["version"] == 2 and results[2]["record"]["status"] == "snoozed"
    assert results[2]["conflicts"] == [{"field": "status", "server_value": "snoozed", "changed_in_version": 2}]
    assert results[3]["reason"] == "not_found" and results[4]["reason"] == "not_deletable"
    assert "reason" in results[5]["errors"] and "colour" in results[6]["errors"]
    assert "mutation_id" in results[7]["errors"]

    retry = push(batch[:2]).json["results"]
    assert [x["status"] for x in retry] == ["duplicate", "duplicate"] and retry[0]["version"] == 2
    assert coach.get(f"/v1/nudges/{a['id']}").json["version"] == 2  # nothing changed twice
    completed = [e for e in coach.outbox(a["id"]) if e["type"] == "nudge.completed"]
    assert len(completed) == 1

    # the conflict is resolved on the new base; the same mutation id from another device is its own
    again = push([{"mutation_id": "m3b", "id": c["id"], "op": "upsert", "base_version": results[2]["version"],
                   "fields": {"status": "done"}}]).json["results"]
    assert again[0]["status"] == "applied"
    other = coach.push("tablet", [batch[0]]).json["results"]
    assert other[0]["status"] == "applied"  # already done: the same outcome, nothing changes


def test_a_push_on_an_older_base_that_only_other_fields_changed_is_merged(coach):
    friday_evening = datetime(2026, 5, 8, 20, 0, tzinfo=UTC)
    coach.clock.now = friday_evening
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    assert n["due_at"] == "2026-05-11T09:00:00.000Z"  # Monday morning
    coach.feed(coach.plan(version=2, timezone="Asia/Tokyo"))  # the member moved: Monday 09:00 in Tokyo
    moved = coach.get(f"/v1/nudges/{n['id']}").json
    assert moved["version"] == 2 and moved["due_at"] == "2026-05-11T00:00:00.000Z" and moved["status"] == "pending"
    r = coach.push("phone", [
        {"mutation_id": "m1", "id": n["id"], "op": "upsert", "base_version": 1, "fields": {"status": "done"}}])
    assert r.json["results"][0]["status"] == "merged" and r.json["results"][0]["version"] == 3


def test_a_resend_answers_the_first_result_even_without_its_receipt(coach):
    friday_evening = datetime(2026, 5, 8, 20, 0, tzinfo=UTC)
    coach.clock.now = friday_evening
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    coach.feed(coach.plan(version=2, timezone="Asia/Tokyo"))  # the server moved it to version 2
    push = [{"mutation_id": "m1", "id": n["id"], "op": "upsert", "base_version": 1,
             "fields": {"status": "snoozed", "snoozed_until": "2026-05-12T09:00:00Z"}}]
    first = coach.push("phone", push).json["results"][0]
    assert (first["status"], first["version"]) == ("merged", 3)
    reopened = coach.push("tablet", [
        {"mutation_id": "t1", "id": n["id"], "op": "upsert", "base_version": 3, "fields": {"status": "pending"}}])
    assert reopened.json["results"][0].get("version") == 4, reopened.json
    coach.parts.sync.receipts.delete_many({})        # only the nudge remembers the mutation
    again = coach.push("phone", push).json["results"][0]
    assert (again["status"], again["first_status"], again["version"]) == ("duplicate", "merged", 3)


def test_a_resend_racing_the_first_attempt_answers_its_first_result(coach):
    import threading
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    [n] = coach.items()
    version, mismatches = 1, []
    for race in range(50):
        fields = {"status": "snoozed", "snoozed_until": "2026-05-12T09:00:00Z"} if race % 2 == 0 else \
            {"status": "pending"}
        push = [{"mutation_id": f"race-{race}", "id": n["id"], "op": "upsert", "base_version": version,
                 "fields": fields}]
        answers, start = [None, None], threading.Barrier(2)

        def send(i):
            start.wait()
            answers[i] = coach.push("phone", push).json["results"][0]

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        firsts = [a for a in answers if a["status"] != "duplicate"]
        kinds = {(a.get("first_status") or a["status"], a["version"]) for a in answers}
        if len(firsts) != 1 or kinds != {("applied", version + 1)}:
            mismatches.append((race, answers))
        version += 1
        assert coach.get(f"/v1/nudges/{n['id']}").json["version"] == version  # applied once
    assert not mismatches, mismatches[:3]


def test_sync_limits_old_cursors_and_old_apps(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    many = [{"mutation_id": f"m{i}", "id": "x", "op": "upsert", "base_version": 1, "fields": {"status": "done"}}
            for i in range(101)]
    r = coach.push("phone", many)
    assert r.status_code == 413 and r.json["type"] == "/problems/payload-too-large"
    assert (r.json["limit"], r.json["limit_name"]) == (100, "mutations_per_push")  # as every 413 says which
    assert r.json["max_mutations"] == 100  # what it said before, kept for apps that read it
    r = coach.get("/v1/sync/nudges/pull", headers={"X-Rapport-Schema-Version": "0"})
    assert r.status_code == 426 and r.json["type"] == "/problems/upgrade-required" and r.headers["X-Server-Time"]
    unversioned = coach.client.post("/v1/sync/nudges/push", json={"device_id": "p", "mutations": many[:1]},
                                    headers={"Authorization": coach.headers()["Authorization"]})
    assert unversioned.status_code == 426
    r = coach.get("/v1/sync/nudges/pull?limit=501")
    assert r.status_code == 413 and (r.json["limit"], r.json["limit_name"]) == (500, "changes_per_page")
    cursor = coach.get("/v1/sync/nudges/pull").json["next_cursor"]
    coach.clock.advance(days=31)
    r = coach.get(f"/v1/sync/nudges/pull?cursor={cursor}")
    assert r.status_code == 410 and r.json["type"] == "/problems/resync-required"


def test_ics_feed_behind_a_rotating_secret_url(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace, the Admiral"), coach.contact("c-2", "Alan"))
    created = coach.post("/v1/feeds/ics")
    assert created.status_code == 201
    path = created.json["path"]
    assert path.startswith("/v1/feeds/ics/") and path.endswith(".ics") and created.json["url"].endswith(path)
    assert coach.client.get("/v1/feeds/ics").status_code == 401  # only the secret URL is public
    cal = coach.client.get(path)  # no token: the secret is the key
    assert cal.status_code == 200 and cal.headers["Content-Type"] == "text/calendar; charset=utf-8"
    text = cal.get_data(as_text=True)
    assert text.count("BEGIN:VTODO") == 2 and "\r\n" in text
    assert "Grace\\, the Admiral" in text.replace("\r\n ", "")

    rotated = coach.post("/v1/feeds/ics").json["path"]
    assert coach.client.get(path).status_code == 404 and coach.client.get(rotated).status_code == 200
    assert coach.client.delete("/v1/feeds/ics", headers=coach.headers()).status_code == 204
    assert coach.client.get(rotated).status_code == 404
    assert coach.client.post("/v1/feeds/ics").status_code == 401


def test_an_erased_member_leaves_nothing_behind(coach):
    coach.feed(coach.plan(), coach.contact("c-1", "Grace"))
    path = coach.post("/v1/feeds/ics").json["path"]
    assert len(coach.items()) == 1
    coach.feed(coach.ev("account.member_erased", member_id=coach.member))
    assert coach.items() == [] and coach.client.get(path).status_code == 404
    assert coach.parts.read_model.records(coach.org, coach.member) == []
    coach.feed(coach.contact("c-2", "Late Event"))  # a late event from another topic
    assert coach.items() == [] and coach.parts.read_model.records(coach.org, coach.member) == []


def test_the_members_a_poll_just_projected_are_evaluated_without_waiting_for_a_sweep(coach):
    from services.nudges.service_layer.coach import Evaluator

    parts = coach.parts
    evaluator = Evaluator(parts.read_model, parts.schedule, parts.store, parts.eraser, sweep_every=3600,
                          clock=coach.clock)
    assert evaluator.tick(range(12)) == 0  # this hour's sweep: nothing is due yet
    coach.projector.handle(coach.plan())
    coach.projector.handle(coach.contact("c-1", "Ada"))
    assert evaluator.tick(range(12)) == 0  # no second sweep within the hour, nothing handed over
    assert evaluator.tick(range(12), coach.projector.take_touched()) == 1
    assert [n["contact_id"] for n in coach.items()] == ["c-1"]
    assert coach.projector.take_touched() == []
