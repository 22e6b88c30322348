"""Each rule on its own: when it speaks, when it keeps quiet, and what it says why."""
from dataclasses import replace

from services.nudges.domain.model import completion_interaction_id
from services.nudges.domain import rules
from services.nudges.domain.rules import (find_mentor, follow_up_after_meeting, give_first, goal_gap, keep_in_touch,
                                          ladder, reciprocity, suggest, weekly_check_in)

from .test_nudges_support import (NOW, Gathering, contact, days, fact, goal, interaction, met, plan, relationship,
                                  view)


def steps(suggestions):
    return [(s.data["step"], s.base_at <= NOW) for s in suggestions]


# -- follow-up after meeting ------------------------------------------------------------------------


def test_follow_up_within_the_plans_days_says_where_they_met_and_why():
    grace = met("c-1", NOW - days(3), "Grace Hopper", gathering_id="gat-1")
    v = view(contacts=[grace], gatherings=[Gathering("gat-1", "PyCon")])
    out = follow_up_after_meeting(v, NOW)
    assert steps(out) == [(1, True), (2, False)]  # due now; the week step is known for later
    first = out[0]
    assert first.kind == "follow_up" and first.contact_id == "c-1" and first.priority == 1
    assert first.sentence == "Follow up with Grace Hopper: you met at PyCon 3 days ago."
    assert first.why["rule"] == "follow_up_after_meeting"
    assert first.why["data"]["gathering_name"] == "PyCon" and first.why["data"]["ladder_days"] == [2, 7, 30]
    assert first.base_at == NOW - days(1)


def test_the_ladder_climbs_to_a_week_then_a_month_then_lets_go():
    assert steps(follow_up_after_meeting(view(contacts=[met("c", NOW - days(1))]), NOW)) == [(1, False)]
    assert steps(follow_up_after_meeting(view(contacts=[met("c", NOW - days(8))]), NOW)) == [(2, True), (3, False)]
    month = follow_up_after_meeting(view(contacts=[met("c", NOW - days(45))]), NOW)
    assert steps(month) == [(3, True)] and month[0].priority == 3 and "door open" in month[0].sentence
    assert follow_up_after_meeting(view(contacts=[met("c", NOW - days(61))]), NOW) == []


def test_the_ladder_uses_the_plans_follow_up_days():
    assert ladder(3) == [3, 7, 30] and ladder(0) == [0, 7, 30] and ladder(10) == [10, 30] and ladder(45) == [45]
    introvert = view(contacts=[met("c", NOW - days(2.5))], the_plan=plan("introvert", follow_up_days=3))
    assert steps(follow_up_after_meeting(introvert, NOW)) == [(1, False)]


def test_any_interaction_after_the_meeting_stops_the_ladder():
    c = met("c", NOW - days(3))
    assert follow_up_after_meeting(view(contacts=[c], interactions=[interaction("c", NOW - days(1), "message")]),
                                   NOW) == []


def test_the_meeting_itself_and_what_came_before_do_not_count_as_a_follow_up():
    c = met("c", NOW - days(3))
    logged_meeting = interaction("c", NOW - days(3) + days(0.1), "met")
    earlier = interaction("c", NOW - days(30), "call")
    assert steps(follow_up_after_meeting(view(contacts=[c], interactions=[logged_meeting, earlier]), NOW))[0] == (1, True)


def test_a_nudge_marked_done_counts_as_following_up():
    c = met("c", NOW - days(8))
    done = fact("n-1", "follow_up_after_meeting", "done", contact_id="c", updated_at=NOW - days(5))
    assert follow_up_after_meeting(view(contacts=[c], nudges=[done]), NOW) == []


def test_imports_are_not_meetings_but_captures_are():
    imported = contact("c-imp", source="import", captured_at=NOW - days(3))
    captured = contact("c-cap", source="capture", captured_at=NOW - days(3))
    out = follow_up_after_meeting(view(contacts=[imported, captured]), NOW)
    assert {s.contact_id for s in out} == {"c-cap"}


def test_each_ladder_step_is_its_own_occurrence():
    c = met("c", NOW - days(8))
    keys = [s.key for s in follow_up_after_meeting(view(contacts=[c]), NOW)]
    assert len(set(keys)) == 2 and all(k[0] == "c" for k in keys)


# -- keep in touch ----------------------------------------------------------------------------------


