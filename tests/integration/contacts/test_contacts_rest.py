"""REST for contacts, interactions and gatherings on real servers: CRUD, filters, pagination,
validation, and tenant/member scoping of every route."""
import uuid

import pytest

from .conftest import PROBLEM, new_id, upsert


def test_contact_crud_with_versions_etags_and_normalisation(member):
    ada = member()
    r = ada.post("/v1/contacts", json={"display_name": "Ada Lovelace", "emails": ["ADA@Example.org"],
                                       "country": "GB", "phones": ["020 7946 0958"], "tier": "mentor",
                                       "tags": ["Math"], "needs": ["a reviewer"], "goal_links": ["goal-1"]})
    assert r.code == 201, r.json_body
    c = r.json_body
    assert c["version"] == 1 and r.headers["ETag"] == '"1"' and r.headers["Location"] == f"/v1/contacts/{c['id']}"
    assert c["emails"] == ["ada@example.org"] and c["phones"] == ["+442079460958"] and c["tags"] == ["math"]
    assert c["source"] == "capture" and c["share_with_colleagues"] is False and c["possible_duplicates"] == []

    r = ada.patch(f"/v1/contacts/{c['id']}", json={"title": "Countess", "tier": None}, headers={"If-Match": '"1"'})
    assert r.code == 200 and r.json_body["version"] == 2 and r.json_body["tier"] is None
    r = ada.patch(f"/v1/contacts/{c['id']}", json={"title": "Lady"}, headers={"If-Match": '"1"'})
    assert r.code == 412 and r.mimetype == PROBLEM and r.json_body["version"] == 2
    assert ada.patch(f"/v1/contacts/{c['id']}", json={"title": "Countess"}).json_body["version"] == 2  # no change

    got = ada.get(f"/v1/contacts/{c['id']}")
    assert got.json_body["title"] == "Countess" and got.headers["ETag"] == '"2"'
    assert ada.delete(f"/v1/contacts/{c['id']}").code == 204
    assert ada.get(f"/v1/contacts/{c['id']}").code == 404
    assert ada.delete(f"/v1/contacts/{c['id']}").code == 404
    assert ada.get("/v1/contacts").json_body["items"] == []


def test_interactions_and_gatherings_reference_live_records(member):
    m = member()
    gathering = m.post("/v1/gatherings", json={"name": "PyCon US", "kind": "conference", "starts_on": "2026-05-13",
                                               "ends_on": "2026-05-19", "place": "Long Beach",
                                               "link": "us.pycon.org/2026"}).json_body
    assert gathering["link"] == "https://us.pycon.org/2026"
    contact = m.post("/v1/contacts", json={"display_name": "Grace", "gathering_id": gathering["id"],
                                           "met_at": "2026-05-14T10:00:00Z"}).json_body
    r = m.post("/v1/interactions", json={"contact_id": contact["id"], "kind": "coffee", "direction": "gave",
                                         "occurred_at": "2026-05-14T11:00:00+02:00", "gathering_id": gathering["id"],
                                         "notes": "Talked compilers"})
    assert r.code == 201, r.json_body
    assert r.json_body["occurred_at"] == "2026-05-14T09:00:00.000Z"
    bad = m.post("/v1/interactions", json={"contact_id": "nobody", "kind": "call", "occurred_at": "2026-05-14T11:00:00Z",
                                           "gathering_id": "nowhere"})
    assert bad.code == 422 and bad.json_body["errors"] == {"contact_id": ["no such contact"],
                                                             "gathering_id": ["no such gathering"]}
    assert m.get("/v1/interactions", query={"contact_id": contact["id"]}).json_body["items"][0]["kind"] == "coffee"
    assert m.get("/v1/gatherings", query={"q": "long"}).json_body["items"][0]["id"] == gathering["id"]
    r = m.patch(f"/v1/gatherings/{gathering['id']}", json={"ends_on": "2026-05-01"})
    assert r.code == 422 and r.json_body["errors"] == {"ends_on": ["must not be before starts_on"]}

    # deleting a contact deletes its interactions; a deleted gathering cannot be referenced
    assert m.delete(f"/v1/contacts/{contact['id']}").code == 204
    assert m.get("/v1/interactions").json_body["items"] == []
    assert m.delete(f"/v1/gatherings/{gathering['id']}").code == 204
    r = m.post("/v1/contacts", json={"display_name": "X", "gathering_id": gathering["id"]})
    assert r.code == 422 and r.json_body["errors"] == {"gathering_id": ["the gathering was deleted"]}


