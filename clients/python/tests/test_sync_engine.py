"""The sync queue and conflict handling against the in-memory server (fake_server.py): nothing sent
twice, nothing lost, nothing overwritten silently."""
from __future__ import annotations





def _visible(row: dict | None, *fields: str) -> list:
    assert row is not None
    return [row.get(f) for f in fields]


# -- the outbox --------------------------------------------------------------------------------

def test_folds_edits_not_yet_sent_into_the_queued_mutation(device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Ada"})
    a.store.save("contacts", "c1", {"company": "Analytical Engines"})
    [m] = a.store.pending()
    assert m.fields == {"display_name": "Ada", "company": "Analytical Engines"}
    assert m.base_version is None
    assert a.store.get("contacts", "c1")["_state"] == "local"


def test_queues_only_the_changed_fields_on_the_version_the_member_saw(device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Ada", "title": "Analyst"})
    a.run()
    a.store.save("contacts", "c1", {"display_name": "Ada", "title": "Countess"})
    [m] = a.store.pending()
    assert (m.fields, m.base_version) == ({"title": "Countess"}, 1)


def test_names_a_nudges_status_in_every_change_even_when_only_the_snooze_time_changes(server, device) -> None:
    server.seed("nudges", "n1", {"status": "snoozed", "snoozed_until": "2026-12-03T09:00:00Z"})
    server.edit("nudges", "n1", {"snoozed_until": "2026-12-04T09:00:00Z"})
    server.edit("nudges", "n1", {"snoozed_until": "2026-12-05T09:00:00Z"})
    a = device()
    a.run()
    a.store.save("nudges", "n1", {"snoozed_until": "2026-12-09T09:00:00Z"})
    [m] = a.store.pending()
    assert m.fields == {"status": "snoozed", "snoozed_until": "2026-12-09T09:00:00Z"}
    assert m.base_version == 3


def test_gives_up_waiting_changes_showing_the_servers_copy_again(device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace", "title": "Captain"})
    a.run()
    a.store.save("contacts", "c1", {"title": "Admiral"})
    a.store.discard("contacts", "c1")
    assert a.store.pending_count() == 0
    assert _visible(a.store.get("contacts", "c1"), "title", "_state", "version") == ["Captain", "synced", 1]


def test_forgets_a_record_deleted_before_it_was_ever_sent(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Ada"})
    a.store.remove("contacts", "c1")
    assert a.store.pending_count() == 0
    assert a.store.get("contacts", "c1") is None
    a.run()
    assert server.pushes == []


# -- pushing -----------------------------------------------------------------------------------

def test_sends_a_gathering_a_person_met_there_and_a_coffee_in_one_push_in_order_once(server, device) -> None:
    a = device()
    a.store.save("gatherings", "g1", {"name": "PyCon", "kind": "conference"})
    a.store.save("contacts", "c1", {"display_name": "Grace", "gathering_id": "g1"})
    a.store.save("interactions", "i1", {"contact_id": "c1", "kind": "coffee", "occurred_at": "2026-12-02T09:00:00Z"})
    report = a.run()
    assert report.pushed == 3 and report.scopes["contacts"].up == 3
    assert len(server.pushes) == 1
    assert [m["collection"] for m in server.pushes[0]["mutations"]] == ["gatherings", "contacts", "interactions"]
    assert server.pushes[0]["mutations"][0]["client_time"] == "2026-12-02T09:00:00.000Z"
    assert a.store.pending_count() == 0
    assert _visible(a.store.get("contacts", "c1"), "_state", "version") == ["synced", 1]


def test_keeps_everything_queued_while_offline_and_sends_it_when_the_network_returns(server, device) -> None:
    a = device()
    server.offline = True
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    assert a.run().offline is True
    assert a.store.pending_count() == 1
    server.offline = False
    a.run()
    assert server.record("contacts", "c1").version == 1
    assert a.store.pending_count() == 0


def test_resends_the_same_mutation_when_an_answer_is_lost_the_server_applies_it_once(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    server.lose_next_answer = True
    assert a.run().offline is True
    assert server.writes == 1
    a.store.save("contacts", "c1", {"title": "Rear Admiral"})  # an edit made meanwhile waits apart
    assert len(a.store.pending()) == 2
    a.run()
    first, second, third = server.pushes
    assert second["mutations"] == first["mutations"]  # the same body, the same mutation_id, alone
    assert [m["fields"] for m in third["mutations"]] == [{"title": "Rear Admiral"}]
    rec = server.record("contacts", "c1")
    assert rec.fields == {"display_name": "Grace", "title": "Rear Admiral"}
    assert rec.version == 2  # created once, edited once: no conflict with itself
    assert a.store.get("contacts", "c1")["_state"] == "synced"


def test_retries_after_a_503_with_the_same_mutations(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    server.fail_next_push = 1
    assert a.run().retry_later is True
    assert a.store.pending_count() == 1
    a.run()
    assert server.pushes[1]["mutations"][0]["mutation_id"] == server.pushes[0]["mutations"][0]["mutation_id"]
    assert a.store.pending_count() == 0


def test_offers_a_possible_duplicate_from_the_push_answer(device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace Hopper", "emails": ["grace@navy.mil"]})
    a.run()
    a.store.save("contacts", "c2", {"display_name": "G. Hopper", "emails": ["grace@navy.mil"]})
    a.run()
    assert a.store.duplicates() == [{"keep": "c1", "other": "c2", "names": ["Grace Hopper", "G. Hopper"],
                                     "reasons": ["email"], "dismissed": False}]
    a.store.dismiss_duplicate("c1", "c2")
    assert a.store.duplicates() == []


def test_an_edit_of_a_record_deleted_on_the_server_meanwhile_deletes_win(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    server.record("contacts", "c1").deleted = True
    a.store.save("contacts", "c1", {"title": "Admiral"})
    report = a.run()
    assert [(r.id, r.reason) for r in report.rejected] == [("c1", "deleted")]
    assert a.store.get("contacts", "c1") is None


# -- conflicts ---------------------------------------------------------------------------------

def test_shows_both_values_of_a_field_changed_on_two_devices_and_pushes_the_choice(server, device) -> None:
    a, b = device("a"), device("b")
    a.store.save("contacts", "c1", {"display_name": "Grace", "title": "Captain"})
    a.run()
    b.run()
    a.store.save("contacts", "c1", {"title": "Commodore"})
    b.store.save("contacts", "c1", {"title": "Rear Admiral", "company": "US Navy"})
    a.run()
    report = b.run()
    assert len(report.conflicts) == 1
    row = b.store.get("contacts", "c1")
    assert row["_state"] == "conflict"
    assert row["_conflicts"] == [{"field": "title", "mine": "Rear Admiral", "server_value": "Commodore",
                                  "changed_in_version": 2}]
    assert row["title"] == "Rear Admiral"  # the member's value stays shown until they choose
    assert "company" not in server.record("contacts", "c1").fields  # nothing of the mutation written

    b.run()  # a pull meanwhile does not lose the conflict
    assert b.store.get("contacts", "c1")["_state"] == "conflict"
    assert [r["id"] for r in b.store.conflicts()] == ["c1"]

    b.store.resolve("contacts", "c1", {"title": "mine"})
    [m] = b.store.pending()
    assert (m.base_version, m.fields) == (2, {"title": "Rear Admiral", "company": "US Navy"})
    b.run()
    a.run()
    expected = {"display_name": "Grace", "title": "Rear Admiral", "company": "US Navy"}
    assert server.record("contacts", "c1").fields == expected
    for dev in (a, b):
        r = dev.store.get("contacts", "c1")
        assert {k: r[k] for k in expected} == expected
        assert (r["_state"], r["version"]) == ("synced", 3)


def test_taking_the_other_devices_value_sends_nothing_and_ends_equal_to_the_server(device) -> None:
    a, b = device("a"), device("b")
    a.store.save("contacts", "c1", {"display_name": "Grace", "title": "Captain"})
    a.run()
    b.run()
    a.store.save("contacts", "c1", {"title": "Commodore"})
    b.store.save("contacts", "c1", {"title": "Rear Admiral"})
    a.run()
    b.run()
    b.store.resolve("contacts", "c1", {"title": "theirs"})
    assert b.store.pending_count() == 0
    assert _visible(b.store.get("contacts", "c1"), "title", "_state") == ["Commodore", "synced"]


def test_merges_edits_of_different_fields_without_asking(device) -> None:
    a, b = device("a"), device("b")
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    b.run()
    a.store.save("contacts", "c1", {"title": "Commodore"})
    b.store.save("contacts", "c1", {"company": "US Navy"})
    a.run()
    b.run()
    a.run()
    for dev in (a, b):
        assert _visible(dev.store.get("contacts", "c1"), "title", "company", "_state") == [
            "Commodore", "US Navy", "synced"]


# -- pulling -----------------------------------------------------------------------------------

def test_relinks_interactions_when_a_contact_was_merged_on_another_device(device) -> None:
    a, b = device("a"), device("b")
    a.store.save("contacts", "keep", {"display_name": "Grace Hopper"})
    a.store.save("contacts", "dup", {"display_name": "G. Hopper"})
    a.store.save("interactions", "i1", {"contact_id": "dup", "kind": "coffee", "occurred_at": "2026-12-01T10:00:00Z"})
    a.run()
    b.run()
    b.store.merge("keep", "dup")
    assert b.store.get("interactions", "i1")["contact_id"] == "keep"  # at once, on the merging device
    b.run()
    a.run()
    assert a.store.get("contacts", "dup") is None
    assert a.store.get("interactions", "i1")["contact_id"] == "keep"


def test_relinks_an_interaction_pushed_for_a_contact_merged_meanwhile(server, device) -> None:
    a, b = device("a"), device("b")
    a.store.save("contacts", "keep", {"display_name": "Grace Hopper"})
    a.store.save("contacts", "dup", {"display_name": "G. Hopper"})
    a.run()
    b.run()
    b.store.merge("keep", "dup")
    b.run()
    a.store.save("interactions", "i2", {"contact_id": "dup", "kind": "call", "occurred_at": "2026-12-02T08:00:00Z"})
    server.offline = True
    a.run()
    server.offline = False
    a.run()
    assert server.record("interactions", "i2").fields["contact_id"] == "keep"
    assert a.store.get("interactions", "i2")["contact_id"] == "keep"


def test_keeps_local_changes_through_a_pull_and_a_resync_from_scratch(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    server.edit("contacts", "c1", {"title": "Commodore"})
    server.offline = True
    a.store.save("contacts", "c2", {"display_name": "Ada"})
    a.run()
    server.offline = False
    server.gone_cursors = True
    a.run()
    server.gone_cursors = False
    assert a.store.get("contacts", "c1")["title"] == "Commodore"
    assert a.store.get("contacts", "c2")["_state"] == "synced"
    assert server.record("contacts", "c2").version == 1


def test_applies_a_newer_server_version_under_a_waiting_edit_keeping_the_edit_shown(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    server.edit("contacts", "c1", {"company": "US Navy"})
    a.store.save("contacts", "c1", {"title": "Commodore"})
    server.fail_next_push = 1  # the push fails, the pull brings the server's newer version under the edit
    a.run()
    row = a.store.get("contacts", "c1")
    assert _visible(row, "company", "title", "_state", "version") == ["US Navy", "Commodore", "local", 2]
    a.run()  # then the push merges
    assert _visible(a.store.get("contacts", "c1"), "company", "title", "_state") == ["US Navy", "Commodore", "synced"]
    assert server.record("contacts", "c1").fields == {"display_name": "Grace", "company": "US Navy",
                                                      "title": "Commodore"}
