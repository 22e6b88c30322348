"""Deciding for one member: ids, throttling, suppression, withdrawal, snoozes, next look."""
from datetime import datetime

from services.nudges.domain.engine import FAR_FUTURE, decide, nudge_id
from services.nudges.domain.model import Removed
from services.nudges.domain.rules import Suggestion, suggest

from .test_nudges_support import NOW, UTC, contact, days, fact, goal, interaction, met, plan, view


def sug(cid: str, priority: int = 2, base=None, rule="keep_in_touch", key=None, goal_id=None) -> Suggestion:
    return Suggestion(rule=rule, kind=rule, key=key or (cid,), sentence=f"Talk to {cid}", summary="because",
                      priority=priority, base_at=base or NOW - days(1), contact_id=cid, goal_id=goal_id,
                      contact_ids=(cid,) if cid else ())


def nid(s: Suggestion, v=None) -> str:
    v = v or view()
    return nudge_id(v.org_id, v.member_id, s)


def test_ids_are_deterministic_per_member_rule_and_occurrence():
    s = sug("c-1")
    assert nid(s) == nid(sug("c-1"))
    assert nid(s) != nid(sug("c-2")) and nid(s) != nid(sug("c-1", rule="reciprocity"))
    assert nid(s) != nid(s, view(member_id="m-2"))


def test_a_due_suggestion_becomes_a_nudge_due_in_working_hours_with_its_local_day():
    saturday = datetime(2026, 5, 9, 12, 0, tzinfo=UTC)
    v = view(the_plan=plan(tz="Europe/Berlin"))
    d = decide(v, [sug("c-1", base=saturday - days(1))], set(), saturday)
    [new] = d.create
    assert new.due_at.isoformat() == "2026-05-11T07:00:00+00:00"  # Monday 09:00 in Berlin
    assert new.issued_day == "2026-05-11" and new.timezone == "Europe/Berlin"


def test_a_future_suggestion_waits_and_sets_the_next_look():
    d = decide(view(), [sug("c-1", base=NOW + days(3))], set(), NOW)
    assert d.create == [] and d.next_eval_at == NOW + days(1)  # at least daily
    d = decide(view(), [sug("c-1", base=NOW + days(0.25))], set(), NOW)
    assert d.next_eval_at == NOW + days(0.25)


def test_an_occurrence_that_exists_in_any_status_is_never_made_again():
    s = sug("c-1")
    assert decide(view(), [s], {nid(s)}, NOW).create == []
    dismissed = fact(nid(s), "keep_in_touch", "dismissed", contact_id="c-1", reason="other")
    assert decide(view(nudges=[dismissed]), [s], set(), NOW).create == []


# -- throttle -------------------------------------------------------------------------------------


def test_throttle_keeps_the_highest_priority_and_defers_the_rest_to_the_next_day():
    suggestions = [sug("c-low", 4), sug("c-top", 1), sug("c-mid", 2), sug("c-mid2", 2, base=NOW - days(5)),
                   sug("c-3", 3)]
    d = decide(view(the_plan=plan(max_nudges_per_day=3)), suggestions, set(), NOW)
    assert [n.suggestion.contact_id for n in d.create] == ["c-top", "c-mid2", "c-mid"]  # then older first
    assert len(d.deferred) == 2
    assert d.next_eval_at == datetime(2026, 5, 7, 0, 0, tzinfo=UTC)  # the member's next midnight


def test_throttle_counts_what_was_already_issued_that_day():
    today = [fact(f"n-{i}", "x", "done", issued_day="2026-05-06") for i in range(2)]
    yesterday = [fact("n-y", "x", "done", issued_day="2026-05-05")]
    d = decide(view(nudges=today + yesterday, the_plan=plan(max_nudges_per_day=3)),
               [sug("a"), sug("b"), sug("c")], set(), NOW)
    assert len(d.create) == 1 and len(d.deferred) == 2