def test_list_filters_and_text_search(member):
    m = member()
    g = m.post("/v1/gatherings", json={"name": "EuroPython", "kind": "conference"}).json_body["id"]
    people = [("Zoë Ångström", "Acme", "mentor", ["ml"], None, "Loves graph databases"),
              ("Bob Stone", "Globex", "peer", ["ml", "go"], g, None),
              ("Carla Stein", "Acme Labs", "peer", ["go"], g, "introduced by Zoe")]
    ids = {}
    for name, company, tier, tags, gathering, notes in people:
        ids[name] = m.post("/v1/contacts", json={"display_name": name, "company": company, "tier": tier,
                                                  "tags": tags, "gathering_id": gathering, "notes": notes}).json_body["id"]

    def names(**query):
        r = m.get("/v1/contacts", query=query)
        assert r.code == 200, r.json_body
        return sorted(c["display_name"] for c in r.json_body["items"])

    assert names(tag="ML") == ["Bob Stone", "Zoë Ångström"]
    assert names(tier="peer") == ["Bob Stone", "Carla Stein"]
    assert names(gathering_id=g, tag="go") == ["Bob Stone", "Carla Stein"]
    assert names(q="zoe") == ["Carla Stein", "Zoë Ångström"]        # name and notes, accents folded
    assert names(q="angstr") == ["Zoë Ångström"]                     # word prefix
    assert names(q="tone") == []                                     # anchored at word starts
    assert names(q="acme graph") == ["Zoë Ångström"]                 # every word must match
    assert names(q="st (") == ["Bob Stone", "Carla Stein"]           # regex characters are literal
    assert names(q="((") == []


def test_pagination_is_stable_while_contacts_are_added(member):
    m = member()
    first = {m.post("/v1/contacts", json={"display_name": f"P{i}"}).json_body["id"] for i in range(7)}
    seen, cursor = [], None
    while True:
        body = m.get("/v1/contacts", query={"limit": 3, **({"cursor": cursor} if cursor else {})}).json_body
        seen += [c["id"] for c in body["items"]]
        m.post("/v1/contacts", json={"display_name": "added while paging"})
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen))      # never twice
    assert first <= set(seen)               # everything there before the first page


def test_validation_names_every_field_and_refuses_unknown_ones(member):
    m = member()
    r = m.post("/v1/contacts", json={"display_name": "", "emails": ["x"], "phones": ["+1"], "tier": "boss",
                                     "nickname": "A", "met_at": "yesterday", "share_with_colleagues": "maybe"})
    assert r.code == 422 and r.mimetype == PROBLEM
    assert set(r.json_body["errors"]) == {"display_name", "emails", "tier", "nickname", "met_at",
                                          "share_with_colleagues"}
    r = m.post("/v1/contacts", json={"display_name": "A", "phones": ["+1"]})
    assert r.code == 422 and r.json_body["errors"] == {"phones": ["'+1' is not a phone number"]}
    r = m.post("/v1/gatherings", json={"name": "X", "kind": "party", "starts_on": "2026-13-01"})
    assert set(r.json_body["errors"]) == {"kind", "starts_on"}
    r = m.get("/v1/contacts", query={"colour": "red"})
    assert r.code == 422 and "colour" in r.json_body["errors"]
    assert m.patch("/v1/contacts/x", json={"display_name": "A"}, headers={"If-Match": "banana"}).code in (400, 404)


ROUTES = [
    ("get", "/v1/contacts/{contact}", None),
    ("patch", "/v1/contacts/{contact}", {"title": "x"}),
    ("delete", "/v1/contacts/{contact}", None),
    ("get", "/v1/interactions/{interaction}", None),
    ("patch", "/v1/interactions/{interaction}", {"notes": "x"}),
    ("delete", "/v1/interactions/{interaction}", None),
    ("get", "/v1/gatherings/{gathering}", None),
    ("patch", "/v1/gatherings/{gathering}", {"place": "x"}),
    ("delete", "/v1/gatherings/{gathering}", None),
    ("get", "/v1/imports/{job}", None),
    ("post", "/v1/duplicates/merge", {"winner_id": "{contact}", "loser_id": "{contact2}"}),
]


