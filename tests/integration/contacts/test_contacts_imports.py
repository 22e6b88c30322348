"""Imports as jobs (vCard 4.0/3.0, LinkedIn CSV): every named person kept, each bad value a
warning on its own line, no duplicates on re-import; exports (vCard 4.0, CSV) that import back
without duplicates."""
import time

import pytest
from datetime import timedelta

from pymongo.errors import AutoReconnect

from services.contacts.service_layer import imports

from .conftest import PROBLEM, imported as imp

VCARDS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:11111111-1111-4111-8111-111111111111\r\nFN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;;;\r\nORG:Analytical Engines\r\nTITLE:Programmer\r\nEMAIL;TYPE=work:ada@example.org\r\n"
    "TEL;VALUE=uri:tel:+44-20-7946-0958\r\nURL:https://www.linkedin.com/in/ada\r\nNOTE:Wrote the first\r\n"
    "  program\r\nCATEGORIES:math,engines\r\nBDAY:--1210\r\nREV:20200101T000000Z\r\nEND:VCARD\r\n"   # lines 1-16
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Johnson;Katherine;;;\r\nEMAIL;TYPE=INTERNET:not-an-email\r\nEND:VCARD\r\n"  # 17-21
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nORG:US Navy\r\nTEL;TYPE=WORK:+1 415 555 0100\r\n"
    "END:VCARD\r\n"                                                                                 # 22-27
    "BEGIN:VCARD\r\nVERSION:4.0\r\nno colon here\r\nEND:VCARD\r\n"                                  # 28-31
)

LINKEDIN = (
    "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n"
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,Analytical Engines,Programmer,01 Jan 2024\n"
    "Katherine,Johnson,https://www.linkedin.com/in/kj,,NASA,Mathematician,\"Aug 26, 2019\"\n"
    "Broken,Email,,not-an-email,,,\n"
    ",,,,,,\n"
    "Alan,Turing,,,Bletchley Park,,whenever\n"
)


def test_vcard_import_is_a_job_that_keeps_every_named_card_and_warns_on_each_bad_value(member):
    m = member()
    job = imp(m, VCARDS, "text/vcard", filename="phone.vcf")
    assert job["status"] == "done" and job["format"] == "vcard" and job["filename"] == "phone.vcf"
    assert job["counts"] == {"rows": 4, "done": 4, "created": 3, "updated": 0, "unchanged": 0, "failed": 1}
    assert [(e["line"], "nothing names the person" in e["message"]) for e in job["errors"]] == [(28, True)]
    assert [(w["line"], w["field"], w["value"]) for w in job["warnings"]] == [
        (20, "EMAIL", "not-an-email"), (30, "property", "no colon here")]
    assert job["warnings"][0]["message"].startswith("line 20: EMAIL 'not-an-email' could not be used")
    assert m.get(f"/v1/imports/{job['id']}").json_body == job
    assert [j["id"] for j in m.get("/v1/imports").json_body["items"]] == [job["id"]]

    contacts = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert set(contacts) == {"Ada Lovelace", "Katherine Johnson", "Grace Hopper"}
    katherine = contacts["Katherine Johnson"]     # kept without the bad email, which waits in her notes
    assert katherine["emails"] == [] and katherine["notes"] == "Not imported (could not be used): EMAIL: not-an-email"
    ada = contacts["Ada Lovelace"]
    assert ada["source"] == "import" and ada["phones"] == ["+442079460958"] and ada["tags"] == ["math", "engines"]
    assert ada["notes"] == "Wrote the first program" and ada["birthday"] == "--12-10"
    assert contacts["Grace Hopper"]["company"] == "US Navy" and contacts["Grace Hopper"]["phones"] == ["+14155550100"]

    # the same file again: nothing new; the member's own edits survive an older card
    m.patch(f"/v1/contacts/{ada['id']}", json={"title": "Countess"})
    again = imp(m, VCARDS, "text/vcard")
    assert again["counts"] == {"rows": 4, "done": 4, "created": 0, "updated": 0, "unchanged": 3, "failed": 1}
    assert len(m.get("/v1/contacts").json_body["items"]) == 3
    assert m.get(f"/v1/contacts/{ada['id']}").json_body["title"] == "Countess"

    # a newer card (REV) wins over the contact; new emails are added, not duplicated
    newer = VCARDS.split("BEGIN:VCARD\r\nVERSION:3.0")[0].replace("REV:20200101T000000Z", "REV:20990101T000000Z") \
        .replace("TITLE:Programmer", "TITLE:Mathematician").replace("EMAIL;TYPE=work:ada@example.org",
                                                                    "EMAIL:ada@example.org\r\nEMAIL:ada@home.org")
    third = imp(m, newer, "text/vcard")
    assert third["counts"]["updated"] == 1
    ada = m.get(f"/v1/contacts/{ada['id']}").json_body
    assert ada["title"] == "Mathematician" and ada["emails"] == ["ada@example.org", "ada@home.org"]