def test_throttle_day_is_the_members_local_day():
    # 23:30 UTC on Wednesday is already Thursday 11:30 in Auckland: Wednesday's count does not apply
    late = datetime(2026, 5, 6, 23, 30, tzinfo=UTC)
    wednesday = [fact(f"n-{i}", "x", "done", issued_day="2026-05-06") for i in range(3)]
    d = decide(view(nudges=wednesday, the_plan=plan(tz="Pacific/Auckland", max_nudges_per_day=3)),
               [sug("a")], set(), late)
    assert len(d.create) == 1 and d.create[0].issued_day == "2026-05-07"


def test_a_backlog_of_open_nudges_stops_new_ones():
    waiting = [sug(f"c-{i}") for i in range(6)]  # 2 × the daily limit, still open from earlier days
    backlog = [fact(nid(s), "keep_in_touch", "pending", contact_id=s.contact_id, issued_day="2026-05-01")
               for s in waiting]
    d = decide(view(nudges=backlog, the_plan=plan(max_nudges_per_day=3)), [sug("a"), *waiting], set(), NOW)
    assert d.create == [] and d.deferred and d.withdraw == []


# -- suppression by feedback ------------------------------------------------------------------------------


def dismissed(reason: str, contact_id="c-1", rule="keep_in_touch", ago=10):
    return fact("n-old", rule, "dismissed", contact_id=contact_id, reason=reason, updated_at=NOW - days(ago))


def test_not_relevant_quiets_that_rule_for_that_contact_for_90_days():
    v = view(nudges=[dismissed("not_relevant")])
    d = decide(v, [sug("c-1", key=("c-1", "next")), sug("c-2")], set(), NOW)
    assert [n.suggestion.contact_id for n in d.create] == ["c-2"] and len(d.suppressed) == 1
    assert d.next_eval_at <= NOW + days(1)
    other_rule = decide(v, [sug("c-1", rule="reciprocity")], set(), NOW)
    assert len(other_rule.create) == 1
    expired = decide(view(nudges=[dismissed("not_relevant", ago=91)]), [sug("c-1", key=("c-1", "n"))], set(), NOW)
    assert len(expired.create) == 1


def test_not_now_is_shorter_too_many_quiets_the_rule_for_everyone_other_reasons_do_not():
    assert decide(view(nudges=[dismissed("not_now", ago=10)]), [sug("c-1", key=("k",))], set(), NOW).create == []
    assert len(decide(view(nudges=[dismissed("not_now", ago=15)]), [sug("c-1", key=("k",))], set(), NOW).create) == 1
    assert decide(view(nudges=[dismissed("too_many")]), [sug("c-9")], set(), NOW).create == []
    assert len(decide(view(nudges=[dismissed("other")]), [sug("c-1", key=("k",))], set(), NOW).create) == 1


# -- withdrawal ---------------------------------------------------------------------------------------------


def test_an_open_nudge_whose_reason_is_gone_is_withdrawn():
    v = view(nudges=[fact("n-1", "keep_in_touch", "pending", contact_id="c-1"),
                     fact("n-2", "keep_in_touch", "done", contact_id="c-1")])
    d = decide(v, [], set(), NOW)
    assert [(w.id, w.reason) for w in d.withdraw] == [("n-1", "no_longer_applies")]


def test_the_next_ladder_step_supersedes_the_previous_one():
    c = met("c-1", NOW - days(8))
    v = view(contacts=[c])
    first = [s for s in suggest(view(contacts=[met("c-1", NOW - days(8))]), NOW - days(5))
             if s.rule == "follow_up_after_meeting"][0]
    v.nudges = [fact(nid(first, v), "follow_up_after_meeting", "pending", contact_id="c-1")]
    d = decide(v, suggest(v, NOW), set(), NOW)
    assert [(w.id, w.reason) for w in d.withdraw] == [(nid(first, v), "superseded")]
    assert [n.suggestion.data["step"] for n in d.create if n.suggestion.rule == "follow_up_after_meeting"] == [2]


