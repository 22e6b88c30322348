"""Probable duplicates on capture and as a list; merges with provenance, moved interactions,
`merged_into` tombstones on every device; merging is idempotent, over REST and over sync."""
from .conftest import PROBLEM, new_id, upsert


def capture(device, fields):
    cid = new_id()
    (result,) = device.push([upsert("contacts", cid, fields)])
    assert result["status"] == "applied", result
    return cid, result


def test_capture_says_possible_duplicate_and_the_list_shows_pairs(member):
    m = member()
    phone = m.device()
    ada, _ = capture(phone, {"display_name": "Ada Lovelace", "emails": ["ada@x.org"], "company": "Engines Ltd",
                             "profile_urls": ["https://www.linkedin.com/in/ada"]})
    _, r = capture(phone, {"display_name": "A. Lovelace", "emails": ["ADA@x.org"]})
    assert r["possible_duplicates"] == [{"id": ada, "display_name": "Ada Lovelace", "reasons": ["email"]}]
    _, r = capture(phone, {"display_name": "Ada Lovelace", "company": "engines"})
    assert r["possible_duplicates"][0]["reasons"] == ["name_at_company"]
    _, r = capture(phone, {"display_name": "Someone", "profile_urls": ["linkedin.com/in/ADA/"], "country": "GB",
                           "phones": ["+44 20 7946 0958"]})
    assert r["possible_duplicates"][0]["reasons"] == ["profile_url"]
    _, r = capture(phone, {"display_name": "Charles Babbage", "company": "Engines Ltd"})
    assert "possible_duplicates" not in r
    # two new captures of one person in the same push find each other
    twin = [upsert("contacts", new_id(), {"display_name": "Grace", "phones": ["+1 415 555 0100"]}),
            upsert("contacts", new_id(), {"display_name": "Grace H.", "phones": ["+14155550100"]})]
    first, second = phone.push(twin)
    assert "possible_duplicates" not in first and second["possible_duplicates"][0]["id"] == twin[0]["id"]
    # REST capture says it too
    r = m.post("/v1/contacts", json={"display_name": "Ada", "emails": ["ada@x.org"]})
    assert {d["id"] for d in r.json_body["possible_duplicates"]} >= {ada}

    pairs = m.get("/v1/duplicates").json_body["items"]
    assert all(len(p["contact_ids"]) == 2 and p["reasons"] and len(p["contacts"]) == 2 for p in pairs)
    assert any(ada in p["contact_ids"] and "email" in p["reasons"] for p in pairs)
    page = m.get("/v1/duplicates", query={"limit": 2}).json_body
    rest = m.get("/v1/duplicates", query={"limit": 100, "cursor": page["next_cursor"]}).json_body["items"]
    assert [p["contact_ids"] for p in page["items"] + rest] == [p["contact_ids"] for p in pairs]


