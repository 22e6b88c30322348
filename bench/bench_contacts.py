"""Contacts sync, measured over real HTTP against a gunicorn-served contacts service, next to
raw pymongo doing the same writes and reads in the same run (the ceiling):

* push throughput with batches of 1, 50 and 500 new contacts (each push: the device's sync state and receipts,
  validation and normalisation, duplicate lookup, records with their events, change log),
  and a batch of 50 edits of existing contacts (field-level merge, conditional writes);
  ceiling: insert_one / insert_many / update_one of equivalent documents;
* a first sync of 10,000 contacts by a fresh device, in pages; ceiling: the same contact
  documents read by raw pymongo in `_id` pages of the same size;
* imports, from the POST to the job done, run by a contacts follower process
  (`rapport-consume contacts`): a LinkedIn `Connections.csv` of 10,000 rows, and 2,000 vCards
  each with three values that cannot be used (left out one by one, with warnings); ceiling:
  insert_many of the same documents in chunks of the import's size.

Everything runs while the contacts collection already holds 100,000 contacts of 500 other
members in 20 other organisations.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pymongo
import requests

from shared import topics
from shared.settings import load_settings
from tests.keys import SigningKeys
from tests.servers import free_port

from .table import table

ROOT = Path(__file__).resolve().parent.parent
KEYS = SigningKeys("bench")  # the service pins its public half; the clients' tokens are signed with it
FIRST_SYNC = 10_000
PAGE = 1000
EDITS = 250
IMPORT_ROWS = 10_000        # the LinkedIn import
BAD_VALUE_ROWS = 2000       # the vCard import whose every card has three bad values
BACKGROUND_CONTACTS = 100_000  # other members' contacts already in the collection
NEW_PUSHES = ((1, 200), (50, 2000))  # (batch, contacts): then batches of 500 up to FIRST_SYNC


FIRST = ("Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances", "John", "Radia",
         "Ken", "Margaret", "Dennis", "Hedy", "Tim", "Sophie", "Linus", "Anita", "Guido", "Shafi")
LAST = ("Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Perlman",
        "Thompson", "Hamilton", "Ritchie", "Lamarr", "Berners-Lee", "Wilson", "Torvalds", "Borg", "van Rossum",
        "Goldwasser", "Kay", "Wirth", "Hoare", "Milner", "Lamport")


def _contact(i: int) -> dict:
    first, last = random.choice(FIRST), random.choice(LAST)
    return {"display_name": f"{first} {last}", "given_name": first, "family_name": last,
            "emails": [f"{first.lower()}.{i}@example.org"], "phones": [f"+1415555{i % 10000:04d}"],
            "company": f"Company {random.randrange(400)}", "title": "Engineer",
            "tags": ["conference"], "needs": ["a mentor"], "notes": "met at the booth"}


class Service:
    """The contacts service under gunicorn (1 worker, 4 threads), on the bench's servers."""

    def __init__(self, servers, db_name: str, topic_prefix: str):
        self.port = free_port()
        self.env = {**os.environ, "MONGO_URI": servers.mongo_uri, "MONGO_DB": db_name,
                    "KAFKA_BOOTSTRAP": servers.kafka_bootstrap, **KEYS.env,
                    # a run outlasts an access token's 15 minutes: the bench's device tokens live a day
                    "RAPPORT_JWT_MAX_TTL_SECONDS": "86400",
                    "RAPPORT_TOPIC_PREFIX": topic_prefix,
                    "RAPPORT_LOG_LEVEL": "WARNING", "CONTACTS_SYNC_MAX_PAGE": str(PAGE),
                    "RAPPORT_MAX_BODY_BYTES": str(16 << 20), "CONTACTS_SYNC_MAX_PUSH_BYTES": str(16 << 20)}
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.proc = subprocess.Popen([str(gunicorn), "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
                                      "--threads", "4", "services.contacts.app:create_app()"],
                                     cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"contacts service died: {self.proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        raise RuntimeError("contacts service not ready")

    def client(self, member: str, device: str | None = None) -> requests.Session:
        """The member's client; signed in on `device` when given (its token's `sid`)."""
        token = KEYS.token("org-bench", member, ttl_seconds=86400, device_id=device)
        session = requests.Session()
        session.headers.update({"Authorization": f"Bearer {token}",
                                "X-Rapport-Schema-Version": "1"})
        return session

    def follower(self) -> subprocess.Popen:
        """`rapport-consume contacts` on the same settings (it runs queued import jobs)."""
        return subprocess.Popen([str(Path(sys.executable).parent / "rapport-consume"), "contacts"], cwd=ROOT,
                                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def _push(http: requests.Session, url: str, device: str, mutations: list[dict]) -> list[dict]:
    r = http.post(f"{url}/v1/sync/contacts/push", json={"device_id": device, "mutations": mutations}, timeout=600)
    r.raise_for_status()
    results = r.json()["results"]
    bad = [x for x in results if x["status"] not in ("applied", "merged")]
    if bad:
        raise RuntimeError(f"unexpected push results: {bad[:3]}")
    return results


def _signed_in(service: Service, member: str) -> tuple[requests.Session, str]:
    """The member's client signed in on a new device, and the device id: nothing to register."""
    device = f"bench-{uuid.uuid4().hex[:8]}"
    return service.client(member, device), device


def _linkedin(people: list[dict]) -> tuple[str, str, str]:
    return ("LinkedIn CSV", "text/csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "".join(
        f"{p['given_name']},{p['family_name']},https://www.linkedin.com/in/p{i},{p['emails'][0]},{p['company']},"
        f"{p['title']},01 Jan 2024\n" for i, p in enumerate(people)))


def _vcards_with_bad_values(people: list[dict]) -> tuple[str, str, str]:
    """Every card has a bad phone, a bad email and a bad birthday beside its good values: each
    is checked on its own, left out, warned about and kept in the notes."""
    return ("vCard, 3 bad values a card", "text/vcard", "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{p['given_name']} {p['family_name']}\r\nORG:{p['company']}\r\n"
        f"EMAIL:{p['emails'][0]}\r\nEMAIL:{p['given_name']}(at)example\r\nTEL:+1 (212) 204-34456\r\n"
        f"TEL:+44 20 7946 {i % 10000:04d}\r\nBDAY:19723101\r\nEND:VCARD\r\n" for i, p in enumerate(people)))