def test_logging_an_interaction_withdraws_the_open_follow_up():
    v = view(contacts=[met("c-1", NOW - days(3))])
    [step1] = [s for s in suggest(v, NOW) if s.base_at <= NOW and s.rule == "follow_up_after_meeting"]
    v.nudges = [fact(nid(step1, v), step1.rule, "pending", contact_id="c-1")]
    v.interactions = [interaction("c-1", NOW - days(0.1), "message")]
    d = decide(v, suggest(v, NOW), set(), NOW)
    assert [w.reason for w in d.withdraw] == ["no_longer_applies"]


def test_a_deleted_contact_withdraws_and_scrubs_every_nudge_naming_them():
    v = view(removed=[Removed("c-1")],
             nudges=[fact("n-open", "keep_in_touch", "pending", contact_id="c-1", contact_ids=("c-1",)),
                     fact("n-done", "keep_in_touch", "done", contact_id="c-1", contact_ids=("c-1",)),
                     fact("n-intro", "give_first", "dismissed", contact_id="c-2", contact_ids=("c-2", "c-1")),
                     fact("n-clean", "give_first", "withdrawn", contact_id="c-1", contact_ids=("c-1",),
                          scrubbed=True)])
    d = decide(v, [], set(), NOW)
    assert sorted((w.id, w.reason, w.scrub) for w in d.withdraw) == [
        ("n-done", "contact_deleted", True), ("n-intro", "contact_deleted", True), ("n-open", "contact_deleted", True)]


def test_a_merged_contact_withdraws_its_open_nudges_pointing_at_the_survivor():
    v = view(contacts=[contact("c-1")], removed=[Removed("c-2", merged_into="c-1")],
             nudges=[fact("n-1", "keep_in_touch", "snoozed", contact_id="c-2", contact_ids=("c-2",)),
                     fact("n-2", "keep_in_touch", "done", contact_id="c-2", contact_ids=("c-2",))])
    d = decide(v, [], set(), NOW)
    assert [(w.id, w.reason, w.merged_into, w.scrub) for w in d.withdraw] == [("n-1", "contact_merged", "c-1", False)]


def test_a_closed_goal_withdraws_its_open_nudges():
    v = view(goals=[goal("g-1", status="achieved")], nudges=[fact("n-1", "goal_gap", "pending", goal_id="g-1")])
    assert [w.reason for w in decide(v, [], set(), NOW).withdraw] == ["goal_closed"]


def test_a_member_who_left_has_every_open_nudge_withdrawn_and_no_next_look():
    v = view(left=True, nudges=[fact("n-1", "keep_in_touch", "pending"), fact("n-2", "x", "snoozed",
                                                                                snoozed_until=NOW + days(1))])
    d = decide(v, [sug("c-1")], set(), NOW)
    assert sorted(w.reason for w in d.withdraw) == ["member_left", "member_left"]
    assert d.create == [] and d.next_eval_at == FAR_FUTURE


# -- snoozes -------------------------------------------------------------------------------------------------


def test_a_snoozed_nudge_returns_at_its_time_and_the_next_look_waits_for_it():
    s1, s2 = sug("c-1"), sug("c-2")
    v = view(nudges=[fact(nid(s1), "keep_in_touch", "snoozed", contact_id="c-1", snoozed_until=NOW - days(0.01)),
                     fact(nid(s2), "keep_in_touch", "snoozed", contact_id="c-2", snoozed_until=NOW + days(0.5))])
    d = decide(v, [s1, s2], set(), NOW)
    assert d.wake == [nid(s1)] and d.next_eval_at == NOW + days(0.5) and d.withdraw == []


def test_a_returning_snooze_counts_toward_the_open_backlog():
    snoozed = [sug(f"c-{i}") for i in range(6)]
    woken = [fact(nid(s), "keep_in_touch", "snoozed", contact_id=s.contact_id, snoozed_until=NOW - days(0.1))
             for s in snoozed]
    d = decide(view(nudges=woken, the_plan=plan(max_nudges_per_day=3)), [sug("a"), *snoozed], set(), NOW)
    assert len(d.wake) == 6 and d.withdraw == [] and d.create == []


