"""Hostile and odd input to the contacts service, on real servers: every case is a clear 4xx
problem+json (or, in a sync push, that mutation `rejected` with each field named) and nothing
of it is stored. Issue "no 5xx for anything a client can send"."""
import threading
import time
import uuid

import pytest
import requests

from services.contacts import followers
from services.contacts.service_layer import imports
from services.contacts.adapters.documents import Contact, Gathering, ImportFile, ImportJob, SyncDevice, SyncReceipts
from shared import follower

from .conftest import PROBLEM, SCHEMA, Member, imported, new_id, signed_in, upsert

PUSH = "/v1/sync/contacts/push"
PULL = "/v1/sync/contacts/pull"
BAD_URLS = ["http://[", "http://[object Object]", "https://example.org:99999/in/ada", "https://@/"]


def contacts_stored() -> int:
    return Contact._get_collection().count_documents({})


def problem(r, status: int, slug: str) -> dict:
    assert r.code == status, r.json_body
    assert r.headers["Content-Type"].startswith(PROBLEM)
    assert r.json_body["type"] == f"/problems/{slug}" and r.json_body["status"] == status
    return r.json_body


def invalid(result: dict, *fields: str) -> dict:
    """A sync result rejected as invalid, naming these fields (of `fields`, or of the mutation)."""
    assert result["status"] == "rejected" and result["reason"] == "invalid", result
    named = result["errors"].get("fields", result["errors"])
    for name in fields:
        assert name in (named if isinstance(named, dict) else {}) or any(name in str(m) for m in named), result
    return named


# -- 1. URLs urllib cannot parse ---------------------------------------------------------------

@pytest.mark.parametrize("url", BAD_URLS)
def test_unparseable_profile_urls_are_a_validation_error_in_rest(member, url):
    m = member()
    body = problem(m.post("/v1/contacts", json={"display_name": "Ada", "profile_urls": ["https://ada.dev", url]}),
                   422, "validation-error")
    assert set(body["errors"]) == {"profile_urls"} and "is not an http(s) URL" in body["errors"]["profile_urls"][0]
    assert contacts_stored() == 0

    ada = m.post("/v1/contacts", json={"display_name": "Ada"}).json_body
    problem(m.patch(f"/v1/contacts/{ada['id']}", json={"profile_urls": [url]}), 422, "validation-error")
    after = m.get(f"/v1/contacts/{ada['id']}").json_body
    assert after["version"] == 1 and after["profile_urls"] == []

    body = problem(m.post("/v1/gatherings", json={"name": "PyCon", "kind": "conference", "link": url}),
                   422, "validation-error")
    assert set(body["errors"]) == {"link"}
    assert Gathering._get_collection().count_documents({}) == 0


def test_unparseable_profile_urls_are_rejected_in_a_push_and_the_rest_applies(member):
    m = member()
    phone = m.device()
    ada, grace = new_id(), new_id()
    results = phone.push([
        upsert("contacts", new_id(), {"display_name": "Bad", "profile_urls": ["http://["]}),     # create
        upsert("contacts", ada, {"display_name": "Ada"}),
        upsert("contacts", ada, {"profile_urls": ["URL:http://[object Object]", "http://[x"]}, base=1),  # edit
        upsert("contacts", grace, {"display_name": "Grace", "profile_urls": ["https://grace.dev"]}),
    ])
    assert [r["status"] for r in results] == ["rejected", "applied", "rejected", "applied"]
    assert len(invalid(results[0], "profile_urls")["profile_urls"]) == 1
    assert len(invalid(results[2], "profile_urls")["profile_urls"]) == 2
    stored = {c["display_name"]: c for c in Contact._get_collection().find({})}
    assert set(stored) == {"Ada", "Grace"} and stored["Ada"]["version"] == 1 and not stored["Ada"].get("profile_urls")


