"""The strategy views against real servers, as a member's network grows, each with its raw
ceiling measured in the same run:

* learning the network: contact and interaction events through the goals follower's batch
  handler in polls of `POLL` events (`followers.handle_batch`: contract reads, projection, one
  guarded read-model write per member and poll, the upkeep mark); the ceiling is one plain
  `update_one` per poll setting as many fields;
* coverage of a goal (`GET /v1/goals/{id}/coverage`, in-process over HTTP: token check, goal read,
  the member's read model joined, every need judged) for 100, 1,000 and 3,000 contacts with two
  interactions each; the ceiling is the read of that member's read-model document alone;
* the quarterly review and the objectives list (progress of each) at the same sizes.
"""
from __future__ import annotations

import dataclasses
import statistics
import time
import uuid
from datetime import timedelta

from services.goals import app as goals_app
from services.goals import followers
from services.goals.adapters.documents import NetworkRecord
from shared import clock
from shared.clock import rfc3339
from shared.events import new_event
from shared.settings import load_settings
from tests.keys import TEST_KEYS

from .table import table

SIZES = (100, 1000, 3000)
REQUESTS = 20
LEARN_EVENTS = 3000
POLL = 200
PATH = {"title": "CTO of a fintech", "horizon": "ultimate", "milestones": [
    {"kind": "relationship", "title": "Know a fintech CTO", "role": "CTO", "sector": "fintech"},
    {"kind": "relationship", "title": "Know someone at Globex", "organisation": "Globex"},
    {"kind": "position", "title": "VP Engineering", "opened_by": [{"role": "CEO"}, {"role": "VP Engineering"}]}]}
TITLES = ("CTO", "Engineer", "CEO", "Product Manager", "Designer", "VP Engineering")


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def _events(org: str, member: str, contacts: int) -> list:
    now = clock.now()
    out = []
    for i in range(contacts):
        cid = f"c{i:06d}"
        out.append(new_event("contact.created", org_id=org, member_id=member, source="bench", data={
            "contact_id": cid, "version": 1, "display_name": f"Person {i}", "title": TITLES[i % len(TITLES)],
            "company": "Globex" if i % 7 == 0 else f"Company {i % 50}", "tags": ["fintech"] if i % 3 == 0 else [],
            "tier": "peer" if i % 11 == 0 else None}))
        for k in range(2):
            out.append(new_event("interaction.logged", org_id=org, member_id=member, source="bench", data={
                "interaction_id": f"i{i:06d}-{k}", "contact_id": cid, "version": 1, "kind": "coffee",
                "occurred_at": rfc3339(now - timedelta(days=10 * (i % 30) + k))}))
    return out


def run(servers) -> str:
    uid = uuid.uuid4().hex[:8]
    env = {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
           "RAPPORT_DB_PREFIX": f"bench{uid}_", "RAPPORT_TOPIC_PREFIX": f"bench{uid}.", **TEST_KEYS.env}
    settings = load_settings("goals", env)
    client = goals_app.create_app(dataclasses.replace(settings)).test_client()
    coll = NetworkRecord._get_collection()

    # learning: polls of events through the follower's batch handler (a member each), then the ceiling
    learn = [e for m in range(LEARN_EVENTS // POLL) for e in _events("org-learn", f"m-learn-{m}", POLL // 3)]
    started = time.perf_counter()
    for at in range(0, len(learn), POLL):
        followers.handle_batch(learn[at:at + POLL])
    learned = len(learn) / (time.perf_counter() - started)
    started = time.perf_counter()
    for at in range(0, len(learn), POLL):
        poll = learn[at:at + POLL]
        coll.update_one({"_id": f"org-learn|raw-{at}"},
                        {"$set": {f"a.raw.r{i}": {"v": 1, "s": e.data} for i, e in enumerate(poll)}}, upsert=True)
    raw_learned = len(learn) / (time.perf_counter() - started)
    rows = [[f"learn: polls of {POLL} events through the follower's batch handler", f"{learned:,.0f} events/s", ""],
            ["  raw: one update_one per poll", f"{raw_learned:,.0f} events/s", ""]]

    for size in SIZES:
        member = f"m-{size}"
        h = {"Authorization": f"Bearer {TEST_KEYS.issuer().issue('org-b', member, ['member'])}"}
        network = _events("org-b", member, size)
        for at in range(0, len(network), POLL):
            followers.handle_batch(network[at:at + POLL])
        goal = client.post("/v1/goals", json=PATH, headers=h).json
        objective = client.post("/v1/objectives", headers=h, json={
            "title": "Meet two fintech CTOs", "kind": "meet", "target": 2,
            "criteria": {"role": "CTO", "sector": "fintech"},
            "due_date": (clock.now() + timedelta(days=90)).date().isoformat()})
        assert objective.status_code == 201, objective.json
        timings: dict[str, list[float]] = {"coverage": [], "review": [], "objectives": [], "raw": []}
        for _ in range(REQUESTS):
            for name, path in (("coverage", f"/v1/goals/{goal['id']}/coverage"),
                               ("review", "/v1/reviews/quarterly"), ("objectives", "/v1/objectives")):
                t0 = time.perf_counter()
                answer = client.get(path, headers=h)
                timings[name].append(time.perf_counter() - t0)
                assert answer.status_code == 200, (path, answer.json)
            t0 = time.perf_counter()
            coll.find_one({"_id": f"org-b|{member}"})
            timings["raw"].append(time.perf_counter() - t0)
        counts = client.get(f"/v1/goals/{goal['id']}/coverage", headers=h).json["counts"]
        for name, label in (("coverage", f"coverage, {size:,} contacts ({counts['covered']} needs covered)"),
                            ("review", f"quarterly review, {size:,} contacts"),
                            ("objectives", f"objectives list with progress, {size:,} contacts"),
                            ("raw", "  raw: read the member's read-model document")):
            p50, p95 = _ms(timings[name])
            rows.append([label, f"{p50:.1f} ms", f"{p95:.1f} ms"])
    return (table(["what", "p50 / rate", "p95"], rows)
            + f"\n\n{REQUESTS} requests per view and size, in-process (Flask test client), FerretDB and its "
              "PostgreSQL as local processes. Each member has two interactions per contact; the whole network "
              "is one read-model document per member.\n")
