"""The sync protocol (docs/sync-protocol.md) over HTTP on real servers: devices (the token's own), push results,
retries, merges, conflicts, deletes, tombstones, retention, schema versions, limits, pagination, convergence."""
import json

from services.contacts.adapters.store import Batch
from services.contacts.domain.records import KINDS
from services.contacts.adapters.changelog import ChangeLog
from services.contacts.adapters.documents import Contact, SyncChange, SyncReceipts
from shared.db import Scope

from .conftest import PROBLEM, SCHEMA, Member, delete, new_id, signed_in, upsert

PUSH = "/v1/sync/contacts/push"
PULL = "/v1/sync/contacts/pull"


def statuses(results):
    return [r["status"] for r in results]


def test_a_device_signed_in_syncs_without_registering_and_its_sync_state_is_kept(member):
    m = member()
    phone = m.device()   # a token whose sid is the device: signing in was the registration
    (created,) = phone.push([upsert("contacts", new_id(), {"display_name": "Ada"})])
    assert created["status"] == "applied"
    phone.sync()
    [state] = m.get("/v1/sync/contacts/devices").json_body["items"]
    assert state["device_id"] == phone.id and state["pushes"] == 1
    assert state["last_push_at"] and state["last_pull_at"] and state["registered_at"] is None  # no event yet
    # a pull naming no device counts for the token's device; a token of no device records nothing
    phone.member.get(PULL)
    m.get(PULL)
    assert len(m.get("/v1/sync/contacts/devices").json_body["items"]) == 1
    # registering and revoking are accounts' now (sign in; GET/DELETE /v1/devices)
    assert m.post("/v1/sync/contacts/devices", json={"device_id": "phone-1"}).code == 405
    assert m.delete(f"/v1/sync/contacts/devices/{phone.id}").code == 404


def test_a_push_or_pull_as_another_device_than_the_tokens_is_refused_409(member):
    m = member()
    phone, tablet = m.device(), m.device()
    mutation = upsert("contacts", new_id(), {"display_name": "A"})
    for who, device in ((phone.member, tablet.id), (m, phone.id)):   # another device; a token of none
        r = who.post(PUSH, json={"device_id": device, "mutations": [mutation]})
        assert r.code == 409 and r.mimetype == PROBLEM and r.json_body["type"] == "/problems/device-not-registered"
        assert "sign in on this device" in r.json_body["detail"] and r.headers["X-Server-Time"]
        r = who.get(PULL, query={"device_id": device})
        assert r.code == 409 and r.json_body["type"] == "/problems/device-not-registered"
    assert Contact._get_collection().count_documents({}) == 0          # nothing applied
    assert m.get(PULL).code == 200   # a pull naming no device needs none (an operator reading)


def test_every_push_result_kind(member):
    m = member()
    phone = m.device()
    cid, gid = new_id(), new_id()
    results = phone.push([
        upsert("gatherings", gid, {"name": "PyCon", "kind": "conference", "starts_on": "2026-05-13"}),
        upsert("contacts", cid, {"display_name": "Ada", "title": "Programmer", "gathering_id": gid}),
        upsert("contacts", new_id(), {"display_name": 42, "shoe_size": 9}),      # invalid: each field named
        upsert("contacts", cid, {"notes": "met at the keynote"}, base=1),        # applied on top of v1
    ])
    assert statuses(results) == ["applied", "applied", "rejected", "applied"]
    assert results[2]["reason"] == "invalid"
    assert results[2]["errors"] == {"fields": {"display_name": ["Not a valid string."], "shoe_size": ["Unknown field."]}}
    assert results[3]["version"] == 2

    # the web app changes the title meanwhile (v3)
    assert m.patch(f"/v1/contacts/{cid}", json={"title": "Countess"}).json_body["version"] == 3
    results = phone.push([
        upsert("contacts", cid, {"tier": "mentor"}, base=2),      # another field: merged
        upsert("contacts", cid, {"title": "Engineer"}, base=2),   # the same field: conflict
        upsert("contacts", cid, {"title": "Engineer"}, base=99),  # a base from the future: rejected
    ])
    merged, conflict, ahead = results
    assert merged["status"] == "merged" and merged["version"] == 4
    assert merged["record"]["title"] == "Countess" and merged["record"]["tier"] == "mentor"
    assert conflict["status"] == "conflict" and conflict["version"] == 4
    assert conflict["conflicts"] == [{"field": "title", "server_value": "Countess", "changed_in_version": 3}]
    assert conflict["record"]["title"] == "Countess"                      # not overwritten
    assert ahead["status"] == "rejected" and ahead["reason"] == "base_version_ahead"
    assert m.get(f"/v1/contacts/{cid}").json_body["title"] == "Countess"
    # the person chose; the app pushes again on the new base
    (resolved,) = phone.push([upsert("contacts", cid, {"title": "Engineer"}, base=4)])
    assert resolved["status"] == "applied" and resolved["version"] == 5


