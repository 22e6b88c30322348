"""The protocol's guarantees from the client's side under faults: batches split on 413, mutations decided
again, refusals that stop a run, a restart, paged pulls, cursors started over, nothing half-applied."""
from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from rapport_sdk.sync import Conflict, Store, SyncEngine, SyncStopped

from fake_server import Device


def test_a_push_too_large_is_halved_and_every_mutation_sent_once(server, device) -> None:
    server.max_mutations = 3
    a = device()
    for i in range(10):
        a.store.save("contacts", f"c{i}", {"display_name": f"Person {i}"})
    report = a.run()
    assert report.pushed == 10 and a.store.pending_count() == 0
    answered = [p for p in server.pushes if len(p["mutations"]) <= 3]
    assert max(len(p["mutations"]) for p in answered) <= 3
    ids = [m["id"] for p in answered for m in p["mutations"]]
    assert ids == [f"c{i}" for i in range(10)]  # in order, each once
    assert server.writes == 10


def test_a_push_holds_at_most_a_hundred_mutations(server, device) -> None:
    a = device()
    for i in range(150):
        a.store.save("contacts", f"c{i:03}", {"display_name": f"Person {i}"})
    a.run()
    assert [len(p["mutations"]) for p in server.pushes] == [100, 50]


def test_a_server_error_stays_queued_and_is_decided_again_with_the_same_id(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    [m] = a.store.pending()
    server.server_error_once.add(m.mutation_id)
    report = a.run()
    assert report.retry_later and a.store.pending_count() == 1
    a.run()
    assert [p["mutations"][0]["mutation_id"] for p in server.pushes] == [m.mutation_id, m.mutation_id]
    assert a.store.get("contacts", "c1")["_state"] == "synced"


def test_an_invalid_change_is_rejected_shown_and_not_resent(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    a.store.save("contacts", "c1", {"display_name": ""})
    report = a.run()
    [r] = report.rejected
    assert (r.collection, r.id, r.reason, r.errors) == ("contacts", "c1", "invalid", {"display_name": ["empty"]})
    row = a.store.get("contacts", "c1")
    assert row["_state"] == "rejected" and row["_problem"]["reason"] == "invalid"
    pushes = len(server.pushes)
    a.run()
    assert len(server.pushes) == pushes  # nothing resent
    a.store.discard("contacts", "c1")
    assert [a.store.get("contacts", "c1")[k] for k in ("display_name", "_state")] == ["Grace", "synced"]


@pytest.mark.parametrize("status, slug", [(401, "access-revoked"), (409, "device-not-registered"),
                                          (426, "upgrade-required"), (422, "validation-error")])
def test_a_refusal_stops_the_run_and_keeps_the_queue(server, device, status, slug) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    server.refuse = (status, slug)
    with pytest.raises(SyncStopped) as stopped:
        a.run()
    assert (stopped.value.slug, stopped.value.status) == (slug, status)
    assert a.store.pending_count() == 1
    server.refuse = None
    a.run()
    assert a.store.pending_count() == 0 and server.writes == 1


def test_the_queue_and_the_cursors_survive_a_restart(server, device, tmp_path) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    server.offline = True
    a.store.save("contacts", "c1", {"title": "Commodore"})
    a.store.save("interactions", "i1", {"contact_id": "c1", "kind": "call"})
    assert a.run().offline
    queued = a.store.pending()
    a.store.close()

    again = Device(server, tmp_path, "a")
    assert [(m.mutation_id, m.sent) for m in again.store.pending()] == [(m.mutation_id, m.sent) for m in queued]
    assert again.store.get("contacts", "c1")["title"] == "Commodore"
    assert again.store.get("contacts", "c1")["version"] == 1
    server.offline = False
    again.run()
    assert server.record("contacts", "c1").fields["title"] == "Commodore"
    assert [p.get("cursor") for p in server.pulls if p["scope"] == "contacts"][-1] is not None  # no full resync
    with sqlite3.connect(again.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_written_by_a_newer_sdk_is_not_opened(tmp_path) -> None:
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(RuntimeError):
        Store(path)


def test_a_conflict_is_handed_to_on_conflict(server, device) -> None:
    seen: list[Conflict] = []
    a, b = device("a"), device("b", on_conflict=seen.append)
    a.store.save("contacts", "c1", {"display_name": "Grace", "title": "Captain"})
    a.run()
    b.run()
    a.store.save("contacts", "c1", {"title": "Commodore"})
    a.run()
    b.store.save("contacts", "c1", {"title": "Admiral"})
    b.run()
    [c] = seen
    assert (c.collection, c.id, c.version, c.at) == ("contacts", "c1", 2, "2026-12-02T09:00:00.000Z")
    assert [(f.field, f.mine, f.server_value, f.changed_in_version) for f in c.fields] == [
        ("title", "Admiral", "Commodore", 2)]
    assert c.record is not None and c.record["title"] == "Commodore"


def test_a_pull_pages_until_has_more_is_false(server, device) -> None:
    for i in range(7):
        server.seed("contacts", f"c{i}", {"display_name": f"Person {i}"})
    server.edit("contacts", "c0", {"title": "changed again"})  # sent at its newest change only
    server.page_size = 2
    a = device()
    report = a.run()
    assert report.scopes["contacts"].down == 7
    assert len([p for p in server.pulls if p["scope"] == "contacts"]) == 4
    assert a.store.get("contacts", "c0")["title"] == "changed again"
    assert len(a.store.all("contacts")) == 7
    before = len(server.pulls)
    assert a.run().pulled == 0 and len(server.pulls) == before + 3  # one page per scope, from the cursors


def test_an_unknown_cursor_starts_over_keeping_local_records(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    with a.store.tx():
        a.store.set_meta("cursor.contacts", "not-ours")
    server.seed("contacts", "c2", {"display_name": "Ada"})
    a.run()
    assert {r["id"] for r in a.store.all("contacts")} == {"c1", "c2"}
    assert [p.get("cursor") for p in server.pulls if p["scope"] == "contacts"][-2:] == ["not-ours", None]


def test_a_tombstone_drops_the_record_and_its_waiting_edit(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    a.store.save("contacts", "c1", {"title": "Admiral"})
    server.fail_next_push = 1
    a.run()  # sent once, unanswered: it stays queued as it is
    a.store.save("contacts", "c1", {"company": "US Navy"})  # waits apart, unsent
    [sent, unsent] = a.store.pending()
    assert (sent.sent, unsent.sent) == (True, False)
    server.delete("contacts", "c1")
    server.fail_next_push = 1
    a.run()  # the push fails again; the pull's tombstone wins over both edits
    assert a.store.get("contacts", "c1") is None
    assert [m.mutation_id for m in a.store.pending()] == [sent.mutation_id]  # the sent one is still answered
    report = a.run()
    assert [(r.id, r.reason) for r in report.rejected] == [("c1", "deleted")]
    assert a.store.pending_count() == 0 and a.store.get("contacts", "c1") is None


class _BrokenPage:
    """A server whose second pull item is unreadable: the page must not be half-applied."""

    def push(self, scope: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return 200, {"results": []}

    def pull(self, scope: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        changes = {"contacts": {"upserted": [{"id": "c1", "version": 1, "display_name": "Grace"}, {"version": 1}]}}
        return 200, {"has_more": False, "next_cursor": "c9", "changes": changes if scope == "contacts" else {}}


def test_a_page_is_applied_whole_or_not_at_all(tmp_path) -> None:
    store = Store(tmp_path / "x.db")
    with pytest.raises(KeyError):
        SyncEngine(_BrokenPage(), lambda: "a", store).run()
    assert store.get("contacts", "c1") is None
    assert store.meta("cursor.contacts") is None


def test_an_edit_queued_behind_a_merged_one_does_not_conflict_with_it(server, device) -> None:
    a = device()
    a.store.save("contacts", "c1", {"display_name": "Grace"})
    a.run()
    server.edit("contacts", "c1", {"company": "US Navy"})  # v2, someone else's field
    a.store.save("contacts", "c1", {"title": "Commodore"})
    server.lose_next_answer = True
    a.run()  # merged on the server (v3), the answer lost
    a.store.save("contacts", "c1", {"title": "Rear Admiral"})  # the same field again, waiting apart
    report = a.run()  # the resend is a duplicate of `merged`; the waiting edit moves onto v3
    assert report.conflicts == [] and a.store.pending_count() == 0
    assert server.record("contacts", "c1").fields == {"display_name": "Grace", "company": "US Navy",
                                                      "title": "Rear Admiral"}
    row = a.store.get("contacts", "c1")
    assert (row["title"], row["company"], row["_state"], row["version"]) == ("Rear Admiral", "US Navy", "synced", 4)


def test_merging_a_contact_the_server_never_knew_forgets_it_and_relinks_its_interactions(server, device) -> None:
    a = device()
    a.store.save("contacts", "keep", {"display_name": "Grace Hopper"})
    a.run()
    a.store.save("contacts", "dup", {"display_name": "G. Hopper"})
    a.store.save("interactions", "i1", {"contact_id": "dup", "kind": "coffee"})
    a.store.merge("keep", "dup")
    assert a.store.get("contacts", "dup") is None
    assert [(m.collection, m.op, (m.fields or {}).get("contact_id")) for m in a.store.pending()] == [
        ("interactions", "upsert", "keep")]
    a.run()
    assert server.record("contacts", "dup") is None
    assert server.record("interactions", "i1").fields["contact_id"] == "keep"
