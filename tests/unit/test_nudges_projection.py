"""The read model is built from events only, and any order or repetition gives the same state."""
import random
from datetime import datetime, timezone

import pytest
from marshmallow import ValidationError

from shared.readmodel import InMemoryReadModel
from services.nudges.domain.model import build_view
from shared.strategy.projection import Erase, changes_for, event_time
from services.nudges.domain.rules import suggest
from services.nudges.service_layer.coach import Projector
from shared.events import contract_for, new_event, read_data

ORG, MEMBER = "org-1", "m-1"
NOW = datetime(2026, 5, 6, 10, 0, tzinfo=timezone.utc)


def ev(type_: str, at: str = "2026-05-01T09:00:00Z", **data):
    sample = dict(contract_for(type_, 1).sample)
    sample.update(data)
    e = new_event(type_, org_id=ORG, member_id=MEMBER, data=sample, source="test")
    return e.__class__(**{**e.to_dict(), "occurred_at": at})


def stream():
    return [
        ev("account.member_joined", member_id=MEMBER, timezone="Europe/Berlin"),
        ev("plan.updated", version=1, style="introvert", weekly_budget=3),
        ev("plan.updated", "2026-05-02T09:00:00Z", version=2, style="extrovert", weekly_budget=8, timezone="Asia/Tokyo"),
        ev("gathering.created", gathering_id="gat-1", version=1, name="PyCon"),
        ev("contact.created", contact_id="c-1", version=1, display_name="Grace", tier="peer",
           met_at="2026-04-20T10:00:00Z", gathering_id="gat-1"),
        ev("contact.updated", "2026-05-02T09:00:00Z", contact_id="c-1", version=2, display_name="Grace Hopper",
           tier="mentor", met_at="2026-04-20T10:00:00Z", gathering_id="gat-1"),
        ev("contact.created", contact_id="c-2", version=1, display_name="Grace H.", tier=None, met_at=None),
        ev("contact.merged", "2026-05-03T09:00:00Z", contact_id="c-2", merged_into="c-1", version=2),
        ev("contact.created", contact_id="c-3", version=1, display_name="Gone", met_at=None),
        ev("contact.deleted", "2026-05-03T09:00:00Z", contact_id="c-3", version=2),
        ev("interaction.logged", interaction_id="i-1", contact_id="c-2", version=1, kind="coffee",
           occurred_at="2026-04-25T09:00:00Z"),
        ev("interaction.logged", interaction_id="i-2", contact_id="c-1", version=1, kind="call",
           occurred_at="2026-04-26T09:00:00Z"),
        ev("interaction.deleted", "2026-05-04T09:00:00Z", interaction_id="i-2", contact_id="c-1", version=2),
        ev("goal.created", goal_id="g-1", version=1),
        ev("goal.updated", "2026-05-02T09:00:00Z", goal_id="g-1", version=2, title="VP Engineering"),
    ]


def project(events) -> InMemoryReadModel:
    rm = InMemoryReadModel()
    for e in events:
        data = read_data(e)
        for change in changes_for(e.type, data, e.data, event_time(e.occurred_at)):
            assert not isinstance(change, Erase)
            rm.apply(ORG, MEMBER, change)
    return rm


def snapshot(rm: InMemoryReadModel):
    return sorted((d["_id"], d["version"], d["deleted"], repr(d["state"]), d["seen_at"]) for d in rm.docs.values())


def test_any_order_and_any_repetition_gives_the_same_state():
    events = stream()
    expected = snapshot(project(events))
    rng = random.Random(7)
    for _ in range(300):
        shuffled = events + rng.sample(events, k=5)  # redeliveries too
        rng.shuffle(shuffled)
        assert snapshot(project(shuffled)) == expected


def test_the_state_is_the_newest_version_of_every_aggregate():
    view = build_view(ORG, MEMBER, project(reversed(stream())).records(ORG, MEMBER))
    grace = view.contacts["c-1"]
    assert grace.display_name == "Grace Hopper" and grace.tier == "mentor"
    assert set(view.contacts) == {"c-1"} and view.removed["c-2"].merged_into == "c-1" and not view.removed[
        "c-3"].merged_into
    assert view.goals["g-1"].title == "VP Engineering"
    assert view.plan.style == "extrovert" and view.plan.working.tz == "Asia/Tokyo"
    assert view.gatherings["gat-1"].name == "PyCon"