def test_retries_change_nothing_and_return_the_first_result(member):
    m = member()
    phone = m.device()
    cid = new_id()
    batch = [upsert("contacts", cid, {"display_name": "Grace"}, mid="create-1"),
             upsert("contacts", cid, {"title": "Admiral"}, base=1, mid="edit-1"),
             upsert("contacts", new_id(), {"display_name": ""}, mid="bad-1"),
             upsert("contacts", cid, {"title": "Commodore"}, mid="stale-1")]     # no base: conflict
    first = phone.push(batch)
    assert statuses(first) == ["applied", "applied", "rejected", "conflict"]
    slots_before = SyncChange._get_collection().count_documents({})
    outbox_before = len(Contact._get_collection().find_one({"_id": cid})["outbox"])

    again = phone.push(batch + [batch[1]])           # the whole batch again, one mutation twice
    assert statuses(again) == ["duplicate"] * 5
    for was, now in zip(first + [first[1]], again):
        assert now["first_status"] == was["status"]
        assert {k: v for k, v in now.items() if k not in ("status", "first_status", "record")} == \
               {k: v for k, v in was.items() if k not in ("status", "record")}
    assert again[3]["record"]["title"] == "Admiral"  # a retried conflict shows the server record now
    doc = Contact._get_collection().find_one({"_id": cid})
    assert doc["version"] == 2 and doc["title"] == "Admiral"
    assert SyncChange._get_collection().count_documents({}) == slots_before
    assert len(doc["outbox"]) == outbox_before     # no event published twice

    # a retry inside one push: the second copy is a duplicate of the first
    dup = upsert("contacts", new_id(), {"display_name": "Hedy"})
    assert statuses(phone.push([dup, dup])) == ["applied", "duplicate"]


def test_retries_older_than_the_receipts_are_still_never_applied_twice(contacts_client, issue_token):
    m = signed_in(contacts_client(extra={"CONTACTS_RECEIPTS_PER_DEVICE": "10"}), issue_token, "org-a", "m-receipts")
    phone = m.device()
    cid = new_id()
    create = upsert("contacts", cid, {"display_name": "Ada"}, mid="the-create")
    edit = upsert("contacts", cid, {"notes": "first"}, base=1, mid="the-edit")
    assert statuses(phone.push([create, edit])) == ["applied", "applied"]
    for i in range(3):  # enough pushes that the first receipts are trimmed away
        phone.push([upsert("contacts", new_id(), {"display_name": f"P{j}"}) for j in range(100)])
    kept = {m for doc in SyncReceipts._get_collection().find() for m in doc["receipts"]}
    assert "the-create" not in kept and "the-edit" not in kept and len(kept) < 150
    assert statuses(phone.push([edit, create])) == ["duplicate", "duplicate"]
    assert Contact._get_collection().find_one({"_id": cid})["version"] == 2