def test_imports_leave_out_unreadable_urls_with_a_warning_and_keep_the_contact(member):
    m = member()
    vcf = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nURL:http://[\r\nURL:https://ada.dev\r\nEND:VCARD\r\n"
           "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nURL:http://[object Object]\r\nEND:VCARD\r\n")
    job = imported(m, vcf, "text/vcard")
    assert job["status"] == "done" and job["counts"]["created"] == 2 and job["counts"]["failed"] == 0
    assert sorted(w["line"] for w in job["warnings"]) == [4, 10]   # the URL's own line
    assert all("is not an http(s) URL" in w["message"] for w in job["warnings"])
    contacts = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert contacts["Ada Lovelace"]["profile_urls"] == ["https://ada.dev"]
    assert contacts["Grace Hopper"]["profile_urls"] == []

    csv = "First Name,Last Name,URL,Email Address\nKatherine,Johnson,http://[object Object],kj@nasa.gov\n"
    job = imported(m, csv, "text/csv")
    assert job["status"] == "done" and job["counts"]["created"] == 1 and [w["line"] for w in job["warnings"]] == [2]


# -- 2 and 3. keys a document cannot hold, objects where strings belong -----------------------

BAD_KEYS = ["$set", "a.b", "nul\u0000key", "$where"]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_bad_keys_in_push_fields_reject_that_mutation_only_and_store_nothing(member, key):
    m = member()
    phone = m.device()
    cid = new_id()
    good = upsert("contacts", new_id(), {"display_name": "Grace"})
    bad = [upsert("contacts", cid, {"display_name": "Ada", key: 1}),
           upsert("contacts", new_id(), {"display_name": "Ada", "notes": {key: "x"}}),       # nested
           upsert("interactions", new_id(), {key: {"$ne": None}})]
    results = phone.push([*bad, good])
    assert [r["status"] for r in results] == ["rejected"] * 3 + ["applied"]
    for r in (results[0], results[2]):   # the key is named in the message (an error keyed by it could not be kept)
        messages = invalid(r)
        assert isinstance(messages, list) and any(ascii(key)[1:-1] in msg for msg in messages), r
    assert invalid(results[1], "notes")["notes"] == ["Not a valid string."]   # a mapping where text belongs
    assert [c["display_name"] for c in Contact._get_collection().find({})] == ["Grace"]
    again = phone.push(bad)   # a retry gets the same answer (the kept first result of the one the schema refused)
    assert [(r["status"], r["reason"]) for r in again] == [("rejected", "invalid"), ("duplicate", "invalid"),
                                                           ("rejected", "invalid")]
    assert [c["display_name"] for c in Contact._get_collection().find({})] == ["Grace"]


@pytest.mark.parametrize("value", [[{"$ne": None}], [["x"]], [{"a": 1}, "ok"], "tag", {"$in": ["a"]}])
def test_objects_where_strings_belong_are_rejected_by_the_rest_schemas(member, value):
    """Sync validates each mutation's fields with the REST schemas: POST's for a new record,
    PATCH's for an edit, with the same errors."""
    m = member()
    phone = m.device()
    cid = new_id()
    create = phone.push([upsert("contacts", new_id(), {"display_name": "Ada", "tags": value}),
                         upsert("contacts", cid, {"display_name": "Grace", "tags": ["ok"]})])
    assert [r["status"] for r in create] == ["rejected", "applied"]
    rest_post = problem(m.post("/v1/contacts", json={"display_name": "Ada", "tags": value}), 422, "validation-error")
    assert invalid(create[0], "tags") == rest_post["errors"]

    (edit,) = phone.push([upsert("contacts", cid, {"tags": value}, base=1)])
    rest_patch = problem(m.patch(f"/v1/contacts/{cid}", json={"tags": value}), 422, "validation-error")
    assert invalid(edit, "tags") == rest_patch["errors"]
    (grace,) = Contact._get_collection().find({})
    assert grace["_id"] == cid and grace["tags"] == ["ok"] and grace["version"] == 1
    # the rejections were kept as first results (errors keyed by list position are stored too)
    again = phone.push([upsert("contacts", new_id(), {"tags": value}, mid=create[0]["mutation_id"]),
                        upsert("contacts", cid, {"tags": value}, base=1, mid=edit["mutation_id"])])
    assert [(r["status"], r.get("first_status")) for r in again] == [("duplicate", "rejected")] * 2
    assert again[1]["errors"] == edit["errors"]
    assert SyncReceipts._get_collection().count_documents({}) > 0


def test_a_sync_edit_uses_the_patch_schema_and_a_create_the_post_schema(member):
    m = member()
    phone = m.device()
    cid = new_id()
    results = phone.push([upsert("contacts", cid, {"title": "no name"}),      # new record: display_name required
                          upsert("contacts", cid, {"display_name": "Ada"}),
                          upsert("contacts", cid, {"title": "Countess"}, base=1)])   # edit: partial is fine
    assert [r["status"] for r in results] == ["rejected", "applied", "applied"]
    assert invalid(results[0], "display_name")["display_name"] == \
        problem(m.post("/v1/contacts", json={"title": "no name"}), 422, "validation-error")["errors"]["display_name"]


