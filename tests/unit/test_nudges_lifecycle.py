"""What done, snooze, dismiss and reopen do to a nudge in each status."""
from datetime import datetime, timedelta, timezone

import pytest

from services.nudges.domain.lifecycle import TransitionError, plan_action
from services.nudges.domain.timing import WorkingTime

UTC = timezone.utc
NOW = datetime(2026, 5, 6, 10, 0, tzinfo=UTC)  # Wednesday
BERLIN = WorkingTime.of("Europe/Berlin")


def act(status, action, **kw):
    return plan_action(status, action, now=NOW, working=BERLIN, **kw)


@pytest.mark.parametrize("status", ["pending", "snoozed"])
def test_open_nudges_can_be_done_dismissed_or_snoozed(status):
    assert act(status, "done").status == "done"
    out = act(status, "dismiss", reason="not_relevant")
    assert out.status == "dismissed" and out.sets["reason"] == "not_relevant" and "snoozed_until" in out.unset
    assert act(status, "snooze", until=NOW + timedelta(days=1)).status == "snoozed"


def test_a_snooze_returns_inside_working_hours_in_the_members_zone():
    friday_night = datetime(2026, 5, 8, 22, 0, tzinfo=UTC)
    out = act("pending", "snooze", until=friday_night)
    assert out.sets["snoozed_until"] == datetime(2026, 5, 11, 7, 0, tzinfo=UTC)  # Monday 09:00 Berlin


@pytest.mark.parametrize("until", [NOW, NOW - timedelta(minutes=1), NOW + timedelta(days=181)])
def test_a_snooze_must_end_in_the_future_and_not_too_far(until):
    with pytest.raises(TransitionError) as exc:
        act("pending", "snooze", until=until)
    assert exc.value.slug == "validation-error"


def test_repeating_an_action_changes_nothing():
    assert act("done", "done").same and act("dismissed", "dismiss", reason="other").same
    returns = datetime(2026, 5, 7, 7, 0, tzinfo=UTC)
    assert act("snoozed", "snooze", until=returns, snoozed_until=returns).same
    assert act("pending", "reopen").same


@pytest.mark.parametrize("status,action", [("done", "dismiss"), ("dismissed", "done"), ("done", "snooze"),
                                           ("dismissed", "reopen")])
def test_closed_nudges_stay_closed(status, action):
    with pytest.raises(TransitionError) as exc:
        act(status, action, until=NOW + timedelta(days=1))
    assert exc.value.slug == "nudge-closed"


def test_withdrawn_nudges_refuse_every_action():
    for action in ("done", "dismiss", "snooze", "reopen"):
        with pytest.raises(TransitionError) as exc:
            act("withdrawn", action, until=NOW + timedelta(days=1))
        assert exc.value.slug == "nudge-withdrawn"


def test_reopening_a_snoozed_nudge_makes_it_due_now_in_working_hours():
    out = act("snoozed", "reopen")
    assert out.status == "pending" and out.sets["due_at"] == NOW and "snoozed_until" in out.unset
