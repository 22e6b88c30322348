"""Imports as jobs (vCard 4.0/3.0, LinkedIn CSV): per-line errors, no half contacts, no
duplicates on re-import; exports (vCard 4.0, CSV) that import back without duplicates."""
import time
from datetime import timedelta

from pymongo.errors import AutoReconnect

from services.contacts import imports

from .conftest import PROBLEM

VCARDS = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:11111111-1111-4111-8111-111111111111\r\nFN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;;;\r\nORG:Analytical Engines\r\nTITLE:Programmer\r\nEMAIL;TYPE=work:ada@example.org\r\n"
    "TEL;VALUE=uri:tel:+44-20-7946-0958\r\nURL:https://www.linkedin.com/in/ada\r\nNOTE:Wrote the first\r\n"
    "  program\r\nCATEGORIES:math,engines\r\nBDAY:--1210\r\nREV:20200101T000000Z\r\nEND:VCARD\r\n"   # lines 1-16
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hopper;Grace;;;\r\nEMAIL;TYPE=INTERNET:not-an-email\r\nEND:VCARD\r\n"  # 17-21
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


def imp(m, body: str, content_type: str, **query):
    """Queue an import, let a runner (as the contacts followers do) finish it, return the job."""
    r = m.post("/v1/imports", data=body.encode(), content_type=content_type, query=query or None)
    assert r.code == 202, r.json_body
    queued = r.json_body
    assert queued["status"] == "queued" and queued["counts"]["done"] == 0 and queued["started_at"] is None
    assert r.headers["Location"] == f"http://localhost/v1/imports/{queued['id']}"  # on the public base
    imports.work("test-runner", budget_seconds=60)
    return m.get(f"/v1/imports/{queued['id']}").json_body


def test_vcard_import_is_a_job_with_line_numbered_errors_and_no_half_contacts(member):
    m = member()
    job = imp(m, VCARDS, "text/vcard", filename="phone.vcf")
    assert job["status"] == "done" and job["format"] == "vcard" and job["filename"] == "phone.vcf"
    assert job["counts"] == {"rows": 4, "done": 4, "created": 2, "updated": 0, "unchanged": 0, "failed": 2}
    lines = {e["line"]: e["message"] for e in job["errors"]}
    assert set(lines) == {17, 30}
    assert "emails" in lines[17] and "line 17" in lines[17]
    assert m.get(f"/v1/imports/{job['id']}").json_body == job
    assert [j["id"] for j in m.get("/v1/imports").json_body["items"]] == [job["id"]]

    contacts = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert set(contacts) == {"Ada Lovelace", "Grace Hopper"}           # the broken Grace is not stored at all
    ada = contacts["Ada Lovelace"]
    assert ada["source"] == "import" and ada["phones"] == ["+442079460958"] and ada["tags"] == ["math", "engines"]
    assert ada["notes"] == "Wrote the first program" and ada["birthday"] == "--12-10"
    assert contacts["Grace Hopper"]["company"] == "US Navy" and contacts["Grace Hopper"]["phones"] == ["+14155550100"]

    # the same file again: nothing new; the member's own edits survive an older card
    m.patch(f"/v1/contacts/{ada['id']}", json={"title": "Countess"})
    again = imp(m, VCARDS, "text/vcard")
    assert again["counts"] == {"rows": 4, "done": 4, "created": 0, "updated": 0, "unchanged": 2, "failed": 2}
    assert len(m.get("/v1/contacts").json_body["items"]) == 2
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
    assert job["counts"] == {"rows": 4, "done": 4, "created": 3, "updated": 0, "unchanged": 0, "failed": 1}
    assert [e["line"] for e in job["errors"]] == [7] and "emails" in job["errors"][0]["message"]
    assert [w["line"] for w in job["warnings"]] == [9] and "whenever" in job["warnings"][0]["message"]
    contacts = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert contacts["Katherine Johnson"]["met_at"] == "2019-08-26T00:00:00.000Z"
    assert contacts["Ada Lovelace"]["profile_urls"] == ["https://www.linkedin.com/in/ada"]
    assert "met_at" in contacts["Alan Turing"] and contacts["Alan Turing"]["met_at"] is None

    again = imp(m, LINKEDIN, "text/csv")
    assert again["counts"]["created"] == 0 and again["counts"]["unchanged"] == 3
    # the same person from a vCard (same email) is recognised too
    imp(m, VCARDS, "text/vcard")
    names = sorted(c["display_name"] for c in m.get("/v1/contacts").json_body["items"])
    assert names == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson"]


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
    assert text.count("BEGIN:VCARD") == 3 and "VERSION:4.0" in text
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