def test_linkedin_import_reads_notes_lenient_dates_and_reimports_without_duplicates(member):
    m = member()
    job = imp(m, LINKEDIN, "text/csv")
    assert job["format"] == "linkedin"
    assert job["counts"] == {"rows": 4, "done": 4, "created": 4, "updated": 0, "unchanged": 0, "failed": 0}
    assert not job["errors"]
    assert [(w["line"], w["field"], w["value"]) for w in job["warnings"]] == [
        (7, "emails", "not-an-email"), (9, "Connected On", "whenever")]
    contacts = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert contacts["Broken Email"]["emails"] == []
    assert contacts["Katherine Johnson"]["met_at"] == "2019-08-26T00:00:00.000Z"
    assert contacts["Ada Lovelace"]["profile_urls"] == ["https://www.linkedin.com/in/ada"]
    assert "met_at" in contacts["Alan Turing"] and contacts["Alan Turing"]["met_at"] is None

    again = imp(m, LINKEDIN, "text/csv")
    assert again["counts"]["created"] == 0 and again["counts"]["unchanged"] == 4
    # the same person from a vCard (same email) is recognised too; a Katherine with no usable email is not
    imp(m, VCARDS, "text/vcard")
    names = sorted(c["display_name"] for c in m.get("/v1/contacts").json_body["items"])
    assert names == ["Ada Lovelace", "Alan Turing", "Broken Email", "Grace Hopper", "Katherine Johnson",
                     "Katherine Johnson"]