def test_a_mentor_past_the_cadence_is_due_and_the_why_shows_the_cadence():
    ada = contact("c-1", "Ada", tier="mentor")
    out = keep_in_touch(view(contacts=[ada], interactions=[interaction("c-1", NOW - days(22))]), NOW)
    assert len(out) == 1
    s = out[0]
    assert s.base_at == NOW - days(1) and s.priority == 2 and s.kind == "keep_in_touch"
    assert s.sentence == "Keep in touch with Ada (mentor): it has been 22 days since you last spoke."
    assert s.why["data"]["cadence_days"] == 21 and s.why["data"]["last_touch"] == "coffee"


def test_a_contact_added_today_counts_from_the_last_touch_not_from_when_it_was_added():
    imported = contact("c-1", tier="mentor", captured_at=NOW, met_at=NOW - days(100))
    out = keep_in_touch(view(contacts=[imported], interactions=[interaction("c-1", NOW - days(40))]), NOW)
    assert out[0].base_at == NOW - days(19)
    never_met = contact("c-2", tier="mentor", captured_at=NOW - days(5))
    assert keep_in_touch(view(contacts=[never_met]), NOW)[0].base_at == NOW + days(16)


def test_within_the_cadence_it_waits_until_the_cadence_ends():
    ada = contact("c-1", tier="peer")
    out = keep_in_touch(view(contacts=[ada], interactions=[interaction("c-1", NOW - days(10))]), NOW)
    assert out[0].base_at == NOW + days(35)


def test_any_interaction_resets_the_cadence_and_starts_a_new_occurrence():
    ada = contact("c-1", tier="mentor")
    before = keep_in_touch(view(contacts=[ada], interactions=[interaction("c-1", NOW - days(40))]), NOW)[0]
    after = keep_in_touch(view(contacts=[ada], interactions=[interaction("c-1", NOW - days(40)),
                                                            interaction("c-1", NOW - days(2), "call")]), NOW)[0]
    assert after.base_at == NOW + days(19) and after.key != before.key


def test_a_done_nudge_resets_the_cadence_too():
    ada = contact("c-1", tier="mentor")
    done = fact("n-1", "keep_in_touch", "done", contact_id="c-1", updated_at=NOW - days(1))
    out = keep_in_touch(view(contacts=[ada], interactions=[interaction("c-1", NOW - days(40))], nudges=[done]), NOW)
    assert out[0].base_at == NOW + days(20)


def test_cadence_differs_by_tier():
    cs = [contact(f"c-{t}", tier=t) for t in ("mentor", "guardian", "sponsor", "peer", "acquaintance")]
    out = {s.contact_id: s.why["data"]["cadence_days"] for s in keep_in_touch(view(contacts=cs), NOW)}
    assert out == {"c-mentor": 21, "c-guardian": 30, "c-sponsor": 30, "c-peer": 45, "c-acquaintance": 90}


def test_untiered_contacts_get_no_keep_in_touch():
    assert keep_in_touch(view(contacts=[contact("c-1")]), NOW) == []


def test_cadences_stretch_when_the_network_asks_more_than_the_weekly_budget():
    peers = [contact(f"c-{i:02d}", tier="peer") for i in range(20)]  # 20 × 7/45 ≈ 3.1 touches a week
    roomy = keep_in_touch(view(contacts=peers, the_plan=plan(weekly_budget=5)), NOW)
    assert {s.why["data"]["cadence_days"] for s in roomy} == {45}
    tight = keep_in_touch(view(contacts=peers, the_plan=plan(weekly_budget=1)), NOW)
    assert {s.why["data"]["cadence_days"] for s in tight} == {140}
    assert "stretched" in tight[0].why["summary"]


def test_a_zero_budget_means_no_keep_in_touch():
    assert keep_in_touch(view(contacts=[contact("c", tier="mentor")], the_plan=plan(weekly_budget=0)), NOW) == []


def test_keep_in_touch_waits_while_the_follow_up_ladder_runs():
    fresh = met("c", NOW - days(25), tier="mentor")
    assert keep_in_touch(view(contacts=[fresh]), NOW) == []
    stale = met("c", NOW - days(75), tier="mentor")  # ladder over, never followed up
    assert keep_in_touch(view(contacts=[stale]), NOW)[0].base_at == NOW - days(54)


# -- give first -----------------------------------------------------------------------------------------


def test_a_need_the_member_can_meet_suggests_the_help():
    grace = contact("c-1", "Grace Hopper", needs=("a reviewer for her paper",))
    out = give_first(view(contacts=[grace], offers=("paper reviews",)), NOW)
    assert len(out) == 1
    s = out[0]
    assert s.kind == "give_help" and s.rule == "give_first" and s.contact_id == "c-1" and s.base_at == NOW
    assert "Offer Grace Hopper your help" in s.sentence
    assert s.why["data"]["helper"] == "you" and set(s.why["data"]["matched_words"]) == {"paper", "review"}


