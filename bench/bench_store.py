"""Point operations and scoped queries as the collection grows: one collection shared by many
organisations and members (as every service's is), at 10k, 100k and 1M documents, each
member holding the same number of documents at every size.

Each operation is timed twice, on the same server in the same run: through the shared store
paths the services use (`shared.db.Scoped`, `shared.guard.Guarded`: scope in every filter,
write guards on FerretDB, transient-error retries) and as raw pymongo — the ceiling. The
goal is flat point operations: 1M within 2x of 10k.

BENCH_STORE_SIZES (default "10000,100000,1000000") and BENCH_STORE_REPEAT (default 200).
"""
from __future__ import annotations

import os
import statistics
import time
import uuid

from shared import db
from shared.db import Scope, Scoped
from shared.guard import Guarded
from shared.settings import load_settings

from .table import table

SIZES = [int(s) for s in os.environ.get("BENCH_STORE_SIZES", "10000,100000,1000000").split(",")]
REPEAT = int(os.environ.get("BENCH_STORE_REPEAT", "200"))
PER_MEMBER = 200  # every member holds as many documents at any size: the collection grows by members


def _doc(i: int) -> dict:
    m = i // PER_MEMBER
    return {"_id": f"c{i:08d}", "org_id": f"org-{m % 20}", "member_id": f"m-{m}", "version": 1,
            "display_name": f"Person {i}", "emails": [f"p{i}@example.org"], "dedupe_keys": [f"e:p{i}@example.org"],
            "tags": ["bench"], "deleted": False}


def _scope(i: int) -> Scope:
    d = _doc(i)
    return Scope(d["org_id"], d["member_id"])


def _ms(fn, n: int) -> float:
    """Median milliseconds of `n` calls of fn(k) with k = 0..n-1."""
    times = []
    for k in range(n):
        t0 = time.perf_counter()
        fn(k)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _fill(coll, start: int, stop: int) -> float:
    t0 = time.perf_counter()
    for s in range(start, stop, 1000):
        coll.insert_many([_doc(i) for i in range(s, min(stop, s + 1000))], ordered=False)
    return (stop - start) / max(time.perf_counter() - t0, 1e-9)


def run(servers) -> str:
    uid = uuid.uuid4().hex[:8]
    settings = load_settings("store", {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
                                       "RAPPORT_DB_PREFIX": f"bench{uid}_"}, require_keys=False)
    database = db.connect(settings)
    coll = database["contacts"]
    coll.create_index([("org_id", 1), ("member_id", 1)])
    coll.create_index([("org_id", 1), ("member_id", 1), ("dedupe_keys", 1)])
    guarded = Guarded(coll)
    rows, filled, inserts = [], 0, []
    for size in SIZES:
        inserts.append(f"{_fill(coll, filled, size):,.0f}")
        filled = size
        late = [size - 1 - (k * 7919) % (size // 10) for k in range(REPEAT)]  # recent documents, spread
        ops = {
            "find {_id}": (lambda k: Scoped(coll, _scope(late[k])).find_one({"_id": _doc(late[k])["_id"]}),
                           lambda k: coll.find_one({"_id": _doc(late[k])["_id"]})),
            "update {_id, version}": (
                lambda k: guarded.update_one({"_id": _doc(late[k])["_id"], "version": {"$gte": 1}},
                                             {"$inc": {"version": 1}}),
                lambda k: coll.update_one({"_id": _doc(late[k])["_id"], "version": {"$gte": 1}},
                                          {"$inc": {"version": 1}})),
            "scoped list, 50": (lambda k: list(Scoped(coll, _scope(late[k])).find({"deleted": False}).limit(50)),
                                lambda k: list(coll.find({**_scope(late[k]).filter(), "deleted": False}).limit(50))),
            "duplicate lookup": (
                lambda k: list(Scoped(coll, _scope(late[k])).find({"dedupe_keys": _doc(late[k])["dedupe_keys"][0]})),
                lambda k: list(coll.find({**_scope(late[k]).filter(), "dedupe_keys": _doc(late[k])["dedupe_keys"][0]}))),
        }
        for name, (ours, raw) in ops.items():
            a, b = _ms(ours, REPEAT), _ms(raw, REPEAT)
            rows.append([f"{size:,}", name, f"{a:.2f}", f"{b:.2f}", f"{b / a:.0%}" if a else "-"])
    flat = []
    for name in ("find {_id}", "update {_id, version}", "scoped list, 50", "duplicate lookup"):
        mine = [float(r[2]) for r in rows if r[1] == name]
        flat.append([name, f"{mine[-1] / mine[0]:.2f}x"])
    database.client.drop_database(settings.mongo_db)
    return (table(["documents", "operation", "shared path ms (median)", "raw pymongo ms (median)",
                   "raw / shared"], rows)
            + f"\n\nInsert rate while filling (docs/s, batches of 1000): {', '.join(inserts)}.\n\n"
            + table(["operation", f"{SIZES[-1]:,} vs {SIZES[0]:,} documents"], flat)
            + f"\n\n{PER_MEMBER} documents per member, members spread over 20 organisations (so 50 members at "
              f"10,000 documents, 5,000 at 1,000,000); {REPEAT} operations of each kind, on recent documents of "
              "different members.\n")