def test_one_bad_mutation_never_blocks_the_rest_or_later_pushes(member):
    m = member()
    phone = m.device()
    good = [upsert("contacts", new_id(), {"display_name": f"P{i}"}) for i in range(3)]
    junk = [42, {"op": "upsert"}, {"mutation_id": "x y", "collection": "planets", "op": "explode", "id": "!"},
            upsert("interactions", new_id(), {"contact_id": "nobody", "kind": "call",
                                              "occurred_at": "2026-01-01T00:00:00Z"})]
    results = phone.push([good[0], junk[0], good[1], junk[1], junk[2], junk[3], good[2]])
    assert statuses(results) == ["applied", "rejected", "applied", "rejected", "rejected", "rejected", "applied"]
    assert set(results[4]["errors"]) == {"mutation_id", "collection", "op", "id"}
    assert results[5]["errors"] == {"fields": {"contact_id": ["no such contact"]}}
    assert statuses(phone.push([upsert("contacts", new_id(), {"display_name": "later"})])) == ["applied"]
    assert len(m.get("/v1/contacts").json_body["items"]) == 4


def test_deletes_win_and_tombstones_reach_every_device(member):
    m = member()
    a, b = m.device(), m.device()
    cid, iid = new_id(), new_id()
    a.push([upsert("contacts", cid, {"display_name": "Ada"}),
            upsert("interactions", iid, {"contact_id": cid, "kind": "met", "occurred_at": "2026-05-01T09:00:00Z"})])
    a.sync()
    b.sync()
    assert set(b.state["contacts"]) == {cid} and set(b.state["interactions"]) == {iid}
    # offline: A edits, B deletes; B syncs first
    (deleted,) = b.push([delete("contacts", cid)])
    assert deleted["status"] == "applied" and deleted["version"] == 2
    (edit,) = a.push([upsert("contacts", cid, {"notes": "lovely chat"}, base=1)])
    assert edit["status"] == "rejected" and edit["reason"] == "deleted"
    (again,) = a.push([delete("contacts", cid)])           # deleting what is deleted changes nothing
    assert again["status"] == "applied" and again["version"] == 2
    for device in (a, b):
        device.sync()
        assert device.state["contacts"] == {} and device.state["interactions"] == {}
        assert device.tombstones["contacts"][cid]["version"] == 2
        assert device.tombstones["interactions"][iid]["version"] == 2   # the interaction went with it
    # a new interaction for the deleted contact is refused, not orphaned
    (orphan,) = a.push([upsert("interactions", new_id(), {"contact_id": cid, "kind": "call",
                                                          "occurred_at": "2026-05-02T09:00:00Z"})])
    assert orphan["status"] == "rejected" and orphan["errors"] == {"fields": {"contact_id": ["the contact was deleted"]}}


def test_old_cursors_get_410_after_tombstone_retention(contacts_client, issue_token):
    client = contacts_client(extra={"CONTACTS_TOMBSTONE_RETENTION_SECONDS": "0", "CONTACTS_PURGE_INTERVAL_SECONDS": "0"})
    m = signed_in(client, issue_token, "org-a", "m-retention")
    a, b = m.device(), m.device()
    keep, gone = new_id(), new_id()
    a.push([upsert("contacts", keep, {"display_name": "Keep"}), upsert("contacts", gone, {"display_name": "Gone"})])
    a.sync()
    old_cursor = a.cursor
    b.push([delete("contacts", gone)])
    b.sync()   # B's pull purges the tombstone (retention 0)
    assert Contact._get_collection().count_documents({"_id": gone}) == 0
    r = m.get(PULL, query={"cursor": old_cursor})
    assert r.code == 410 and r.mimetype == PROBLEM and r.json_body["type"] == "/problems/resync-required"
    assert r.headers["X-Server-Time"]
    fresh = m.device()
    fresh.sync()                         # a full resync works and no longer knows the deleted contact
    assert set(fresh.state["contacts"]) == {keep}
    # a cursor the server never issued, or one of another member, is refused
    assert m.get(PULL, query={"cursor": "bm9wZQ"}).json_body["type"] == "/problems/invalid-cursor"
    other = Member(client, issue_token("org-a", "m-other"))
    assert other.get(PULL, query={"cursor": old_cursor}).code == 400


