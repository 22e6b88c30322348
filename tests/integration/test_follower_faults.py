"""A follower whose store goes away keeps running and finishes its work: the contacts follower
(`rapport-consume contacts`, a real process) on a FerretDB of its own that is stopped in the
middle of an import while an erasure arrives, then started again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from services.contacts.service_layer import records as contacts
from services.contacts.adapters.documents import ALL_DOCUMENTS, Contact, ImportJob
from shared import db, kafka
from shared.db import Scope
from shared.events import new_event

from ..procfile import stop_groups
from ..servers import ROOT
from ..waiting import wait_for

ADA, ERIN = Scope("org-1", "ada"), Scope("org-1", "erin")
ROWS = 1500
OUTAGE_SECONDS = 25  # longer than an import turn that fails (two 5 s server selections): the erasure meets it


def vcards(n: int) -> bytes:
    return "".join(f"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:card-{i:05d}\r\nFN:Person {i:05d}\r\n"
                   f"EMAIL:person{i:05d}@example.org\r\nEND:VCARD\r\n" for i in range(n)).encode()


def follower_process(settings, log: Path) -> subprocess.Popen:
    env = {**os.environ, "MONGO_URI": settings.mongo_uri, "MONGO_DB": settings.mongo_db,
           "KAFKA_BOOTSTRAP": settings.kafka_bootstrap, "RAPPORT_TOPIC_PREFIX": settings.topic_prefix,
           "RAPPORT_LOG_LEVEL": "INFO"}
    exe = Path(sys.executable).parent / "rapport-consume"
    return subprocess.Popen([str(exe), "contacts"], cwd=ROOT, env=env, stdout=open(log, "ab"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def job(job_id: str) -> dict | None:
    try:
        return ImportJob._get_collection().find_one({"_id": job_id})
    except Exception:  # noqa: BLE001 - the test's own reads fail while the store is down too
        return None


def test_the_contacts_follower_survives_its_store_going_away(kafka_topics, settings_for, make_app, issue_token,
                                                             own_ferretdb, tmp_path):
    settings = settings_for("contacts", mongo_uri=own_ferretdb.uri)
    app = make_app("contacts", mongo_uri=own_ferretdb.uri)
    db.connect(settings)
    for name in ("Grace", "Linus", "Barbara"):
        contacts.create_contact(ERIN, {"display_name": name})
    r = app.post("/v1/imports", data=vcards(ROWS), content_type="text/vcard",
                 headers={"Authorization": f"Bearer {issue_token(ADA.org_id, ADA.member_id)}"})
    assert r.status_code == 202
    job_id = r.json["id"]
    log = tmp_path / "follower.log"
    proc = follower_process(settings, log)
    try:
        wait_for(lambda: (j := job(job_id)) and j["status"] == "running" and 0 < j["counts"]["done"] < ROWS, 120,
                 "the import to be under way", show=lambda: job(job_id))

        own_ferretdb.stop()  # the store goes away mid-import ...
        erased = new_event("account.member_erased", org_id=ERIN.org_id, member_id=ERIN.member_id, source="test",
                           data={"member_id": ERIN.member_id, "erased_at": "2026-05-01T09:00:00.000Z"})
        producer = kafka.producer(settings, "test")
        producer.send(settings.topic("rapport.accounts.v1"), key=b"erin", value=erased.to_bytes()).get(30)
        producer.close()  # ... and an erasure arrives while it is away
        deadline = time.monotonic() + OUTAGE_SECONDS
        while time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()[-3000:]
            time.sleep(0.5)
        own_ferretdb.start()

        done = wait_for(lambda: (j := job(job_id)) and j["status"] in ("done", "failed") and j, 180,
                        "the import to finish", show=lambda: job(job_id))
        assert done["status"] == "done", done
        assert done["counts"]["done"] == ROWS and done["counts"]["created"] == ROWS and not done["errors"]
        assert Contact._get_collection().count_documents({"member_id": ADA.member_id}) == ROWS
        wait_for(lambda: sum(d._get_collection().count_documents({"member_id": ERIN.member_id})
                             for d in ALL_DOCUMENTS) == 0, 60, "the erased member's data to be gone")
        assert proc.poll() is None, log.read_text()[-3000:]
        lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
        # it met the outage and waited it out: in the consumer (the erasure's handler), in the
        # import runner when the outage fell inside a turn between polls, or in the loop's retry
        waited = [x for x in lines if (x.get("logger") == "shared.consumer" and x.get("fault") == "store")
                  or x.get("message", "").startswith("import turn failed")
                  or (x.get("logger") == "shared.process" and "store unavailable" in x.get("message", ""))]
        assert waited, "the follower never met the outage"
        assert not any(x.get("level") == "CRITICAL" for x in lines)
    finally:
        stop_groups([proc])
    assert proc.returncode == 0  # SIGTERM: a clean stop
