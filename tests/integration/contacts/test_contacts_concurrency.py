"""Several devices push in parallel over real HTTP while another device pulls in a loop:
the puller never misses or repeats a change, and ends equal to the server."""
import random
import threading

from services.contacts.adapters.documents import SyncChange

from .conftest import delete, new_id, upsert

DEVICES = 4
PUSHES = 8


def test_parallel_pushes_while_pulling(app, live):
    make_member = live(app)
    m = make_member("org-a", "m-busy")
    shared = [new_id() for _ in range(3)]
    setup = m.device()
    setup.push([upsert("contacts", cid, {"display_name": f"Shared {i}"}) for i, cid in enumerate(shared)])
    errors: list[str] = []
    done = threading.Event()

    def pusher(n: int):
        rnd = random.Random(n)
        device = make_member("org-a", "m-busy").device()
        mine: dict[str, int] = {}
        try:
            for p in range(PUSHES):
                batch = []
                for k in range(3):
                    cid = new_id()
                    batch.append(upsert("contacts", cid, {"display_name": f"D{n} P{p} #{k}", "tags": [f"d{n}"]}))
                    mine[cid] = 1
                for cid in rnd.sample(sorted(mine), min(2, len(mine))):
                    batch.append(upsert("contacts", cid, {"notes": f"edit {p} by {n}"}, base=mine[cid]))
                batch.append(upsert("contacts", rnd.choice(shared), {"title": f"T{n}.{p}"}))  # contended
                if p % 3 == 2:
                    victim = rnd.choice(sorted(mine))
                    batch.append(delete("contacts", victim))
                batch.append(upsert("interactions", new_id(), {"contact_id": rnd.choice(shared), "kind": "message",
                                                               "occurred_at": "2026-05-01T09:00:00Z"}))
                for m_, r in zip(batch, device.push(batch)):
                    if r["status"] == "rejected" and r.get("reason") not in ("deleted",):
                        errors.append(f"device {n}: {r}")
                    if m_["op"] == "delete":
                        mine.pop(m_["id"], None)
                    elif r["status"] in ("applied", "merged") and m_["id"] in mine:
                        mine[m_["id"]] = r["version"]
        except Exception as exc:  # surfaced below: a thread's assertion would otherwise vanish
            errors.append(f"device {n}: {exc!r}")

    puller = make_member("org-a", "m-busy").device()
    pages = 0

    def pull_loop():
        nonlocal pages
        try:
            while not done.is_set():
                puller.pull_page(limit=7)
                pages += 1
        except Exception as exc:
            errors.append(f"puller: {exc!r}")

    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(DEVICES)]
    reader = threading.Thread(target=pull_loop)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    done.set()
    reader.join(60)
    assert not errors, errors[:5]
    puller.sync(limit=7)
    assert pages > 3  # it really pulled while the others pushed

    # never the same change twice, and versions of a record only go up
    assert len(puller.seen) == len(set(puller.seen))
    last: dict[tuple[str, str], int] = {}
    for coll, rid, version in puller.seen:
        assert version > last.get((coll, rid), 0), (coll, rid, version)
        last[(coll, rid)] = version

    # the puller's final state is the server's
    fresh = make_member("org-a", "m-busy").device()
    fresh.sync(limit=1000)
    assert puller.state == fresh.state
    server_contacts = {c["id"]: c for c in m.get("/v1/contacts", query={"limit": 200}).json_body["items"]}
    assert puller.state["contacts"] == server_contacts
    server_interactions = {i["id"]: i for i in m.get("/v1/interactions", query={"limit": 200}).json_body["items"]}
    assert puller.state["interactions"] == server_interactions
    assert len(server_interactions) == DEVICES * PUSHES

    # the change log is one contiguous run of numbers (nothing purged in this test)
    seqs = sorted(d["seq"] for d in SyncChange._get_collection().find({"member_id": "m-busy"}, {"seq": 1}))
    assert seqs == list(range(1, len(seqs) + 1))