def _import(service: Service, raw, make, rows: int) -> list:
    people = [_contact(i) for i in range(rows)]
    label, content_type, body = make(people)
    member = f"m-import-{uuid.uuid4().hex[:6]}"
    http = service.client(member)
    follower = service.follower()
    try:
        started = time.perf_counter()
        r = http.post(f"{service.url}/v1/imports", data=body.encode(), headers={"Content-Type": content_type},
                      timeout=60)
        r.raise_for_status()
        job = r.json()
        while job["status"] in ("queued", "running"):
            time.sleep(0.2)
            job = http.get(f"{service.url}/v1/imports/{job['id']}", timeout=60).json()
        ours = time.perf_counter() - started
    finally:
        follower.terminate()
        follower.wait(30)
    if job["status"] != "done" or job["counts"]["created"] != rows:
        raise RuntimeError(f"import ended {job['status']} with {job['counts']}: {job['errors'][:3]}")
    docs = [{"_id": f"{member}-{i}", "org_id": "org-bench", "member_id": member, "version": 1, **p}
            for i, p in enumerate(people)]
    started = time.perf_counter()
    for at in range(0, rows, 200):
        raw.insert_many(docs[at:at + 200])
    ceiling = time.perf_counter() - started
    return [f"import of {rows:,} rows, {label} (202, then a follower)", rows, 1, ours,
            rows / ours, ceiling, rows / ceiling, ours / ceiling]


def _seed_others(contacts, count: int) -> None:
    """Contacts of other members (500 of them, in 20 organisations), as the service stores them."""
    for at in range(0, count, 1000):
        contacts.insert_many([{"_id": f"other-{i}", "org_id": f"org-other-{i % 20}", "member_id": f"m-other-{i % 500}",
                               "version": 1, "deleted": False, **_contact(i)} for i in range(at, min(count, at + 1000))])