def test_a_need_another_contact_can_meet_suggests_an_introduction_asking_both_first():
    grace = contact("c-1", "Grace Hopper", needs=("intro to a compiler expert",))
    alan = contact("c-2", "Alan Turing", offers=("compiler design expert",))
    out = give_first(view(contacts=[grace, alan]), NOW)
    assert len(out) == 1
    s = out[0]
    assert s.kind == "introduce" and s.contact_ids == ("c-1", "c-2") and s.priority == 3
    assert "Introduce Grace Hopper to Alan Turing?" in s.sentence and "Ask each of them first" in s.sentence
    assert s.why["data"]["double_opt_in"] is True and s.why["data"]["helper_contact_id"] == "c-2"


def test_helping_in_person_beats_passing_it_on():
    grace = contact("c-1", needs=("python mentoring",))
    alan = contact("c-2", offers=("python mentoring",))
    out = give_first(view(contacts=[grace, alan], offers=("mentoring in python",)), NOW)
    assert [s.kind for s in out] == ["give_help"]


def test_no_match_no_suggestion_and_nobody_is_introduced_to_themselves():
    grace = contact("c-1", needs=("a reviewer for her paper",), offers=("paper reviews",))
    alan = contact("c-2", offers=("intro to the COBOL committee",))
    assert give_first(view(contacts=[grace, alan]), NOW) == []


# -- goal gap -------------------------------------------------------------------------------------------


def test_nobody_covers_a_relationship_milestone_so_ask_a_mentor_where_to_look():
    g = goal(milestones=[relationship(role="CTO")])
    mentor = contact("c-m", "Margaret", tier="mentor", title="Director")
    out = goal_gap(view(contacts=[mentor], goals=[g]), NOW)
    assert len(out) == 1
    s = out[0]
    assert s.goal_id == "g-1" and s.contact_id == "c-m" and s.priority == 2
    assert "needs you to know a CTO" in s.sentence and "ask your mentor Margaret" in s.sentence
    assert s.why["data"]["coverage"] == "none"


def test_nobody_and_no_connector_suggests_places_to_look():
    out = goal_gap(view(goals=[goal(milestones=[relationship(role="CTO")])]), NOW)
    assert "next gathering" in out[0].sentence and out[0].contact_id is None


def test_a_weak_cover_suggests_strengthening_that_relationship():
    alan = contact("c-1", "Alan", title="Chief Technology Officer", company="Acme", tier="acquaintance")
    out = goal_gap(view(contacts=[alan], goals=[goal(milestones=[relationship(role="CTO")])],
                        interactions=[interaction("c-1", NOW - days(300))]), NOW)
    assert len(out) == 1 and out[0].contact_id == "c-1" and out[0].priority == 3
    assert out[0].sentence.startswith("Strengthen your relationship with Alan (Chief Technology Officer at Acme)")
    assert out[0].why["data"]["coverage"] == "weak"


def test_a_strong_cover_by_tier_or_by_recent_touches_closes_the_gap():
    g = goal(milestones=[relationship(role="CTO")])
    peer = contact("c-1", title="CTO", tier="peer")
    assert goal_gap(view(contacts=[peer], goals=[g]), NOW) == []
    touched = contact("c-2", title="CTO, Initech")
    twice = [interaction("c-2", NOW - days(30)), interaction("c-2", NOW - days(90))]
    assert goal_gap(view(contacts=[touched], goals=[g], interactions=twice), NOW) == []


def test_an_organisation_milestone_points_at_who_works_there():
    g = goal(milestones=[relationship(role="CTO", organisation="Acme")])
    insider = contact("c-1", "Bob", title="Engineer", company="Acme Inc.")
    cto_elsewhere = contact("c-2", title="CTO", company="Initech", tier="peer")
    out = goal_gap(view(contacts=[insider, cto_elsewhere], goals=[g]), NOW)
    assert len(out) == 1 and out[0].contact_id == "c-1" and "ask Bob (Engineer at Acme Inc.) to introduce you" in \
        out[0].sentence


def test_closed_goals_achieved_milestones_and_other_kinds_are_ignored():
    archived = goal("g-1", status="archived", milestones=[relationship()])
    achieved = goal("g-2", milestones=[relationship(status="achieved")])
    position = goal("g-3", milestones=[replace(relationship(), kind="position")])
    assert goal_gap(view(goals=[archived, achieved, position]), NOW) == []