@pytest.mark.parametrize("body", [
    {"display_name": "Ada", "$where": "1"},
    {"display_name": "Ada", "x\u0000": 1},
    {"display_name": "A\u0000da"},
    {"display_name": "Ada", "notes": "fine \ud800 not"},
    {"display_name": "Ada", "tags": [{"$ne": None}]},
    {"display_name": "Ada", "emails": [{"$gt": ""}]},
    {"display_name": ["Ada"]},
    {"display_name": "Ada", "met_at": 1e308},
    {"display_name": "Ada", "met_at": "99999-01-01T00:00:00Z"},
])
def test_odd_rest_bodies_are_validation_errors(member, body):
    m = member()
    errors = problem(m.post("/v1/contacts", json=body), 422, "validation-error")["errors"]
    assert errors
    assert contacts_stored() == 0


@pytest.mark.parametrize("raw", [b"[]", b"[1, 2]", b'"Ada"', b"42", b"null", b'{"display_name": "\\ud800"}'])
def test_arrays_and_scalars_where_objects_belong(member, raw):
    m = member()
    problem(m.post("/v1/contacts", data=raw, content_type="application/json"), 422, "validation-error")
    ada = m.post("/v1/contacts", json={"display_name": "Ada"}).json_body
    problem(m.patch(f"/v1/contacts/{ada['id']}", data=raw, content_type="application/json"), 422, "validation-error")
    phone = m.device()
    problem(m.post(PUSH, data=raw, content_type="application/json"), 422, "validation-error")
    results = phone.push([raw.decode(), [], {"mutation_id": "m1", "collection": "contacts", "op": "upsert",
                                             "id": new_id(), "fields": []}])
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert m.get(f"/v1/contacts/{ada['id']}").json_body["version"] == 1 and contacts_stored() == 1


def test_a_patch_without_a_body_is_refused(member):
    """No body is not "no change": it is refused as a body that is not an object is."""
    m = member()
    ada = m.post("/v1/contacts", json={"display_name": "Ada"}).json_body
    body = problem(m.patch(f"/v1/contacts/{ada['id']}", data=b"", content_type="application/json"), 422,
                   "validation-error")
    assert body["errors"] == {"_schema": ["fields must be an object"]}
    assert m.get(f"/v1/contacts/{ada['id']}").json_body["version"] == 1


def test_unpaired_surrogates_and_huge_numbers_in_a_push(member):
    m = member()
    phone = m.device()
    cid = new_id()
    phone.push([upsert("contacts", cid, {"display_name": "Ada"})])
    body = ('{"device_id": "%s", "mutations": ['
            '{"mutation_id": "\\ud800", "collection": "contacts", "op": "upsert", "id": "%s", "fields": {"title": "x"}},'
            '{"mutation_id": "m-2", "collection": "contacts", "op": "upsert", "id": "%s", "fields": {"title": "\\udfff"}},'
            '{"mutation_id": "m-3", "collection": "contacts", "op": "upsert", "id": "%s", "base_version": %d,'
            ' "fields": {"title": "x"}},'
            '{"mutation_id": "m-4", "collection": "contacts", "op": "upsert", "id": "%s", "fields": {"\\udc80": 1}}]}'
            % (phone.id, cid, cid, cid, 10 ** 30, cid))
    r = phone.member.post(PUSH, data=body, content_type="application/json")
    assert r.code == 200, r.json_body
    results = r.json_body["results"]
    assert [x["status"] for x in results] == ["rejected"] * 4
    assert results[0]["errors"] == {"mutation_id": ["must be letters, digits, - or _"]}
    invalid(results[1], "title")
    assert results[2]["reason"] == "base_version_ahead"
    invalid(results[3])
    # references are looked up before the fields are validated: odd ones must not reach the store
    refs = ('{"device_id": "%s", "mutations": ['
            '{"mutation_id": "r-1", "collection": "contacts", "op": "upsert", "id": "%s",'
            ' "fields": {"display_name": "G", "gathering_id": "\\ud800"}},'
            '{"mutation_id": "r-2", "collection": "interactions", "op": "upsert", "id": "%s",'
            ' "fields": {"contact_id": "\\udbff", "kind": "call", "occurred_at": "2026-05-01T10:00:00Z"}},'
            '{"mutation_id": "r-3", "collection": "interactions", "op": "upsert", "id": "%s",'
            ' "fields": {"contact_id": "%s\\n", "gathering_id": "$ne", "kind": "call", "occurred_at": "2026-05-01T10:00:00Z"}},'
            '{"mutation_id": "r-4", "collection": "contacts", "op": "upsert", "id": "abc\\n", "fields": {"display_name": "G"}}]}'
            % (phone.id, new_id(), new_id(), new_id(), cid))
    r = phone.member.post(PUSH, data=refs, content_type="application/json")
    assert r.code == 200, r.json_body
    results = r.json_body["results"]
    invalid(results[0], "gathering_id")
    invalid(results[1], "contact_id")
    invalid(results[2], "contact_id", "gathering_id")
    assert results[3]["errors"] == {"id": ["must be letters, digits, - or _"]}
    (ada,) = Contact._get_collection().find({})
    assert ada["version"] == 1 and not ada.get("title")