def test_an_interaction_that_arrives_before_its_contact_joins_it_later_and_follows_merges():
    view = build_view(ORG, MEMBER, project(stream()).records(ORG, MEMBER))
    # i-1 was logged on c-2, which was merged into c-1; i-2 was deleted
    assert [(i.interaction_id, i.contact_id) for i in view.interactions] == [("i-1", "c-1")]


def test_first_seen_time_is_the_earliest_whatever_the_order():
    forward = project(stream()).records(ORG, MEMBER)
    backward = project(list(reversed(stream()))).records(ORG, MEMBER)
    seen = {r["_id"]: r["seen_at"] for r in forward}
    assert seen == {r["_id"]: r["seen_at"] for r in backward}
    assert seen[f"{ORG}|{MEMBER}|contact|c-1"].isoformat() == "2026-05-01T09:00:00+00:00"


def test_the_rules_see_the_same_picture_after_a_replay():
    once = build_view(ORG, MEMBER, project(stream()).records(ORG, MEMBER))
    twice = build_view(ORG, MEMBER, project(stream() + stream()).records(ORG, MEMBER))
    assert [s.key for s in suggest(once, NOW)] == [s.key for s in suggest(twice, NOW)]


def test_a_plan_without_a_zone_leaves_the_members_account_zone():
    events = [ev("account.member_joined", member_id=MEMBER, timezone="Europe/Berlin"),
              ev("plan.updated", version=1)]
    events[1].data.pop("timezone")
    view = build_view(ORG, MEMBER, project(events).records(ORG, MEMBER))
    assert view.plan.working.tz == "Europe/Berlin" and view.has_plan


def test_newer_producers_extra_fields_are_read_leniently():
    plan = ev("plan.updated", version=1, working_hours={"start": "08:00", "end": "16:00", "days": [7, 1, 2, 3, 4]},
              offers=["paper reviews"], something_new={"x": 1})
    view = build_view(ORG, MEMBER, project([plan]).records(ORG, MEMBER))
    assert view.plan.working.days == (1, 2, 3, 4, 7) and view.member_offers == ("paper reviews",)


def test_no_plan_means_the_default_style_in_the_account_zone():
    view = build_view(ORG, MEMBER, project([ev("account.member_joined", member_id=MEMBER,
                                               timezone="America/Chicago")]).records(ORG, MEMBER))
    assert not view.has_plan and view.plan.style == "ambivert" and view.plan.max_nudges_per_day == 3
    assert view.plan.working.tz == "America/Chicago"


# -- the projector (the consumer's handler) ------------------------------------------------------------------


class FakeSchedule:
    def __init__(self):
        self.touched, self.erased = [], set()

    def touch(self, org, member, at):
        self.touched.append((org, member))
        return {"erased": (org, member) in self.erased}

    def mark_erased(self, org, member, at):
        self.erased.add((org, member))


def projector():
    rm, schedule, erased = InMemoryReadModel(), FakeSchedule(), []
    return Projector(rm, schedule, lambda scope: (rm.erase(scope.org_id, scope.member_id), erased.append(scope)),
                     clock=lambda: NOW), rm, schedule, erased


def test_the_projector_marks_the_member_due_and_ignores_what_it_does_not_know():
    p, rm, schedule, _ = projector()
    p.handle(ev("contact.created"))
    p.handle(ev("nudge.created"))            # our own events: not for the read model
    p.handle(ev("account.org_created"))      # no member
    unknown = ev("contact.created").__class__(**{**ev("contact.created").to_dict(), "type": "contact.teleported"})
    p.handle(unknown)
    assert len(rm.docs) == 1 and schedule.touched == [(ORG, MEMBER)]


def test_a_payload_that_breaks_its_contract_raises_so_it_can_be_dead_lettered():
    p, *_ = projector()
    bad = ev("contact.created")
    bad.data.pop("display_name")
    with pytest.raises(ValidationError):
        p.handle(bad)