def test_nudges_not_yet_due_move_into_working_hours_when_the_zone_changes():
    # made while the member's zone was unknown (UTC): due Thursday 09:00 UTC = 22:00 in Auckland
    thursday_9_utc = datetime(2026, 5, 7, 9, 0, tzinfo=UTC)
    evening = datetime(2026, 5, 6, 20, 0, tzinfo=UTC)  # Thursday 08:00 in Auckland
    s1, s2, s3 = sug("c-1"), sug("c-2"), sug("c-3")
    v = view(the_plan=plan(tz="Pacific/Auckland"), nudges=[
        fact(nid(s1), "keep_in_touch", "pending", contact_id="c-1", due_at=thursday_9_utc),
        fact(nid(s2), "keep_in_touch", "snoozed", contact_id="c-2", snoozed_until=thursday_9_utc),
        fact(nid(s3), "keep_in_touch", "pending", contact_id="c-3", due_at=evening - days(1))])  # already due
    d = decide(v, [s1, s2, s3], set(), evening)
    moved = {r.id: (r.field, r.due_at.isoformat()) for r in d.retime}
    assert {r.timezone for r in d.retime} == {"Pacific/Auckland"}
    assert moved == {nid(s1): ("due_at", "2026-05-06T21:00:00+00:00"),          # Thursday 09:00 NZST
                     nid(s2): ("snoozed_until", "2026-05-07T21:00:00+00:00")}  # Friday 09:00 NZST


def test_a_due_nudge_placed_before_the_zone_was_known_moves_into_the_zones_hours():
    # The member joined in Auckland on Monday; a contact met Tuesday was read before the account
    # event, so its nudge was placed in UTC hours: due Wednesday 09:37 UTC = 21:37 in Auckland.
    joined = datetime(2026, 5, 4, 1, 0, tzinfo=UTC)
    placed = datetime(2026, 5, 6, 9, 37, tzinfo=UTC)
    s1, s2 = sug("c-1"), sug("c-2")
    v = view(the_plan=plan(tz="Pacific/Auckland"), nudges=[
        fact(nid(s1), "keep_in_touch", "pending", contact_id="c-1", due_at=placed),
        fact(nid(s2), "keep_in_touch", "pending", contact_id="c-2", due_at=joined - days(1))])  # due before
    v.working_since = joined
    d = decide(v, [s1, s2], set(), placed + days(0.01))
    [moved] = d.retime
    assert moved.id == nid(s1) and moved.field == "due_at" and moved.timezone == "Pacific/Auckland"
    assert moved.due_at.isoformat() == "2026-05-06T21:00:00+00:00"  # Thursday 09:00 NZST
    assert moved.issued_day == "2026-05-07"


def test_a_nudge_due_before_the_member_changed_zone_stays_where_it_was():
    changed = datetime(2026, 5, 6, 9, 0, tzinfo=UTC)
    s = sug("c-1")
    v = view(the_plan=plan(tz="Asia/Tokyo"), nudges=[
        fact(nid(s), "keep_in_touch", "pending", contact_id="c-1", due_at=changed - days(0.1))])
    v.working_since = changed
    assert decide(v, [s], set(), NOW).retime == []


def test_a_moved_nudge_is_not_moved_again():
    joined = datetime(2026, 5, 4, 1, 0, tzinfo=UTC)
    s = sug("c-1")
    thursday_9_nz = datetime(2026, 5, 6, 21, 0, tzinfo=UTC)
    v = view(the_plan=plan(tz="Pacific/Auckland"), nudges=[
        fact(nid(s), "keep_in_touch", "pending", contact_id="c-1", due_at=thursday_9_nz)])
    v.working_since = joined
    assert decide(v, [s], set(), thursday_9_nz + days(0.5)).retime == []