# -- find a mentor ----------------------------------------------------------------------------------------


def test_an_ultimate_goal_without_mentor_or_guardian_suggests_finding_one():
    out = find_mentor(view(goals=[goal()]), NOW)
    assert len(out) == 1 and out[0].goal_id == "g-1" and "no mentor or guardian yet" in out[0].sentence


def test_a_mentor_for_this_goal_or_for_no_goal_in_particular_counts():
    g = goal()
    assert find_mentor(view(goals=[g], contacts=[contact("c", tier="mentor")]), NOW) == []
    assert find_mentor(view(goals=[g], contacts=[contact("c", tier="guardian", goal_links=("g-1",))]), NOW) == []
    elsewhere = contact("c", tier="mentor", goal_links=("g-9",))
    assert len(find_mentor(view(goals=[g], contacts=[elsewhere]), NOW)) == 1


def test_find_mentor_proposes_someone_whose_work_fits_the_goal():
    fits = contact("c-1", "Linus", title="Chief Architect", tier="peer")
    out = find_mentor(view(goals=[goal(title="Chief Technology Officer")], contacts=[fits]), NOW)
    assert out[0].contact_id == "c-1" and "could Linus (Chief Architect) be one?" in out[0].sentence


def test_interim_goals_do_not_ask_for_a_mentor():
    assert find_mentor(view(goals=[goal(horizon="interim")]), NOW) == []


# -- reciprocity ------------------------------------------------------------------------------------------


def test_many_received_little_given_suggests_giving_back():
    grace = contact("c-1", "Grace", needs=("a venue for her meetup",))
    got = [interaction("c-1", NOW - days(d), "help_received") for d in (100, 50, 10)]
    out = reciprocity(view(contacts=[grace], interactions=got), NOW)
    assert len(out) == 1
    s = out[0]
    assert s.why["data"]["received"] == 3 and s.why["data"]["given"] == 0
    assert s.sentence.startswith("Give back to Grace: they have helped you 3 times this year")
    assert "a venue for her meetup" in s.sentence


def test_reciprocity_counts_gives_directions_and_done_give_first_nudges_within_the_year():
    c = contact("c-1")
    got = [interaction("c-1", NOW - days(d), "call", direction="received") for d in (100, 10)]
    old = [interaction("c-1", NOW - days(400), "help_received") for _ in range(3)]
    assert len(reciprocity(view(contacts=[c], interactions=got + old), NOW)) == 1
    gave = [interaction("c-1", NOW - days(20), "intro_made")]
    assert reciprocity(view(contacts=[c], interactions=got + gave), NOW) == []
    coffee = [interaction("c-1", NOW - days(20), "coffee", direction="gave")]  # as the contacts service logs it
    assert reciprocity(view(contacts=[c], interactions=got + coffee), NOW) == []
    helped = fact("n-1", "give_first", "done", contact_id="c-1", updated_at=NOW - days(3))
    assert reciprocity(view(contacts=[c], interactions=got, nudges=[helped]), NOW) == []
    # the help logged with that nudge reaches the coach as an interaction too: it counts once
    got3 = got + [interaction("c-1", NOW - days(50), "help_received")]
    assert reciprocity(view(contacts=[c], interactions=got3, nudges=[helped]), NOW)[0].why["data"]["given"] == 1
    same = interaction("c-1", NOW - days(3), "help_given", iid=completion_interaction_id("n-1"))
    assert reciprocity(view(contacts=[c], interactions=got3 + [same], nudges=[helped]), NOW)[0].why["data"]["given"] == 1


def test_a_new_favour_received_is_a_new_occurrence():
    c = contact("c-1")
    got = [interaction("c-1", NOW - days(d), "help_received", iid=f"i-{d}") for d in (100, 50)]
    first = reciprocity(view(contacts=[c], interactions=got), NOW)[0]
    more = got + [interaction("c-1", NOW - days(1), "help_received", iid="i-new")]
    assert reciprocity(view(contacts=[c], interactions=more), NOW)[0].key != first.key


# -- weekly check-in ---------------------------------------------------------------------------------------


def test_weekly_check_in_on_monday_morning_and_the_next_one_is_known():
    out = weekly_check_in(view(), NOW)  # NOW is a Wednesday
    assert [s.key for s in out] == [("2026-W19",), ("2026-W20",)]
    this, nxt = out
    assert this.base_at.isoformat() == "2026-05-04T09:00:00+00:00" and nxt.base_at > NOW
    assert this.kind == "check_in" and this.priority == 3