def test_erasure_forgets_the_member_and_later_events_do_not_bring_them_back():
    p, rm, schedule, erased = projector()
    p.handle(ev("contact.created"))
    p.handle(ev("account.member_erased", member_id=MEMBER))
    assert rm.docs == {} and len(erased) == 1
    p.handle(ev("contact.updated", version=5))  # a late event from another topic
    assert rm.docs == {}


def test_the_working_time_is_in_force_since_the_latest_plan_or_profile_event():
    joined_at = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)
    planned_at = datetime(2026, 5, 3, 8, 0, tzinfo=timezone.utc)
    [profile] = changes_for("account.member_joined", {"member_id": "m-1", "timezone": "Pacific/Auckland"},
                            {}, joined_at)
    assert build_view("o", "m-1", [_record(profile)]).working_since == joined_at
    [plan_change] = changes_for("plan.updated", {"version": 2, "style": "introvert", "timezone": "Asia/Tokyo"},
                                {"timezone": "Asia/Tokyo"}, planned_at)
    view = build_view("o", "m-1", [_record(profile), _record(plan_change)])
    assert view.working_since == planned_at and view.working.tz == "Asia/Tokyo"


def _record(change):
    return {"kind": change.kind, "agg_id": change.agg_id, "version": change.version, "deleted": change.deleted,
            "state": change.state, "seen_at": change.seen_at}


def test_the_projector_records_a_revocation_before_it_erases():
    rm, schedule, steps = InMemoryReadModel(), FakeSchedule(), []
    p = Projector(rm, schedule, lambda scope: steps.append(("erase", scope.member_id)), clock=lambda: NOW,
                  revoke=lambda event: steps.append(("revoke", event.type)))
    p.handle(ev("account.member_left", member_id=MEMBER))
    p.handle(ev("account.member_erased", member_id=MEMBER))
    assert steps == [("revoke", "account.member_left"), ("revoke", "account.member_erased"), ("erase", MEMBER)]


def test_a_poll_handled_at_once_gives_the_state_event_by_event_gives_with_one_mark_per_member():
    theirs = ev("contact.created", contact_id="c-9")
    events = stream() + [theirs.__class__(**{**theirs.to_dict(), "member_id": "m-2"})]
    one, one_rm, one_schedule, _ = projector()
    for e in events:
        one.handle(e)
    many, many_rm, many_schedule, _ = projector()
    many.handle_batch(events)
    assert snapshot(many_rm) == snapshot(one_rm)
    assert len(one_schedule.touched) == len(events)
    assert sorted(many_schedule.touched) == [(ORG, MEMBER), (ORG, "m-2")]


def test_a_bad_payload_in_a_poll_stops_it_before_anything_is_written():
    p, rm, schedule, _ = projector()
    bad = ev("contact.created")
    bad.data.pop("display_name")
    with pytest.raises(ValidationError):
        p.handle_batch([ev("contact.created", contact_id="c-1"), bad])
    assert rm.docs == {} and schedule.touched == []


def test_an_erasure_inside_a_poll_keeps_its_order():
    p, rm, schedule, erased = projector()
    p.handle_batch([ev("contact.created"), ev("account.member_erased", member_id=MEMBER),
                    ev("contact.updated", version=5)])
    assert rm.docs == {} and len(erased) == 1


def test_a_revoked_device_is_recorded_then_its_receipts_forgotten_however_often_it_comes():
    rm, schedule, steps = InMemoryReadModel(), FakeSchedule(), []
    p = Projector(rm, schedule, lambda scope: steps.append(("erase", scope.member_id)), clock=lambda: NOW,
                  revoke=lambda event: steps.append(("revoke", event.type)),
                  forget_device=lambda scope, device: steps.append(("forget", scope.member_id, device)))
    registered = ev("account.device_registered", member_id=MEMBER, device_id="d-1")
    revoked = ev("account.device_revoked", member_id=MEMBER, device_id="d-1")
    p.handle(registered)
    p.handle_batch([revoked, ev("contact.created"), revoked])  # twice in a poll, beside other events
    assert steps == [("revoke", "account.device_registered"), ("revoke", "account.device_revoked"),
                     ("forget", MEMBER, "d-1"), ("revoke", "account.device_revoked"), ("forget", MEMBER, "d-1"),
                     ("revoke", "contact.created")]
    assert len(rm.docs) == 1 and schedule.touched == [(ORG, MEMBER)]  # device events move no read model