def test_exports_round_trip_without_duplicates(member):
    m = member()
    imp(m, VCARDS, "text/vcard")
    m.post("/v1/contacts", json={"display_name": "Zoë; \"the\", tester", "notes": "line 1\nline 2",
                                 "tags": ["x"], "needs": ["a job; soon"]})
    before = {c["id"]: c for c in m.get("/v1/contacts").json_body["items"]}

    vcf = m.get("/v1/exports/contacts.vcf")
    assert vcf.code == 200 and vcf.mimetype == "text/vcard"
    assert vcf.headers["Content-Disposition"] == 'attachment; filename="contacts.vcf"'
    text = vcf.data.decode()
    assert text.count("BEGIN:VCARD") == 4 and "VERSION:4.0" in text
    csv = m.get("/v1/exports/contacts.csv", query={"tag": "x"})
    assert csv.mimetype == "text/csv" and csv.data.decode().count("\r\n") == 2   # header + the tagged one

    assert imp(m, text, "text/vcard")["counts"]["created"] == 0
    back = imp(m, m.get("/v1/exports/contacts.csv").data.decode(), "text/csv")
    assert back["format"] == "rapport" and back["counts"]["created"] == 0 and back["counts"]["failed"] == 0
    after = {c["id"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert set(after) == set(before)
    zoe = next(c for c in after.values() if c["display_name"].startswith("Zoë"))
    assert zoe["notes"] == "line 1\nline 2" and zoe["needs"] == ["a job; soon"]


def test_import_refusals_are_problems(contacts_client, issue_token):
    from .conftest import Member
    m = Member(contacts_client(extra={"CONTACTS_IMPORT_MAX_BYTES": "2048"}), issue_token("org-a", "m-imp"))
    r = m.post("/v1/imports", json={"cards": []})
    assert r.code == 415 and r.mimetype == PROBLEM
    r = m.post("/v1/imports", data=b"x" * 3000, content_type="text/csv")
    assert r.code == 413 and r.json_body["limit_name"] == "import_bytes"
    r = m.post("/v1/imports", data=b"  ", content_type="text/vcard")
    assert r.code == 422
    job = imp(m, "name;email\nAda;a@x.org\n", "text/csv")
    assert job["counts"]["failed"] == 1 and "no header" in job["errors"][0]["message"]
    assert m.get("/v1/contacts").json_body["items"] == []


def test_a_large_import_runs_in_chunks_shows_progress_and_survives_its_runner(member, monkeypatch):
    m = member()
    rows = 2 * imports.CHUNK + 50
    csv = "First Name,Last Name,Email Address,Company\n" + "".join(
        f"P{i},Person,p{i}@example.org,Acme\n" for i in range(rows))
    job = m.post("/v1/imports", data=csv.encode(), content_type="text/csv").json_body
    assert job["status"] == "queued" and job["counts"]["rows"] == rows
    assert m.get("/v1/contacts").json_body["items"] == []  # nothing happens inside the request

    monkeypatch.setattr(imports, "LEASE", timedelta(seconds=1))
    assert imports.work("runner-a", budget_seconds=0) == imports.CHUNK  # one chunk, then "runner-a" dies
    progress = m.get(f"/v1/imports/{job['id']}").json_body
    assert progress["status"] == "running" and progress["counts"]["done"] == imports.CHUNK
    assert progress["started_at"] is not None and progress["finished_at"] is None
    assert imports.work("runner-b", budget_seconds=0) == 0  # runner-a's lease still holds the job

    time.sleep(1.2)
    assert imports.work("runner-b", budget_seconds=60) == rows - imports.CHUNK  # resumed, not restarted
    done = m.get(f"/v1/imports/{job['id']}").json_body
    assert done["status"] == "done" and done["finished_at"] is not None
    assert done["counts"] == {"rows": rows, "done": rows, "created": rows, "updated": 0, "unchanged": 0, "failed": 0}
    listed, cursor = [], None
    while True:
        page = m.get("/v1/contacts", query={"limit": 200, **({"cursor": cursor} if cursor else {})}).json_body
        listed += page["items"]
        if not (cursor := page["next_cursor"]):
            break
    assert len(listed) == rows and len({c["emails"][0] for c in listed}) == rows
    assert imports.work("runner-b", budget_seconds=1) == 0  # nothing left; the file is gone
    assert imports.ImportFile._get_collection().count_documents({"_id": job["id"]}) == 0


def test_a_database_error_ends_a_turn_not_the_import(member, monkeypatch):
    m = member()
    job = m.post("/v1/imports", data=b"First Name,Last Name,Email Address\nAda,L,ada@x.org\n",
                 content_type="text/csv").json_body
    real = imports._apply_chunk

    def flaky(*args, **kwargs):
        monkeypatch.setattr(imports, "_apply_chunk", real)  # fails once, then works
        raise AutoReconnect("connection reset")

    monkeypatch.setattr(imports, "_apply_chunk", flaky)
    imports.work("runner-a", budget_seconds=0)
    after = m.get(f"/v1/imports/{job['id']}").json_body
    assert after["status"] == "running" and after["counts"]["done"] == 0 and after["errors"] == []
    imports.work("runner-a", budget_seconds=10)
    done = m.get(f"/v1/imports/{job['id']}").json_body
    assert done["status"] == "done" and done["counts"]["created"] == 1


REDO_CSV = ("First Name,Last Name,Email Address,Company\n"
            "Ada,Lovelace,ada@example.org,Analytical Engines\n"    # the member has her without a company: updated
            "Grace,Hopper,grace@navy.mil,\n"                         # the member has her as she is: unchanged
            "Alan,Turing,alan@example.org,\n"                        # new: created
            "Alan,Turing,alan@example.org,Bletchley Park\n"          # the same new person again: updated
            ",,,Nobody Inc\n"                                        # nothing names a person: failed
            + "".join(f"P{i},Person,p{i}@example.org,\n" for i in range(5)))   # new: created


def _redo_counts(m, monkeypatch, break_it) -> dict:
    """Import REDO_CSV for a member who has Ada (no company) and Grace; `break_it` makes the
    first attempt at the chunk fail after some or all of its writes."""
    m.post("/v1/contacts", json={"display_name": "Ada Lovelace", "given_name": "Ada", "family_name": "Lovelace",
                                 "emails": ["ada@example.org"]})
    m.post("/v1/contacts", json={"display_name": "Grace Hopper", "given_name": "Grace", "family_name": "Hopper",
                                 "emails": ["grace@navy.mil"]})
    job = m.post("/v1/imports", data=REDO_CSV.encode(), content_type="text/csv").json_body
    with monkeypatch.context() as patch:
        break_it(patch)
        imports.work("runner-a", budget_seconds=0)
    first = m.get(f"/v1/imports/{job['id']}").json_body
    imports.work("runner-a", budget_seconds=10)
    done = m.get(f"/v1/imports/{job['id']}").json_body
    assert done["status"] == "done", done
    names = sorted(c["display_name"] for c in m.get("/v1/contacts").json_body["items"])
    assert names == ["Ada Lovelace", "Alan Turing", "Grace Hopper"] + [f"P{i} Person" for i in range(5)]
    return {"first": first["counts"]["done"], **done["counts"], "errors": [e["line"] for e in done["errors"]]}


@pytest.mark.parametrize("where", ["after the chunk's writes", "between its updates and its inserts"])
def test_counts_are_exact_after_a_chunk_is_redone(member, monkeypatch, where):
    from shared import outbox

    clean = _redo_counts(member(), monkeypatch, lambda patch: None)
    assert clean == {"first": 10, "rows": 10, "done": 10, "created": 6, "updated": 2, "unchanged": 1, "failed": 1,
                     "errors": [6]}

    def after_the_writes(patch):
        real = imports._apply_chunk

        def applied_then_lost(*args, **kwargs):
            real(*args, **kwargs)
            raise AutoReconnect("connection reset before the progress was recorded")
        patch.setattr(imports, "_apply_chunk", applied_then_lost)

    def before_the_inserts(patch):
        patch.setattr(outbox, "insert_many", lambda *a, **k: (_ for _ in ()).throw(AutoReconnect("reset")))

    redone = _redo_counts(member(), monkeypatch,
                          after_the_writes if where.startswith("after") else before_the_inserts)
    assert redone == {**clean, "first": 0}


def test_a_contact_deleted_between_two_attempts_at_its_chunk_is_reported_not_remade(member, monkeypatch):
    m = member()
    csv = "First Name,Last Name,Email Address\nAda,Lovelace,ada@x.org\nGrace,Hopper,grace@x.org\n"
    job = m.post("/v1/imports", data=csv.encode(), content_type="text/csv").json_body
    real = imports._apply_chunk

    def applied_then_lost(*args, **kwargs):
        real(*args, **kwargs)
        raise AutoReconnect("connection reset before the progress was recorded")

    with monkeypatch.context() as patch:
        patch.setattr(imports, "_apply_chunk", applied_then_lost)
        imports.work("runner-a", budget_seconds=0)
    grace = next(c for c in m.get("/v1/contacts").json_body["items"] if c["display_name"] == "Grace Hopper")
    assert m.delete(f"/v1/contacts/{grace['id']}").code == 204   # the member deletes her meanwhile
    imports.work("runner-a", budget_seconds=10)
    done = m.get(f"/v1/imports/{job['id']}").json_body
    assert done["status"] == "done", done
    assert (done["counts"]["created"], done["counts"]["failed"]) == (1, 1)
    assert [e["line"] for e in done["errors"]] == [3] and "deleted during the import" in done["errors"][0]["message"]
    assert [c["display_name"] for c in m.get("/v1/contacts").json_body["items"]] == ["Ada Lovelace"]
