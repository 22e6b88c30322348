"""`make up`'s demo strategy for the demo member, through the gateway like any client: a plan
from the questionnaire, an ultimate goal with a path, a few contacts met at a conference, an
interaction, and a first objective — only when the member has no goal yet (a second `make up`
changes nothing).

Usage: seed_strategy.py <gateway URL> <access token>. A service that does not answer is a
warning, not a failure: `make up` still prints where to go.
"""
from __future__ import annotations

import sys
from datetime import timedelta

import requests

from shared import clock

ANSWERS = {"energy": "both", "channels": ["coffee", "events", "online"], "hours_per_week": 3, "cold_outreach": 3,
           "speaking": 3, "follow_up": "within_days", "offers": ["code review", "intros to Python meetups"]}
GOAL = {"title": "CTO of a fintech", "horizon": "ultimate", "target_date": "2031-01-01",
        "why": "Build the engineering culture I wish I had had", "milestones": [
            {"kind": "position", "title": "VP Engineering", "done_when": "Hired as VP Engineering",
             "opened_by": [{"role": "CEO"}, {"role": "CTO"}]},
            {"kind": "relationship", "title": "Know a fintech CTO", "role": "CTO", "sector": "fintech"},
            {"kind": "training", "title": "Executive leadership course", "due_date": "2027-06-30"},
            {"kind": "experience", "title": "Run a 30-person engineering org"}]}


def seed(base: str, token: str) -> str:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"

    def call(method: str, path: str, **kw) -> dict:
        r = s.request(method, base + path, timeout=15, **kw)
        r.raise_for_status()
        return r.json() if r.content else {}

    if call("GET", "/v1/goals")["items"]:
        return "the demo member has a goal already: nothing seeded"
    call("POST", "/v1/plan/questionnaire", json={"answers": ANSWERS})
    goal = call("POST", "/v1/goals", json=GOAL)
    met = (clock.now() - timedelta(days=3)).isoformat()
    conference = call("POST", "/v1/gatherings", json={"name": "FinDev Summit", "kind": "conference"})
    people = [{"display_name": "Grace Hopper", "title": "CTO", "company": "Paywise", "tags": ["fintech"]},
              {"display_name": "Alan Kay", "title": "CEO", "company": "Viewpoints", "tier": "mentor"},
              {"display_name": "Linus Park", "title": "Engineer", "company": "Paywise",
               "needs": ["a code review of his first open-source patch"]}]
    ids = [call("POST", "/v1/contacts", json={**p, "met_at": met, "gathering_id": conference["id"]})["id"]
           for p in people]
    call("POST", "/v1/interactions", json={"contact_id": ids[0], "kind": "coffee", "occurred_at": met,
                                            "gathering_id": conference["id"]})
    return (f"demo strategy seeded: goal {goal['id']} — its coverage at {base}/v1/goals/{goal['id']}/coverage, "
            f"the first objective at {base}/v1/objectives/proposals")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(seed(*argv))
    except requests.RequestException as exc:
        print(f"warning: the demo strategy was not seeded ({exc})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