def test_merge_combines_with_provenance_moves_interactions_and_syncs_a_tombstone(member):
    m = member()
    phone, tablet = m.device(), m.device()
    winner, _ = capture(phone, {"display_name": "Grace Hopper", "emails": ["grace@navy.mil"], "tags": ["cobol"],
                                "notes": "met at SIGPLAN"})
    loser, _ = capture(phone, {"display_name": "G. Hopper", "emails": ["grace@yale.edu"], "title": "Rear Admiral",
                               "tags": ["compilers"], "notes": "wants a reviewer"})
    iid = new_id()
    phone.push([upsert("interactions", iid, {"contact_id": loser, "kind": "coffee",
                                             "occurred_at": "2026-05-01T09:00:00Z"})])
    tablet.sync()

    r = m.post("/v1/duplicates/merge", json={"winner_id": winner, "loser_id": loser})
    assert r.code == 200, r.json_body
    body = r.json_body
    w = body["winner"]
    assert body["already_merged"] is False and body["moved_interactions"] == 1
    assert w["emails"] == ["grace@navy.mil", "grace@yale.edu"] and w["title"] == "Rear Admiral"
    assert w["tags"] == ["cobol", "compilers"] and w["notes"] == "met at SIGPLAN\n\nwants a reviewer"
    (prov,) = w["merged_from"]
    assert prov["contact_id"] == loser and prov["took"] == {"emails": ["grace@yale.edu"], "title": "Rear Admiral",
                                                            "tags": ["compilers"], "notes": "wants a reviewer"}
    assert m.get(f"/v1/contacts/{loser}").code == 404
    assert m.get(f"/v1/interactions/{iid}").json_body["contact_id"] == winner

    tablet.sync()
    assert tablet.tombstones["contacts"][loser]["merged_into"] == winner
    assert loser not in tablet.state["contacts"]
    assert tablet.state["interactions"][iid]["contact_id"] == winner     # re-linked, not orphaned
    assert tablet.state["contacts"][winner]["title"] == "Rear Admiral"

    # idempotent: again changes nothing
    again = m.post("/v1/duplicates/merge", json={"winner_id": winner, "loser_id": loser}).json_body
    assert again["already_merged"] is True and again["winner"]["version"] == w["version"]
    # an offline device logging an interaction with the merged-away contact is re-linked
    (late,) = phone.push([upsert("interactions", new_id(), {"contact_id": loser, "kind": "call",
                                                           "occurred_at": "2026-05-02T09:00:00Z"})])
    assert late["status"] == "applied" and late["relinked_to"] == winner
    # an edit of the merged-away contact is rejected with where it went
    (edit,) = phone.push([upsert("contacts", loser, {"notes": "x"}, base=1)])
    assert edit["status"] == "rejected" and edit["reason"] == "deleted" and edit["merged_into"] == winner
    # refusals are clear
    r = m.post("/v1/duplicates/merge", json={"winner_id": winner, "loser_id": winner})
    assert r.code == 409 and r.mimetype == PROBLEM and r.json_body["reason"] == "merge_invalid"
    other, _ = capture(phone, {"display_name": "Other"})
    r = m.post("/v1/duplicates/merge", json={"winner_id": other, "loser_id": loser})
    assert r.code == 409 and r.json_body["merged_into"] == winner
    assert m.post("/v1/duplicates/merge", json={"winner_id": "nope", "loser_id": other}).code == 404


def test_merge_as_a_sync_mutation_is_idempotent(member):
    m = member()
    phone, tablet = m.device(), m.device()
    a, _ = capture(phone, {"display_name": "Ada", "emails": ["ada@x.org"]})
    b, _ = capture(phone, {"display_name": "Ada L", "phones": ["+442079460958"]})
    merge = {"mutation_id": new_id(), "collection": "contacts", "op": "merge", "id": b, "merge_into": a}
    (r,) = phone.push([merge])
    assert r["status"] == "applied" and r["merged_into"] == a
    (again,) = phone.push([merge])
    assert again["status"] == "duplicate" and again["first_status"] == "applied"
    (other_device,) = tablet.push([{**merge, "mutation_id": new_id()}])      # the same merge from elsewhere
    assert other_device["status"] == "applied" and other_device["merged_into"] == a
    assert other_device["version"] == r["version"]                          # nothing changed
    tablet.sync()
    assert tablet.state["contacts"][a]["phones"] == ["+442079460958"]
    assert tablet.tombstones["contacts"][b]["merged_into"] == a
    (bad,) = phone.push([{"mutation_id": new_id(), "collection": "gatherings", "op": "merge", "id": b,
                          "merge_into": a}])
    assert bad["status"] == "rejected" and bad["reason"] == "invalid"


def test_an_instant_a_merge_took_is_written_as_every_instant_of_the_api(member):
    m = member()
    winner = m.post("/v1/contacts", json={"display_name": "Grace Hopper"}).json_body
    loser = m.post("/v1/contacts", json={"display_name": "G. Hopper", "met_at": "2026-05-14T09:30:00.25+02:00"}
                   ).json_body
    r = m.post("/v1/duplicates/merge", json={"winner_id": winner["id"], "loser_id": loser["id"]})
    assert r.code == 200, r.json_body
    w = r.json_body["winner"]
    (prov,) = w["merged_from"]
    assert w["met_at"] == "2026-05-14T07:30:00.250Z"
    assert prov["took"]["met_at"] == "2026-05-14T07:30:00.250Z"  # UTC, milliseconds, Z (shared.clock.rfc3339)
    assert prov["merged_at"].endswith("Z") and len(prov["merged_at"]) == len("2026-05-14T07:30:00.250Z")