def test_an_app_below_the_minimum_schema_version_gets_426_and_nothing_is_applied(member):
    m = member()
    phone = m.device()
    body = {"device_id": phone.id, "mutations": [upsert("contacts", new_id(), {"display_name": "Ada"})]}
    m = phone.member   # signed in on the phone
    for headers in ({"X-Rapport-Schema-Version": "0"}, {"X-Rapport-Schema-Version": "one"}):
        r = m.post(PUSH, json=body, headers=headers)
        assert r.code == 426 and r.mimetype == PROBLEM and r.json_body["type"] == "/problems/upgrade-required"
        assert r.json_body["min_schema_version"] == 1
    no_header = {k: v for k, v in m.headers.items() if k not in SCHEMA}
    r = m.http.post(PUSH, json=body, headers=no_header)
    assert r.status_code == 426
    assert m.get(PULL, headers={"X-Rapport-Schema-Version": "0"}).code == 426
    assert Contact._get_collection().count_documents({}) == 0


def test_limits_are_explicit_413s(contacts_client, issue_token):
    m = signed_in(contacts_client(extra={"CONTACTS_SYNC_MAX_MUTATIONS": "3", "CONTACTS_SYNC_MAX_PUSH_BYTES": "2048",
                                         "CONTACTS_SYNC_MAX_PAGE": "5", "CONTACTS_SYNC_DEFAULT_PAGE": "2"}),
                  issue_token, "org-a", "m-limits")
    phone = m.device()
    r = phone.member.post(PUSH, json={"device_id": phone.id, "mutations": [
        upsert("contacts", new_id(), {"display_name": "A"}) for _ in range(4)]})
    assert r.code == 413 and r.json_body["limit"] == 3 and r.json_body["limit_name"] == "mutations_per_push"
    big = [upsert("contacts", new_id(), {"display_name": "A", "notes": "x" * 3000})]
    r = phone.member.post(PUSH, json={"device_id": phone.id, "mutations": big})
    assert r.code == 413 and r.mimetype == PROBLEM and r.json_body["limit_name"] == "push_bytes"
    assert Contact._get_collection().count_documents({}) == 0   # never a silent partial apply
    r = m.get(PULL, query={"limit": 6})
    assert r.code == 413 and r.json_body["limit"] == 5
    phone.push([upsert("contacts", new_id(), {"display_name": f"P{i}"}) for i in range(3)])
    assert phone.sync() == 2          # the default page holds 2


def test_pages_never_repeat_a_change_and_end_equal_to_the_server(member):
    m = member()
    writer, reader = m.device(), m.device()
    ids = [new_id() for _ in range(12)]
    writer.push([upsert("contacts", i, {"display_name": f"P{n}"}) for n, i in enumerate(ids)])
    reader.pull_page(limit=5)
    # changes land between the reader's pages: updates of seen and unseen records, a delete
    writer.push([upsert("contacts", ids[0], {"title": "seen, then changed"}, base=1),
                 upsert("contacts", ids[11], {"title": "unseen, then changed"}, base=1),
                 delete("contacts", ids[5])])
    reader.sync(limit=5)
    assert len(reader.seen) == len(set(reader.seen))
    versions = {}
    for coll, rid, version in reader.seen:   # versions of a record only ever go up
        assert version > versions.get(rid, 0)
        versions[rid] = version
    server = {c["id"]: c for c in m.get("/v1/contacts", query={"limit": 200}).json_body["items"]}
    assert reader.state["contacts"] == server
    assert set(reader.tombstones["contacts"]) == {ids[5]}
    body = m.get(PULL, query={"cursor": reader.cursor}).json_body
    assert body["has_more"] is False and body["next_cursor"] == reader.cursor
    assert all(not v["upserted"] and not v["deleted"] for v in body["changes"].values())


