"""What differs by scope (docs/sync-protocol.md §9): nudges (one collection, no `collection` on the wire,
`base_version` and `status` always), goals (goals, objectives, the plan whose id is the member's id)."""
from __future__ import annotations


import pytest



def test_a_nudge_change_travels_without_collection_with_its_base_version_and_status(server, device) -> None:
    server.seed("nudges", "n1", {"status": "pending", "contact_id": "c1"})
    a = device()
    a.run()
    assert a.store.get("nudges", "n1")["status"] == "pending"
    a.store.save("nudges", "n1", {"status": "done"})
    report = a.run()
    [sent] = [p for p in server.pushes if p["mutations"]][0]["mutations"]
    assert "collection" not in sent
    assert (sent["base_version"], sent["fields"]) == (1, {"status": "done"})
    assert report.scopes["nudges"].up == 1 and not report.rejected
    assert server.record("nudges", "n1").fields["status"] == "done"
    assert a.store.get("nudges", "n1")["_state"] == "synced"


def test_a_device_neither_makes_nor_deletes_nudges(server, device) -> None:
    server.seed("nudges", "n1", {"status": "pending"})
    a = device()
    a.run()
    with pytest.raises(ValueError):
        a.store.save("nudges", "n2", {"status": "done"})
    with pytest.raises(ValueError):
        a.store.remove("nudges", "n1")
    assert a.store.pending_count() == 0


def test_a_nudge_whose_status_changed_elsewhere_is_a_conflict_resolved_on_the_new_version(server, device) -> None:
    server.seed("nudges", "n1", {"status": "pending"})
    a = device()
    a.run()
    server.edit("nudges", "n1", {"status": "dismissed", "reason": "not now"})
    a.store.save("nudges", "n1", {"status": "done"})
    report = a.run()
    [conflict] = report.conflicts
    assert (conflict.scope, conflict.collection, conflict.version) == ("nudges", "nudges", 2)
    assert conflict.fields[0].server_value == "dismissed" and conflict.fields[0].mine == "done"
    row = a.store.get("nudges", "n1")
    assert (row["_state"], row["status"], row["version"]) == ("conflict", "done", 2)
    a.store.resolve("nudges", "n1", {"status": "mine"})
    [m] = a.store.pending()
    assert (m.base_version, m.fields) == (2, {"status": "done"})
    a.run()
    assert server.record("nudges", "n1").fields["status"] == "done"
    assert a.store.get("nudges", "n1")["_state"] == "synced"


def test_a_resend_of_a_nudge_conflict_answered_as_first_given_is_taken_as_it_was(server, device) -> None:
    server.seed("nudges", "n1", {"status": "pending"})
    a = device()
    a.run()
    server.edit("nudges", "n1", {"status": "dismissed"})
    a.store.save("nudges", "n1", {"status": "done"})
    server.lose_next_answer = True
    assert a.run().offline
    report = a.run()  # the resend is answered its first result again (not `duplicate`)
    assert len(report.conflicts) == 1
    assert a.store.get("nudges", "n1")["_state"] == "conflict"
    assert server.record("nudges", "n1").version == 2


def test_goals_objectives_and_the_plan_sync_in_their_own_scope(server, device) -> None:
    a, b = device("a"), device("b")
    a.store.save("goals", "g1", {"title": "Meet 10 founders", "milestones": [{"title": "first 3"}]})
    a.store.save("objectives", "o1", {"goal_id": "g1", "title": "Go to two meetups"})
    a.store.save("plan", "member-1", {"focus": "founders"})
    report = a.run()
    assert report.scopes["goals"].up == 3 and report.scopes["contacts"].up == 0
    [push] = server.pushes
    assert [(m["collection"], m["id"]) for m in push["mutations"]] == [
        ("goals", "g1"), ("objectives", "o1"), ("plan", "member-1")]
    b.run()
    assert b.store.get("plan", "member-1")["focus"] == "founders"
    assert b.store.get("goals", "g1")["milestones"] == [{"title": "first 3"}]
    with pytest.raises(ValueError):
        b.store.remove("plan", "member-1")
    b.store.remove("objectives", "o1")
    b.run()
    a.run()
    assert a.store.get("objectives", "o1") is None
    assert server.record("objectives", "o1").deleted


def test_a_goals_edit_on_another_field_merges(server, device) -> None:
    a = device()
    a.store.save("goals", "g1", {"title": "Meet 10 founders"})
    a.run()
    server.edit("goals", "g1", {"horizon": "2027"})
    a.store.save("goals", "g1", {"title": "Meet 12 founders"})
    a.run()
    row = a.store.get("goals", "g1")
    assert (row["title"], row["horizon"], row["_state"], row["version"]) == ("Meet 12 founders", "2027", "synced", 3)
