"""The `goals` sync scope on real servers: a phone creates, edits and deletes goals, objectives
and its plan offline and pulls what changed (docs/sync-protocol.md)."""
import uuid
from datetime import timedelta

from services.goals.adapters.documents import Goal

SCHEMA = {"X-Rapport-Schema-Version": "1"}
GOAL = {"title": "CTO", "horizon": "ultimate",
        "milestones": [{"kind": "relationship", "title": "Know a CTO", "role": "CTO"}]}


def _h(token):
    return {"Authorization": f"Bearer {token}", **SCHEMA}


def _push(client, h, device, *mutations):
    r = client.post("/v1/sync/goals/push", headers=h, json={"device_id": device, "mutations": list(mutations)})
    assert r.status_code == 200, r.json
    return r.json["results"]


def _pull_all(client, h, cursor=None):
    changes = {"goals": {"upserted": [], "deleted": []}, "objectives": {"upserted": [], "deleted": []},
               "plan": {"upserted": [], "deleted": []}}
    while True:
        r = client.get("/v1/sync/goals/pull", headers=h, query_string={"limit": 2, **({"cursor": cursor} if cursor
                                                                                        else {})})
        assert r.status_code == 200, r.json
        for name, got in r.json["changes"].items():
            for kind in ("upserted", "deleted"):
                changes[name][kind] += got[kind]
        cursor = r.json["next_cursor"]
        if not r.json["has_more"]:
            return changes, cursor


def _m(mid, collection, rid, op="upsert", base=None, **fields):
    return {"mutation_id": mid, "collection": collection, "id": rid, "op": op, "base_version": base,
            "fields": fields}


def test_goals_objectives_and_the_plan_sync_exactly_once_with_conflicts_and_tombstones(
        make_app, issue_token, settings_for):
    goals = make_app("goals")
    goals.application.extensions["rapport_goals_sync"].lag = timedelta(0)  # pull what was just written
    phone, laptop = _h(issue_token(device_id="phone")), _h(issue_token(device_id="laptop"))
    gid, oid = str(uuid.uuid4()), str(uuid.uuid4())

    created = _push(goals, phone, "phone",
                    _m("m1", "goals", gid, **GOAL),
                    _m("m2", "objectives", oid, title="Meet two CTOs", kind="meet", target=2,
                       due_date="2027-03-31", criteria={"role": "CTO"}, goal_id=gid),
                    _m("m3", "plan", "member-a", style="introvert", weekly_budget=4),
                    _m("m4", "goals", gid, op="delete", base=None) | {"op": "bogus"},
                    "not an object")
    assert [r["status"] for r in created] == ["applied", "applied", "applied", "rejected", "rejected"]
    assert created[3]["errors"]["op"] and created[4]["reason"] == "invalid"

    again = _push(goals, phone, "phone", _m("m1", "goals", gid, **GOAL))  # a resend: the first result
    assert again[0]["status"] == "duplicate" and again[0]["first_status"] == "applied" and again[0]["version"] == 1
    assert Goal._get_collection().count_documents({"_id": gid}) == 1

    # the phone retitles the goal on version 1; the web changed the target date meanwhile: merged
    web = goals.patch(f"/v1/goals/{gid}", headers=phone, json={"target_date": "2031-01-01"})
    assert web.status_code == 200 and web.json["version"] == 2
    merged = _push(goals, phone, "phone", _m("m5", "goals", gid, base=1, title="CTO of a scale-up"))
    assert merged[0]["status"] == "merged" and merged[0]["version"] == 3
    body = goals.get(f"/v1/goals/{gid}", headers=phone).json
    assert (body["title"], body["target_date"]) == ("CTO of a scale-up", "2031-01-01")

    # the laptop, still on version 1, retitles too: a conflict, nothing written
    clash = _push(goals, laptop, "laptop", _m("m1", "goals", gid, base=1, title="Chief Architect"))
    assert clash[0]["status"] == "conflict" and clash[0]["version"] == 3
    assert clash[0]["conflicts"] == [{"field": "title", "server_value": "CTO of a scale-up", "changed_in_version": 3}]
    assert clash[0]["record"]["title"] == "CTO of a scale-up"
    resolved = _push(goals, laptop, "laptop", _m("m2", "goals", gid, base=3, title="Chief Architect"))
    assert resolved[0]["status"] == "applied" and resolved[0]["version"] == 4

    # rules hold offline too: a second active ultimate goal, a bad field, a base ahead
    refused = _push(goals, phone, "phone", _m("m6", "goals", str(uuid.uuid4()), **GOAL),
                    _m("m7", "objectives", oid, base=1, target=0),
                    _m("m8", "goals", gid, base=9, title="x"),
                    _m("m9", "plan", "member-a", op="delete"),
                    _m("m10", "plan", "someone-else", style="extrovert"))
    assert [r["reason"] for r in refused] == ["ultimate_goal_exists", "invalid", "base_version_ahead",
                                             "not_deletable", "invalid"]

    edited = _push(goals, phone, "phone", _m("m11", "plan", "member-a", base=1, max_nudges_per_day=1),
                   _m("m12", "objectives", oid, op="delete"), _m("m13", "objectives", oid, op="delete"))
    assert [r["status"] for r in edited] == ["applied", "applied", "applied"]
    plan = goals.get("/v1/plan", headers=phone).json
    assert (plan["style"], plan["weekly_budget"], plan["max_nudges_per_day"], plan["version"]) == (
        "introvert", 4, 1, 2)

    changes, cursor = _pull_all(goals, phone)
    assert [g["id"] for g in changes["goals"]["upserted"]] == [gid]
    assert changes["goals"]["upserted"][0]["title"] == "Chief Architect"
    assert changes["objectives"]["deleted"][0]["id"] == oid and not changes["objectives"]["upserted"]
    assert changes["plan"]["upserted"][0]["id"] == "member-a"
    assert goals.get(f"/v1/objectives/{oid}", headers=phone).status_code == 404

    # nothing new since: an empty page; a goal deleted later comes as a tombstone
    assert _pull_all(goals, phone, cursor)[0]["goals"] == {"upserted": [], "deleted": []}
    assert _push(goals, phone, "phone", _m("m14", "goals", gid, op="delete"))[0]["status"] == "applied"
    later, _ = _pull_all(goals, phone, cursor)
    assert [t["id"] for t in later["goals"]["deleted"]] == [gid]
    edit_deleted = _push(goals, phone, "phone", _m("m15", "goals", gid, base=5, title="again"))
    assert edit_deleted[0]["reason"] == "deleted"

    # another member: none of it, and the id is not theirs to take
    bob = _h(issue_token("org-a", "member-b", device_id="bob-phone"))
    assert _pull_all(goals, bob)[0]["goals"] == {"upserted": [], "deleted": []}
    taken = _push(goals, bob, "bob-phone", _m("b1", "goals", gid, **GOAL))
    assert taken[0]["status"] == "rejected" and taken[0]["errors"]["id"]
    assert goals.get(f"/v1/goals/{gid}", headers=bob).status_code == 404