# -- 4. one body limit per route ---------------------------------------------------------------

LIMITS = {"max_body_bytes": 4096, "extra": {"CONTACTS_SYNC_MAX_PUSH_BYTES": "16384",
                                            "CONTACTS_IMPORT_MAX_BYTES": "8192"}}


def test_every_route_has_one_body_limit_checked_before_the_body_is_read(contacts_client, issue_token):
    m = signed_in(contacts_client(**LIMITS), issue_token, "org-a", "m-limits")
    phone = m.device()
    body = problem(m.post("/v1/contacts", json={"display_name": "Ada", "notes": "x" * 5000}), 413, "payload-too-large")
    assert (body["limit"], body["limit_name"]) == (4096, "body_bytes")

    # the push route declares its own limit: above the app-wide one, below its own, it is served
    (r,) = phone.push([upsert("contacts", new_id(), {"display_name": "Ada", "notes": "x" * 8000})])
    assert r["status"] == "applied"
    body = problem(m.post(PUSH, json={"device_id": phone.id, "mutations": [
        upsert("contacts", new_id(), {"display_name": "Ada", "notes": "x" * 9000}) for _ in range(2)]}),
        413, "payload-too-large")
    assert (body["limit"], body["limit_name"]) == (16384, "push_bytes")
    # never parsed: a body that is not even JSON is refused for its size, not its syntax
    body = problem(m.post(PUSH, data=b"{" * 20000, content_type="application/json"), 413, "payload-too-large")
    assert body["limit"] == 16384
    body = problem(m.post("/v1/contacts", data=b"{" * 5000, content_type="application/json"), 413, "payload-too-large")
    assert body["limit"] == 4096

    # imports declare theirs
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nNOTE:" + "n" * 6000 + "\r\nEND:VCARD\r\n"
    assert m.post("/v1/imports", data=card.encode(), content_type="text/vcard").code == 202
    body = problem(m.post("/v1/imports", data=b"x" * 9000, content_type="text/csv"), 413, "payload-too-large")
    assert (body["limit"], body["limit_name"]) == (8192, "import_bytes")
    assert contacts_stored() == 1 and ImportJob._get_collection().count_documents({}) == 1


def test_chunked_bodies_without_content_length_are_cut_off_at_the_routes_limit(contacts_client, issue_token, live):
    make = live(contacts_client(**LIMITS))
    m = make("org-a", "m-chunked")
    phone = m.device()

    def chunked(path: str, payload: bytes, content_type: str = "application/json"):
        def body():
            for i in range(0, len(payload), 1000):
                yield payload[i:i + 1000]
        r = requests.post(m.base_url + path, data=body(), timeout=60,
                          headers={**phone.member.headers, "Content-Type": content_type})
        assert "Content-Length" not in r.request.headers and r.request.headers["Transfer-Encoding"] == "chunked"
        r.code, r.json_body = r.status_code, r.json() if "json" in r.headers.get("Content-Type", "") else None
        return r

    ok = b'{"device_id": "%s", "mutations": [{"mutation_id": "m1", "collection": "contacts", "op": "upsert", ' \
         b'"id": "%s", "fields": {"display_name": "Ada", "notes": "%s"}}]}' % (phone.id.encode(), new_id().encode(),
                                                                             b"x" * 8000)
    r = chunked(PUSH, ok)
    assert r.code == 200 and r.json_body["results"][0]["status"] == "applied"
    body = problem(chunked(PUSH, b"x" * 20000), 413, "payload-too-large")   # not parsed: not a 400
    assert (body["limit"], body["limit_name"]) == (16384, "push_bytes")
    body = problem(chunked("/v1/contacts", b'{"display_name": "Ada", "notes": "%s"}' % (b"x" * 5000)),
                   413, "payload-too-large")
    assert (body["limit"], body["limit_name"]) == (4096, "body_bytes")
    body = problem(chunked("/v1/imports", b"First Name,Last Name\n" + b"Ada,L\n" * 2000, "text/csv"),
                   413, "payload-too-large")
    assert (body["limit"], body["limit_name"]) == (8192, "import_bytes")
    assert contacts_stored() == 1 and ImportJob._get_collection().count_documents({}) == 0


