"""Field-level merge decisions and merging two contacts: pure rules, no servers."""
from datetime import datetime, timezone

from services.contacts.domain.merging import APPLIED, CONFLICT, MERGED, REJECTED, combine, decide


def record(version=1, field_versions=None, **fields):
    return {"_id": "c-1", "version": version, "field_versions": field_versions or {}, **fields}


def test_an_edit_on_the_current_version_is_applied_with_only_the_changed_fields():
    d = decide(record(3, title="CTO", notes="x"), 3, {"title": "CEO", "notes": "x"})
    assert d.status == APPLIED and d.changes == {"title": "CEO"}


def test_edits_of_different_fields_merge_field_by_field():
    server = record(4, {"title": 4}, title="CEO", notes="old")   # title changed on the server in v4
    d = decide(server, 3, {"notes": "new"})
    assert d.status == MERGED and d.changes == {"notes": "new"}


def test_the_same_field_changed_on_both_sides_is_a_conflict_never_an_overwrite():
    server = record(4, {"title": 4}, title="CEO")
    d = decide(server, 3, {"title": "CFO", "notes": "n"})
    assert d.status == CONFLICT and d.conflicts == ("title",) and d.changes == {}


def test_the_same_value_on_both_sides_is_not_a_conflict():
    server = record(4, {"title": 4}, title="CEO")
    d = decide(server, 3, {"title": "CEO"})
    assert d.status == MERGED and d.changes == {}


def test_device_clocks_do_not_matter_only_versions():
    # the device edited "later" by its clock, but on an old base: still a conflict
    server = record(5, {"title": 5}, title="CEO")
    assert decide(server, 2, {"title": "CTO"}).status == CONFLICT


def test_no_base_on_an_existing_record_means_every_differing_field_is_a_conflict():
    d = decide(record(2, title="CEO", notes=None), None, {"title": "CTO", "notes": "new"})
    assert d.status == CONFLICT and d.conflicts == ("notes", "title")


def test_a_base_ahead_of_the_server_is_rejected():
    assert decide(record(2), 3, {"title": "x"}).status == REJECTED


def test_empty_values_compare_equal():
    d = decide(record(1, tags=[], notes=None), 1, {"tags": [], "notes": None})
    assert d.status == APPLIED and d.changes == {}


def test_combine_fills_gaps_unites_lists_keeps_both_notes_and_the_earliest_meeting():
    early = datetime(2025, 1, 1, tzinfo=timezone.utc)
    late = datetime(2026, 1, 1, tzinfo=timezone.utc)
    winner = {"_id": "w", "display_name": "Grace Hopper", "title": None, "company": "Navy",
              "emails": ["g@navy.mil"], "tags": ["cobol"], "notes": "met at PyCon", "met_at": late,
              "gathering_id": "pycon", "share_with_colleagues": True}
    loser = {"_id": "l", "display_name": "G. Hopper", "title": "Admiral", "company": "US Navy",
             "emails": ["grace@x.org", "g@navy.mil"], "tags": ["compilers"], "notes": "loves nanoseconds",
             "met_at": early, "gathering_id": "sigplan", "share_with_colleagues": False}
    changes, took = combine(winner, loser)
    assert changes["title"] == "Admiral" and "company" not in changes and "display_name" not in changes
    assert changes["emails"] == ["g@navy.mil", "grace@x.org"] and took["emails"] == ["grace@x.org"]
    assert changes["tags"] == ["cobol", "compilers"]
    assert changes["notes"] == "met at PyCon\n\nloves nanoseconds"
    assert changes["met_at"] == early and changes["gathering_id"] == "sigplan"
    assert changes["share_with_colleagues"] is False  # consent stays only if both agreed
    assert set(took) == set(changes)


def test_combine_with_nothing_new_changes_nothing():
    winner = {"_id": "w", "display_name": "A", "emails": ["a@x.org"], "notes": "n"}
    assert combine(winner, {"_id": "l", "display_name": "B", "emails": ["a@x.org"], "notes": "n"}) == ({}, {})