def test_the_scope_speaks_the_protocol_gates(make_app, issue_token):
    goals = make_app("goals")
    token = issue_token(device_id="phone")
    no_schema = goals.get("/v1/sync/goals/pull", headers={"Authorization": f"Bearer {token}"})
    assert no_schema.status_code == 426 and no_schema.json["server_time"] == no_schema.headers["X-Server-Time"]
    other_device = goals.post("/v1/sync/goals/push", headers=_h(token), json={"device_id": "laptop",
                                                                              "mutations": []})
    assert other_device.status_code == 409 and other_device.json["type"] == "/problems/device-not-registered"
    too_many = goals.post("/v1/sync/goals/push", headers=_h(token),
                          json={"device_id": "phone", "mutations": [{}] * 101})
    assert too_many.status_code == 413 and too_many.json["limit_name"] == "mutations_per_push"
    assert goals.get("/v1/sync/goals/pull?limit=501", headers=_h(token)).status_code == 413
    other = goals.get("/v1/sync/goals/pull", headers=_h(issue_token("org-a", "member-b", device_id="b")))
    cursor = other.json["next_cursor"]
    assert goals.get("/v1/sync/goals/pull", headers=_h(token), query_string={"cursor": cursor}).status_code == 400


def test_a_revoked_devices_receipts_are_forgotten_by_the_goals_follower(make_app, issue_token, settings_for):
    from services.goals import followers
    from services.goals.adapters.documents import GoalSyncReceipt
    from shared import revocation, syncing
    from shared.db import Scope
    from shared.events import new_event

    goals = make_app("goals")
    revocation.configure(settings_for("goals"))
    phone = _h(issue_token(device_id="phone"))
    first = _push(goals, phone, "phone", _m("r1", "goals", str(uuid.uuid4()), **GOAL))
    scope = Scope("org-a", "member-a")
    receipts = syncing.Receipts(GoalSyncReceipt._get_collection(), scope, "phone", 2000)
    assert receipts.get(["r1"])["r1"]["status"] == first[0]["status"] == "applied"
    revoked = new_event("account.device_revoked", org_id="org-a", member_id="member-a", source="test",
                        data={"member_id": "member-a", "device_id": "phone", "reason": "signed_out",
                              "revoked_at": "2026-12-01T09:00:00.000Z"})
    followers.handle_batch([revoked, revoked])  # delivered twice: one effect
    assert receipts.get(["r1"]) == {}
