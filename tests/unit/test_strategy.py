"""The shared strategy reading: strength, coverage verdicts and milestone needs (pure)."""
from datetime import datetime, timedelta, timezone

from shared.strategy.coverage import COVERED, MISSING, WEAK, Target, covering, fits, milestone_targets, verdict
from shared.strategy.network import Contact, Interaction, network_from
from shared.strategy.strength import STRENGTH_WINDOW, strength_of

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def person(cid, title=None, company=None, tier=None, tags=()):
    return Contact(cid, f"Person {cid}", company=company, title=title, tier=tier, tags=tuple(tags))


def touch(cid, days_ago, kind="coffee", direction=None):
    return Interaction(f"i-{cid}-{days_ago}-{kind}", cid, kind, NOW - timedelta(days=days_ago), direction)


def test_strength_is_a_close_tier_or_two_touches_in_180_days():
    ada = person("ada")
    assert strength_of(ada, [], [], NOW).level == "weak"
    assert strength_of(ada, [NOW - timedelta(days=10)], [], NOW).level == "weak"
    two = [NOW - timedelta(days=1), NOW - STRENGTH_WINDOW]  # the window's edge still counts
    s = strength_of(ada, two, [], NOW)
    assert s.strong and s.recent_touches == 2 and "twice" in s.reason
    old = [NOW - timedelta(days=1), NOW - STRENGTH_WINDOW - timedelta(seconds=1)]
    assert not strength_of(ada, old, [], NOW).strong
    future = [NOW + timedelta(days=1), NOW + timedelta(days=2)]  # logged ahead: not a touch yet
    assert not strength_of(ada, future, [], NOW).strong
    assert strength_of(person("m", tier="mentor"), [], [], NOW).reason == "tier mentor"
    assert not strength_of(person("a", tier="acquaintance"), [], [], NOW).strong


def test_reciprocity_says_which_way_a_relationship_leans():
    ada = person("ada")
    gave = [touch("ada", 3, "help_given"), touch("ada", 4, "intro_made")]
    got = [touch("ada", 5, "help_received"), touch("ada", 400, "help_received")]  # a year ago: out
    s = strength_of(ada, [], gave + got, NOW)
    assert (s.given, s.received, s.leaning) == (2, 1, "giving")
    assert strength_of(ada, [], [touch("ada", 1, "coffee", "received")], NOW).leaning == "receiving"
    assert strength_of(ada, [], [], NOW).leaning == "none"


def test_a_target_fits_by_role_organisation_and_sector_words():
    cto = person("c", title="Chief Technology Officer", company="Acme Payments Ltd", tags=["fintech"])
    assert fits(Target(role="CTO"), cto) and fits(Target(organisation="Acme Payments"), cto)
    assert fits(Target(role="CTO", sector="fintech"), cto)
    assert not fits(Target(role="CTO", organisation="Globex"), cto)
    assert not fits(Target(sector="healthcare"), cto)
    assert not fits(Target(), cto)  # nobody is wanted: nobody fits
    ordered = covering(Target(role="CTO"), [person("z", "CTO"), person("a", "CTO", tier="peer")])
    assert [c.contact_id for c in ordered] == ["a", "z"]  # closest tier first


def test_verdicts_covered_weak_missing_with_reasons():
    mentor = person("m", tier="mentor", title="Partner", company="Acme")
    weak_cto = person("w", title="CTO", company="Globex")
    strong = lambda c: strength_of(c, [], [], NOW)  # noqa: E731

    v = verdict(Target(role="CTO"), [mentor, weak_cto], strong)
    assert v.status == WEAK and v.best == weak_cto and "weak" in v.reason and "Person w" in v.reason

    peer_cto = person("p", title="CTO", tier="peer")
    v = verdict(Target(role="CTO"), [weak_cto, peer_cto], strong)
    assert v.status == COVERED and v.best == peer_cto and "1 more fits" in v.reason

    v = verdict(Target(role="CFO", organisation="Acme"), [mentor, weak_cto], strong)
    assert v.status == MISSING and v.connector == mentor and "works there" in v.reason
    v = verdict(Target(role="CFO"), [mentor], strong)
    assert v.connector == mentor and "ask your mentor" in v.reason
    v = verdict(Target(role="CFO"), [], strong)
    assert v.connector is None and "0 contacts" in v.reason


def test_milestone_targets_read_leniently():
    rel = {"kind": "relationship", "role": "CTO", "organisation": " ", "sector": None}
    assert milestone_targets(rel) == [("self", Target(role="CTO"))]
    assert milestone_targets({"kind": "relationship"}) == []
    pos = {"kind": "position", "opened_by": [{"role": "VP Engineering"}, "odd", {}, {"sector": "fintech"}]}
    assert milestone_targets(pos) == [("opened_by.0", Target(role="VP Engineering")),
                                      ("opened_by.1", Target(sector="fintech"))]
    assert milestone_targets({"kind": "training", "opened_by": [{"role": "CTO"}]}) == []
    assert milestone_targets({"kind": "experience", "opened_by": "nope"}) == []


def test_the_network_follows_merges_and_drops_deleted_interactions():
    records = [
        {"kind": "contact", "agg_id": "a", "version": 1, "deleted": False, "state": {"display_name": "Ada"}},
        {"kind": "contact", "agg_id": "b", "version": 2, "deleted": True, "state": {"merged_into": "a"}},
        {"kind": "interaction", "agg_id": "i1", "version": 1, "deleted": False,
         "state": {"contact_id": "b", "kind": "coffee", "occurred_at": "2026-11-01T10:00:00Z"}},
        {"kind": "interaction", "agg_id": "i2", "version": 2, "deleted": True, "state": {"contact_id": "a"}},
    ]
    net = network_from(records)
    assert list(net.contacts) == ["a"] and net.resolve("b") == "a"
    assert [i.interaction_id for i in net.interactions_with("a")] == ["i1"]
