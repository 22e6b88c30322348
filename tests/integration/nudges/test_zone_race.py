"""Whatever order a member's events arrive in across topics, no nudge stays due outside the
member's working hours: contacts are delivered (and nudged) before the account and plan
events that give the member's zone, at instants where UTC's working hours and the member's
do not overlap, on a weekend, around midnight and on the day of a DST change. The worker
processes and this test share one shifted clock (shared.clock)."""
from __future__ import annotations

from datetime import time, timedelta

import pytest

from services.nudges.adapters.documents import Nudge
from services.nudges.domain.timing import WorkingTime
from shared import clock
from shared.clock import rfc3339

from .conftest import EXPECTED_PER_MEMBER, event, member_events, publish, stable_members, wait_for
from .test_workers import members, settled

ORG = "org-z"
TOKYO = "Asia/Tokyo"

INSTANTS = [
    "2026-12-01T09:36:00Z",  # Tuesday: working hours in UTC, 22:36 in Auckland, 18:36 in Tokyo
    "2026-12-05T02:00:00Z",  # Saturday night in UTC
    "2026-12-06T23:30:00Z",  # Sunday 23:30 UTC: already Monday in Asia and the Pacific
    "2027-03-28T01:30:00Z",  # the morning Europe moves its clocks forward
]


@pytest.fixture
def at_instant():
    """Shift this process's clock to an instant; returns the environment for worker processes."""
    before = clock.offset()

    def shift(instant: str) -> dict[str, str]:
        offset = clock.offset_to(clock.parse_instant(instant))
        clock.set_offset(offset)
        return {clock.OFFSET_VARIABLE: repr(offset)}
    yield shift
    clock.set_offset(before)


def zone_of(member_events_: list, member: str) -> str:
    zones = [e.data["timezone"] for e in member_events_ if e.member_id == member and e.type == "plan.updated"]
    zones = zones or [e.data["timezone"] for e in member_events_
                      if e.member_id == member and e.type == "account.member_joined"]
    return zones[-1]


def misplaced(expected_zone: dict[str, str]) -> list[tuple[str, str]]:
    """Pending nudges due at a moment outside their member's working hours (in the right zone)."""
    out = []
    for d in Nudge._get_collection().find({}):
        local = d["due_at"].astimezone(WorkingTime.of(expected_zone[d["member_id"]]).zone)
        if not (local.isoweekday() <= 5 and time(9) <= local.time() < time(17)):
            out.append((d["member_id"], local.isoformat()))
    return out


@pytest.mark.parametrize("instant", INSTANTS)
def test_contacts_before_the_zone_never_leave_a_nudge_outside_working_hours(instant, at_instant, workers,
                                                                              nudge_settings):
    env = at_instant(instant)
    ids = members(6)
    events = [e for i, m in enumerate(ids) for e in member_events(ORG, m, i)]
    # half of them set a plan in Tokyo right after joining (before meeting anyone)
    events += [event("plan.updated", ORG, m, version=1, style="ambivert", max_nudges_per_day=3, timezone=TOKYO)
               for m in ids[::2]]
    zone_events = [e for e in events if e.type in ("account.member_joined", "plan.updated")]
    for e in zone_events:  # the member's timeline: joined and planned a day before the contacts
        object.__setattr__(e, "occurred_at", rfc3339(clock.now() - timedelta(days=1)))
    expected_zone = {m: zone_of(events, m) for m in ids}

    workers.start(1, **env)
    wait_for(lambda: stable_members(nudge_settings, workers.group) == 1, 60, "the worker to join")
    publish(nudge_settings, [e for e in events if e not in zone_events])
    wait_for(lambda: Nudge._get_collection().count_documents({}) >= EXPECTED_PER_MEMBER * len(ids), 90,
             "nudges made before any zone is known")

    publish(nudge_settings, zone_events)
    wait_for(lambda: not misplaced(expected_zone) and settled(), 90,
             "every nudge inside its member's working hours", show=lambda: misplaced(expected_zone))
    docs = list(Nudge._get_collection().find({}))
    assert len(docs) == EXPECTED_PER_MEMBER * len(ids)
    assert {d["timezone"] for d in docs if d["member_id"] in ids[::2]} == {TOKYO}
    assert all(d["status"] == "pending" for d in docs)
    assert workers.alive() == 1, workers.logs()