def test_weekly_check_in_is_in_the_members_zone():
    out = weekly_check_in(view(the_plan=plan(tz="Pacific/Auckland")), NOW)
    assert out[0].base_at.isoformat() == "2026-05-03T21:00:00+00:00"  # Monday 09:00 NZST


def test_the_check_in_names_the_plans_weekly_commitments_read_leniently():
    from services.nudges.domain.model import Plan
    state = {"style": "introvert", "commitments": [
        {"what": "coffee", "count": 2, "per": "week"}, {"what": "give_first", "count": 1, "per": "week"},
        {"what": "events", "count": 1, "per": "month"}, {"what": "calls", "count": True, "per": "week"},
        {"what": "", "count": 1, "per": "week"}, "odd", {"what": "calls", "count": 1, "per": "day"}]}
    the_plan = Plan.from_state(state)
    assert the_plan.commitments == (("coffee", 2, "week"), ("give_first", 1, "week"), ("events", 1, "month"))
    [this, _] = weekly_check_in(view(the_plan=the_plan), NOW)
    assert "(2 coffees, 1 give-first)" in this.sentence
    assert this.why["data"]["commitments"][2] == {"what": "events", "count": 1, "per": "month"}
    assert "(" not in weekly_check_in(view(), NOW)[0].sentence.split(";")[0]  # none: the budget alone


def test_no_plan_no_check_in_and_a_new_plan_starts_next_week():
    assert weekly_check_in(view(has_plan=False), NOW) == []
    fresh = weekly_check_in(view(plan_since=NOW - days(1)), NOW)
    assert [s.key for s in fresh] == [("2026-W20",)] and fresh[0].base_at > NOW


def test_the_check_in_reports_last_weeks_activity():
    touches = [interaction("c", NOW - days(4)), interaction("c", NOW - days(5))]
    s = weekly_check_in(view(interactions=touches), NOW)[0]
    assert s.why["data"]["interactions_last_week"] == 2


# -- all rules together ----------------------------------------------------------------------------------------


def test_a_member_who_left_gets_nothing():
    assert suggest(view(goals=[goal()], left=True), NOW) == []


def test_every_rule_has_a_why_and_a_sentence():
    v = view(contacts=[met("c-1", NOW - days(3), tier="mentor", needs=("paper review",)),
                       contact("c-2", tier="peer", offers=("paper reviews",))],
             goals=[goal(milestones=[relationship()])],
             interactions=[interaction("c-1", NOW - days(d), "help_received") for d in (30, 20)])
    out = suggest(v, NOW)
    assert {s.rule for s in out} >= {"follow_up_after_meeting", "keep_in_touch", "give_first", "goal_gap",
                                     "reciprocity", "weekly_check_in"}
    for s in out:
        assert s.sentence and s.why["rule"] == s.rule and s.why["summary"] and 1 <= s.priority <= 5
    assert len(rules.RULES) == 7


def test_goal_gap_reads_sectors_and_the_people_who_open_a_position():
    from services.nudges.domain.model import Milestone, build_view
    from shared.strategy.coverage import Target
    vp = Milestone("ms-2", "position", "VP Engineering", opened_by=(Target(role="CEO"), Target(sector="fintech")))
    fin_cto = Milestone("ms-3", "relationship", "Know a fintech CTO", "CTO", None, "open", "fintech")
    ceo = contact("c-ceo", title="CEO", tier="peer")
    banker = contact("c-bank", title="CTO", company="Paywise", tags=("retail",))
    out = goal_gap(view(contacts=[ceo, banker], goals=[goal(milestones=[vp, fin_cto])]), NOW)
    assert sorted(s.key for s in out) == [("g-1", "ms-2", "opened_by.1", "missing", "-"),
                                          ("g-1", "ms-3", "missing", "-")]  # the CTO is not in fintech
    missing = next(s for s in out if s.key[1] == "ms-2")
    assert missing.why["data"]["need"] == "opened_by.1" and missing.why["data"]["sector"] == "fintech"
    # read leniently from a goal event's state: an odd `opened_by` entry is skipped
    records = [{"kind": "goal", "agg_id": "g-1", "version": 1, "deleted": False, "state": {
        "title": "CTO", "horizon": "ultimate", "status": "active", "milestones": [
            {"milestone_id": "ms-2", "kind": "position", "title": "VP", "opened_by": [{"role": "CEO"}, 7]}]}}]
    [m] = build_view("o", "m", records).goals["g-1"].milestones
    assert m.opened_by == (Target(role="CEO"),) and m.targets == [("opened_by.0", Target(role="CEO"))]