@pytest.mark.parametrize("other", ["same-org", "other-org"])
def test_every_route_hides_another_members_data(member, other):
    owner = member("org-a")
    g = owner.post("/v1/gatherings", json={"name": "PyCon", "kind": "conference"}).json_body["id"]
    c = owner.post("/v1/contacts", json={"display_name": "Ada", "emails": ["ada@x.org"], "gathering_id": g}).json_body["id"]
    c2 = owner.post("/v1/contacts", json={"display_name": "Ada L", "emails": ["ada@x.org"]}).json_body["id"]
    i = owner.post("/v1/interactions", json={"contact_id": c, "kind": "call",
                                             "occurred_at": "2026-01-01T00:00:00Z"}).json_body["id"]
    job = owner.post("/v1/imports", data=b"BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEND:VCARD\n",
                     content_type="text/vcard").json_body["id"]
    device = owner.device()
    device.sync()
    ids = {"contact": c, "contact2": c2, "interaction": i, "gathering": g, "job": job}
    stranger = member("org-a" if other == "same-org" else "org-b", member_id=None)

    for method, path, body in ROUTES:
        url = path.format(**ids)
        kw = {"json": {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()}} if body else {}
        r = stranger.request(method, url, **kw)
        assert r.code == 404 and r.mimetype == PROBLEM, (method, url, r.code)
    for path in ("/v1/contacts", "/v1/interactions", "/v1/gatherings", "/v1/imports", "/v1/duplicates"):
        assert stranger.get(path).json_body["items"] == [], path
    assert stranger.get("/v1/sync/contacts/devices").json_body["items"] == []
    assert b"Ada" not in stranger.get("/v1/exports/contacts.vcf").data
    assert stranger.get("/v1/exports/contacts.csv").data.count(b"\n") == 1  # the header only
    # sync: the stranger's device cannot touch the owner's records, and pulls nothing of theirs
    theirs = stranger.device()
    results = theirs.push([upsert("contacts", c, {"title": "hacked"}, base=1), upsert("contacts", c, {"display_name": "X"}),
                           {"mutation_id": "d1", "collection": "contacts", "op": "delete", "id": c},
                           {"mutation_id": "m1", "collection": "contacts", "op": "merge", "id": c2, "merge_into": c}])
    assert [r["status"] for r in results] == ["rejected"] * 4
    assert {r["reason"] for r in results} == {"not_found"}
    theirs.sync()
    assert theirs.state == {"contacts": {}, "interactions": {}, "gatherings": {}}
    # the stranger cannot push as the owner's device: it is not the device of their token
    r = theirs.member.post("/v1/sync/contacts/push", json={"device_id": device.id, "mutations": []})
    assert r.code == 409 and r.json_body["type"] == "/problems/device-not-registered"
    # a token of theirs naming the owner's device id (accounts never makes one) syncs their own data only
    same_id = stranger.device(device.id)
    assert [r["status"] for r in same_id.push([upsert("contacts", c, {"title": "hacked"}, base=1)])] == ["rejected"]
    assert [d["device_id"] for d in owner.get("/v1/sync/contacts/devices").json_body["items"]] == [device.id]
    assert [d["device_id"] for d in stranger.get("/v1/sync/contacts/devices").json_body["items"]] == [theirs.id]
    # and nothing of the owner's changed
    assert owner.get(f"/v1/contacts/{c}").json_body["version"] == 1
    assert {x["id"] for x in owner.get("/v1/contacts").json_body["items"]} >= {c, c2}
    assert owner.get(f"/v1/interactions/{i}").code == 200


def test_ids_that_cannot_exist_are_404(member):
    m = member()
    for path in ("/v1/contacts/a%20b", "/v1/contacts/" + "x" * 65, "/v1/imports/../x"):
        assert m.get(path).code == 404
    assert m.get(f"/v1/contacts/{uuid.uuid4()}").code == 404
    assert m.get(f"/v1/contacts/{new_id()}").mimetype == PROBLEM


def test_a_write_that_keeps_losing_its_race_is_503_write_conflict(member, monkeypatch):
    """Every conditional write loses (another writer always got there first): after five tries
    the change, the delete and the merge are given up with 503 write-conflict and Retry-After,
    and nothing was written."""
    from services.contacts.adapters.store import Batch

    m = member()
    ada = m.post("/v1/contacts", json={"display_name": "Ada"}).json_body
    grace = m.post("/v1/contacts", json={"display_name": "Grace", "title": "Admiral"}).json_body
    tries: list[str] = []
    monkeypatch.setattr(Batch, "update", lambda self, kind, doc, changes, **kw: tries.append("update"))
    monkeypatch.setattr(Batch, "tombstone", lambda self, kind, doc, **kw: tries.append("tombstone"))

    for request, attempted in ((lambda: m.patch(f"/v1/contacts/{ada['id']}", json={"title": "Countess"}), "update"),
                               (lambda: m.delete(f"/v1/contacts/{ada['id']}"), "tombstone"),
                               (lambda: m.post("/v1/duplicates/merge", json={"winner_id": ada["id"],
                                                                             "loser_id": grace["id"]}), "update")):
        tries.clear()
        r = request()
        assert r.code == 503 and r.headers["Content-Type"] == PROBLEM, r.json_body
        assert r.json_body["type"] == "/problems/write-conflict" and r.json_body["status"] == 503
        assert r.headers["Retry-After"] == "1"
        assert tries == [attempted] * 5

    monkeypatch.undo()
    now = m.get(f"/v1/contacts/{ada['id']}").json_body
    assert now["version"] == 1 and now["title"] is None and now["merged_from"] == []
    assert m.get(f"/v1/contacts/{grace['id']}").json_body["version"] == 1