def run(servers) -> str:
    random.seed(7)
    uid = uuid.uuid4().hex[:8]
    db_name = f"bench{uid}_rapport_contacts"
    mongo = pymongo.MongoClient(servers.mongo_uri, tz_aware=True)
    raw = mongo[db_name]["bench_raw"]
    prefix = f"bench{uid}."
    topics.ensure(load_settings("topics", {"KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
                                           "RAPPORT_TOPIC_PREFIX": prefix}, require_keys=False))
    service = Service(servers, db_name, prefix)
    rows = []
    try:
        url = service.url
        _seed_others(mongo[db_name]["contacts"], BACKGROUND_CONTACTS)
        # -- pushes of new contacts ------------------------------------------------------
        for batch, total, member in ((*NEW_PUSHES[0], "m-b1"), (*NEW_PUSHES[1], "m-b50"),
                                     (500, FIRST_SYNC, "m-first-sync")):
            http, device = _signed_in(service, member)
            docs = [_contact(i) for i in range(total)]
            ids = [str(uuid.uuid4()) for _ in range(total)]
            started = time.perf_counter()
            for at in range(0, total, batch):
                _push(http, url, device, [{"mutation_id": uuid.uuid4().hex, "collection": "contacts", "op": "upsert",
                                           "id": ids[i], "fields": docs[i]} for i in range(at, at + batch)])
            ours = time.perf_counter() - started
            raw_docs = [{"_id": f"{member}-{i}", "org_id": "org-bench", "member_id": member, "version": 1, **d}
                        for i, d in enumerate(docs)]
            started = time.perf_counter()
            for at in range(0, total, batch):
                chunk = raw_docs[at:at + batch]
                raw.insert_one(chunk[0]) if batch == 1 else raw.insert_many(chunk)
            ceiling = time.perf_counter() - started
            rows.append([f"push, batches of {batch} new contacts", total, total // batch, ours, total / ours,
                         ceiling, total / ceiling, ours / ceiling])
            if batch == 50:
                edit_ids = ids
        # -- pushes of edits (field-level merge on existing records) ---------------------
        http, device = _signed_in(service, "m-b50")
        started = time.perf_counter()
        for at in range(0, EDITS, 50):
            _push(http, url, device, [{"mutation_id": uuid.uuid4().hex, "collection": "contacts", "op": "upsert",
                                       "id": edit_ids[i], "base_version": 1, "fields": {"title": f"Lead {i}"}}
                                      for i in range(at, at + 50)])
        ours = time.perf_counter() - started
        started = time.perf_counter()
        for i in range(EDITS):
            raw.update_one({"_id": f"m-b50-{i}", "version": 1}, {"$set": {"title": f"Lead {i}"}, "$inc": {"version": 1}})
        ceiling = time.perf_counter() - started
        rows.append(["push, batches of 50 edits (base_version)", EDITS, EDITS // 50, ours, EDITS / ours, ceiling,
                     EDITS / ceiling, ours / ceiling])

        # -- first sync of 10,000 contacts ------------------------------------------------
        http, device = _signed_in(service, "m-first-sync")
        for page_size in (PAGE,):
            started = time.perf_counter()
            cursor, pages, received = None, 0, 0
            while True:
                params = {"device_id": device, "limit": page_size, **({"cursor": cursor} if cursor else {})}
                r = http.get(f"{url}/v1/sync/contacts/pull", params=params, timeout=600)
                r.raise_for_status()
                body = r.json()
                received += len(body["changes"]["contacts"]["upserted"])
                pages += 1
                cursor = body["next_cursor"]
                if not body["has_more"]:
                    break
            ours = time.perf_counter() - started
            if received != FIRST_SYNC:
                raise RuntimeError(f"first sync received {received} contacts, expected {FIRST_SYNC}")
            contacts = mongo[db_name]["contacts"]
            started = time.perf_counter()
            last, read, raw_pages = "", 0, 0
            while True:
                page = list(contacts.find({"org_id": "org-bench", "member_id": "m-first-sync", "_id": {"$gt": last}},
                                          {"outbox": 0}).sort("_id", 1).limit(page_size))
                raw_pages += 1
                read += len(page)
                if len(page) < page_size:
                    break
                last = page[-1]["_id"]
            ceiling = time.perf_counter() - started
            rows.append([f"first sync of {FIRST_SYNC:,} contacts, pages of {page_size}", received, pages, ours,
                         received / ours, ceiling, read / ceiling, ours / ceiling])

        # -- a LinkedIn import, run in the background by a follower -------------------------
        rows.append(_import(service, raw, _linkedin, IMPORT_ROWS))
        rows.append(_import(service, raw, _vcards_with_bad_values, BAD_VALUE_ROWS))
    finally:
        service.stop()
        mongo.drop_database(db_name)
        mongo.close()
    headers = ["workload", "mutations / records", "requests / pages", "Rapport s", "Rapport per s",
               "raw pymongo s", "raw per s", "Rapport ÷ raw (time)"]
    notes = (f"The contacts collection holds {BACKGROUND_CONTACTS:,} contacts of other members throughout. "
             "Rapport: HTTP to gunicorn (1 worker, 4 threads) on the same machine, one client; no relay runs, "
             "so documents keep their pending events (as when the relay lags). Raw pymongo: "
             "the same documents written or read directly, the ceiling no service can beat. A push does more "
             "than the raw write: the device's sync state and receipts, validation and normalisation, the duplicate "
             "lookup, the record with its events in one conditional write, and the change log for pulls. "
             "A pull reads the change log and then the records. On FerretDB (PostgreSQL backend) an equality "
             "on an indexed field is an index lookup, but `$in` and ranges are evaluated by FerretDB itself over "
             "what the equalities select (the duplicate lookup of a large push reads the member's contacts at the "
             "batch's companies); on MongoDB they are index lookups. On FerretDB each update of Rapport's also "
             "takes and gives back a write guard (two small writes, see README \"Write guards\"), which MongoDB "
             "does not need.")
    return table(headers, [[r[0], f"{r[1]:,}", f"{r[2]:,}", r[3], r[4], r[5], r[6], f"{r[7]:.1f}×"] for r in rows]) \
        + "\n\n" + notes