def test_two_devices_of_one_member_converge(member):
    m = member()
    a, b = m.device(), m.device()
    cid, gid = new_id(), new_id()
    a.push([upsert("gatherings", gid, {"name": "RustConf", "kind": "conference"}),
            upsert("contacts", cid, {"display_name": "Carol", "company": "Oxide", "gathering_id": gid})])
    a.sync()
    b.sync()
    # both offline: A edits title and company; B edits notes and company
    a_results = a.push([upsert("contacts", cid, {"title": "CTO", "company": "Oxide Computer"}, base=1)])
    b_results = b.push([upsert("contacts", cid, {"notes": "wants a co-author", "company": "Oxide Inc"}, base=1)])
    assert statuses(a_results) == ["applied"] and statuses(b_results) == ["conflict"]
    assert b_results[0]["conflicts"][0]["field"] == "company"
    # B keeps its notes but asks the person about the company: they pick A's; B pushes on the new base
    (retry,) = b.push([upsert("contacts", cid, {"notes": "wants a co-author"}, base=b_results[0]["version"])])
    assert retry["status"] == "applied"
    a.sync()
    b.sync()
    server = m.get(f"/v1/contacts/{cid}").json_body
    assert a.state == b.state
    assert a.state["contacts"][cid] == server
    assert (server["title"], server["company"], server["notes"]) == ("CTO", "Oxide Computer", "wants a co-author")


def test_a_server_time_in_every_sync_response(member):
    m = member()
    phone = m.device()
    on_phone = phone.member
    for r in (m.get("/v1/sync/contacts/devices"), on_phone.post(PUSH, json={"device_id": phone.id, "mutations": []}),
              m.get(PULL), on_phone.post(PUSH, json={"device_id": "nope", "mutations": []})):
        assert r.headers["X-Server-Time"].endswith("Z")
        if r.code == 200:
            assert r.json_body["server_time"].endswith("Z")


def test_an_interrupted_write_is_logged_by_the_next_pull(contacts_client, issue_token):
    m = signed_in(contacts_client(extra={"CONTACTS_REPAIR_AFTER_SECONDS": "0"}), issue_token, "org-a", "m-crash")
    scope = Scope("org-a", "m-crash")
    phone = m.device()
    phone.sync()
    # a writer dies after storing the record but before logging it (no __exit__)
    b = Batch(scope)
    doc = b.create(KINDS["contacts"], new_id(), {"display_name": "Survivor"})
    assert b.flush() == []
    assert ChangeLog(scope).read(0, 10) == []
    phone.sync()
    assert set(phone.state["contacts"]) == {doc["_id"]}
    phone.sync()
    assert len(phone.seen) == 1   # logged once, even though the intent is kept a while for late writers
    assert json.dumps(phone.state)  # plain JSON all the way


def test_an_upsert_without_base_of_an_existing_record_is_an_edit_never_a_second_record(member):
    m = member()
    a, b = m.device(), m.device()
    cid = new_id()
    a.push([upsert("contacts", cid, {"display_name": "Ada", "title": "Countess"})])
    # B never saw the record: whole (captured) or partial fields, both are judged against the server
    whole, partial, same = b.push([upsert("contacts", cid, {"display_name": "Ada L", "notes": "x"}),
                                   upsert("contacts", cid, {"title": "Engineer"}),
                                   upsert("contacts", cid, {"display_name": "Ada", "title": "Countess"})])
    assert whole["status"] == "conflict" and [c["field"] for c in whole["conflicts"]] == ["display_name", "notes"]
    assert partial["status"] == "conflict" and partial["conflicts"][0]["server_value"] == "Countess"
    assert same["status"] == "merged" and same["version"] == 1
    assert Contact._get_collection().count_documents({}) == 1