# -- 5. imports: limits at upload, bounded chunks, every job ends ------------------------------

def _card(i: int) -> str:
    return (f"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:{uuid.UUID(int=i)}\r\nFN:Person {i}\r\nORG:Company {i % 7}\r\n"
            f"EMAIL:p{i}@example.org\r\nURL:https://www.linkedin.com/in/p{i}\r\nEND:VCARD\r\n")


def test_imports_over_the_row_limit_are_refused_at_upload(contacts_client, issue_token):
    m = Member(contacts_client(extra={"CONTACTS_IMPORT_MAX_ROWS": "50"}), issue_token("org-a", "m-rows"))
    body = problem(m.post("/v1/imports", data="".join(_card(i) for i in range(51)).encode(), content_type="text/vcard"),
                   413, "payload-too-large")
    assert (body["limit"], body["limit_name"]) == (50, "import_rows") and "51" in body["detail"]
    csv = "First Name,Last Name\n" + "".join(f"P{i},Person\n" for i in range(51))
    assert problem(m.post("/v1/imports", data=csv.encode(), content_type="text/csv"),
                   413, "payload-too-large")["limit_name"] == "import_rows"
    assert ImportJob._get_collection().count_documents({}) == 0 and ImportFile._get_collection().count_documents({}) == 0
    assert m.post("/v1/imports", data="".join(_card(i) for i in range(50)).encode(), content_type="text/vcard").code == 202


def test_a_file_near_the_limits_is_run_by_the_followers_in_bounded_turns_to_the_end(
        kafka_topics, settings_for, make_app, issue_token, monkeypatch):
    limit_bytes, limit_rows = 200_000, 1200
    app = make_app("contacts", extra={"CONTACTS_IMPORT_MAX_BYTES": str(limit_bytes),
                                      "CONTACTS_IMPORT_MAX_ROWS": str(limit_rows)})
    m = Member(app, issue_token("org-1", "ada"))
    cards = []
    while sum(map(len, cards)) + len(_card(len(cards))) <= limit_bytes:
        cards.append(_card(len(cards)))
    body = "".join(cards).encode()
    assert limit_bytes - 300 < len(body) <= limit_bytes and len(cards) <= limit_rows
    r = m.post("/v1/imports", data=body, content_type="text/vcard")
    assert r.code == 202 and r.json_body["counts"]["rows"] == len(cards)
    job_id = r.json_body["id"]

    budget = 1.0
    monkeypatch.setattr(followers, "IMPORT_SECONDS_PER_POLL", budget)
    turns: list[tuple[float, int]] = []
    real_work = imports.work

    def timed(owner, budget_seconds):
        started = time.monotonic()
        rows = real_work(owner, budget_seconds)
        turns.append((time.monotonic() - started, rows))
        return rows

    monkeypatch.setattr(imports, "work", timed)
    runner = follower.build(settings_for("contacts"))
    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    seen, deadline = [], time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            job = ImportJob._get_collection().find_one({"_id": job_id})
            seen.append((job["status"], job["counts"]["done"]))
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
    finally:
        stop.set()
        thread.join(30)
    job = m.get(f"/v1/imports/{job_id}").json_body
    assert job["status"] == "done", (job, turns)
    assert job["counts"] == {"rows": len(cards), "done": len(cards), "created": len(cards), "updated": 0,
                             "unchanged": 0, "failed": 0}
    working = [t for t in turns if t[1]]
    assert len(working) >= 2                                          # chunks spread over several turns
    assert all(rows <= imports.CHUNK * 10 for _, rows in working)
    assert max(seconds for seconds, _ in turns) < budget + 20, turns  # a turn: its budget and one chunk
    assert any(status == "running" and 0 < done < len(cards) for status, done in seen)   # progress shown
    assert contacts_stored() == len(cards) and ImportFile._get_collection().count_documents({}) == 0


