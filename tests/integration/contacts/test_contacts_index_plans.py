"""Every query the contacts hot paths send is answered from an index on FerretDB-on-PostgreSQL.

The service runs on a FerretDB whose PostgreSQL forbids sequential scans and logs the plan of
every statement (OwnFerretDB.PLANS). The test drives the hot paths — REST create, get, list,
patch; the duplicate lookup; sync push, pull and the device list; an import — then reads the plans: none
may scan a collection's table. A query on a field without an index shows the check can fail."""
from __future__ import annotations

import uuid

from services.contacts.service_layer import imports
from services.contacts.adapters.documents import Contact
from shared import db


def test_contacts_hot_paths_are_served_by_indexes(planned_ferretdb, kafka_topics, settings_for, make_app,
                                                  issue_token):
    store = planned_ferretdb
    app = make_app("contacts", mongo_uri=store.uri)
    db.connect(settings_for("contacts", mongo_uri=store.uri))
    auth = {"Authorization": f"Bearer {issue_token('org-plans', 'm-plans')}", "X-Rapport-Schema-Version": "1"}
    for i in range(30):
        r = app.post("/v1/contacts", json={"display_name": f"P{i}", "emails": [f"p{i}@x.org"], "tags": ["t"]},
                     headers=auth)
        assert r.status_code == 201, r.json
    cid = r.json["id"]
    mark = store.log_mark()  # the collections and their indexes exist from here on

    assert app.get(f"/v1/contacts/{cid}", headers=auth).status_code == 200
    assert app.get("/v1/contacts?limit=10&tag=t", headers=auth).status_code == 200
    assert app.patch(f"/v1/contacts/{cid}", json={"title": "x"}, headers=auth).status_code == 200
    assert app.post("/v1/contacts", json={"display_name": "Dup", "emails": ["p1@x.org"]},
                    headers=auth).status_code == 201
    assert app.get("/v1/duplicates", headers=auth).status_code == 200
    device = f"dev-{uuid.uuid4().hex[:8]}"   # signed in on it: its token names it
    on_device = {**auth, "Authorization": f"Bearer {issue_token('org-plans', 'm-plans', device_id=device)}"}
    push = [{"mutation_id": uuid.uuid4().hex, "collection": "contacts", "op": "upsert", "id": str(uuid.uuid4()),
             "fields": {"display_name": f"S{i}", "emails": [f"s{i}@x.org"]}} for i in range(5)]
    push.append({"mutation_id": uuid.uuid4().hex, "collection": "contacts", "op": "upsert", "id": cid,
                 "base_version": 2, "fields": {"notes": "n"}})
    r = app.post("/v1/sync/contacts/push", json={"device_id": device, "mutations": push}, headers=on_device)
    assert r.status_code == 200 and all(x["status"] in ("applied", "merged") for x in r.json["results"]), r.json
    assert app.get(f"/v1/sync/contacts/pull?device_id={device}&limit=20", headers=on_device).status_code == 200
    assert app.get("/v1/sync/contacts/devices", headers=auth).status_code == 200
    r = app.post("/v1/imports", data=b"First Name,Last Name,Email Address\nAda,L,ada@x.org\nP,1,p1@x.org\n",
                 content_type="text/csv", headers=auth)
    assert r.status_code == 202
    imports.work("plans", budget_seconds=30)
    assert app.get(f"/v1/imports/{r.json['id']}", headers=auth).json["status"] == "done"

    assert store.scans_since(mark) == {}

    mark = store.log_mark()  # the check itself: a field no index covers is scanned, and seen
    Contact._get_collection().find_one({"title": "x"})
    assert [t for t in store.scans_since(mark) if t.startswith("contacts_")]