def test_an_import_whose_runners_keep_dying_ends_failed_with_a_reason(member, monkeypatch):
    from datetime import timedelta

    m = member()
    job_id = m.post("/v1/imports", data=_card(1).encode(), content_type="text/vcard").json_body["id"]
    monkeypatch.setattr(imports, "LEASE", timedelta(milliseconds=1))
    for i in range(imports.MAX_ATTEMPTS):
        assert imports._claim(f"dies-{i}") is not None   # a runner takes the job and dies before a chunk
        time.sleep(0.01)
    imports.work("survivor", budget_seconds=10)
    job = m.get(f"/v1/imports/{job_id}").json_body
    assert job["status"] == "failed" and job["finished_at"] is not None
    assert "interrupted 5 times" in job["errors"][-1]["message"] and contacts_stored() == 0
    assert ImportFile._get_collection().count_documents({}) == 0


@pytest.mark.parametrize("body, line", [
    (b"First Name,Last Name,Company\nAda,Lovelace,Engines\nAlan,Turing," + b"x" * 140_000 + b"\n", 3),
    (b"display_name,notes\nAda,fine\nMr " + b"x" * 140_000 + b",long\n", 3),
])
def test_csv_the_reader_chokes_on_is_a_row_error_not_a_failed_job(member, body, line):
    m = member()
    job = imported(m, body.decode("latin-1"), "text/csv")
    assert job["status"] == "done" and job["counts"]["created"] == 1 and job["counts"]["failed"] == 1, job
    assert [e["line"] for e in job["errors"]] == [line]
    assert [c["display_name"] for c in m.get("/v1/contacts").json_body["items"]] == ["Ada Lovelace"
                                                                                      if b"Lovelace" in body else "Ada"]


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x",
                                          "application/octet-stream", "text/vcard+evil"])
def test_imports_of_other_content_types_are_415(member, content_type):
    m = member()
    problem(m.post("/v1/imports", data=b"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n", content_type=content_type),
            415, "unsupported-media-type")
    assert ImportJob._get_collection().count_documents({}) == 0


# -- 6. devices -------------------------------------------------------------------------------

def test_a_device_id_that_is_odd_or_anyone_elses_is_refused_and_nothing_applied(member):
    ada, bob, eve = member("org-a"), member("org-a"), member("org-b")
    mine, bobs, eves = ada.device(), bob.device(), eve.device()
    on_mine = mine.member
    mutation = upsert("contacts", new_id(), {"display_name": "A"})
    for other in (bobs.id, eves.id, "never-signed-in", "x" * 64):
        problem(on_mine.post(PUSH, json={"device_id": other, "mutations": [mutation]}), 409, "device-not-registered")
        problem(on_mine.get(PULL, query={"device_id": other}), 409, "device-not-registered")
    for odd in ("a.b", "x" * 65, "\u00e9", "\u0000", "..", "a b", "$where", "\u202e", "abc\n", "", 7, None):
        problem(on_mine.post(PUSH, json={"device_id": odd, "mutations": [mutation]}), 422, "validation-error")
        if isinstance(odd, str) and odd:
            problem(on_mine.get(PULL, query={"device_id": odd}), 422, "validation-error")
    assert contacts_stored() == 0 and SyncDevice._get_collection().count_documents({}) == 0
    # theirs still work
    assert bobs.push([mutation])[0]["status"] == "applied"


@pytest.mark.parametrize("version", ["\u00b2", "\u00b9\u00b2", "1\u00bd", "-1", "1e3", "99999999999999999999", " "])
def test_odd_sync_schema_headers_are_426(member, version):
    m = member()
    r = m.get("/v1/sync/contacts/devices", headers={**SCHEMA, "X-Rapport-Schema-Version": version})
    problem(r, 426, "upgrade-required")
    r = m.post(PUSH, json={"device_id": "x", "mutations": []}, headers={"X-Rapport-Schema-Version": version})
    problem(r, 426, "upgrade-required")
