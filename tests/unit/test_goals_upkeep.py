"""The goals follower's upkeep between polls: touched members first, a slow sweep over every
plan, a failing member never stopping the others."""
from datetime import datetime, timedelta, timezone

from services.goals.domain.picture import Picture
from services.goals.service_layer import upkeep as module
from services.goals.service_layer.upkeep import Upkeep
from shared.db import Scope

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


class Recorder:
    def __init__(self, fail_for=()):
        self.seen: list[str] = []
        self.fail_for = set(fail_for)

    def learn(self, scope, picture, now):
        if scope.member_id in self.fail_for:
            raise ConnectionError("store away")
        self.seen.append(scope.member_id)
        self.learnt_from = picture

    def refresh(self, scope, now, picture=None):
        assert picture is self.learnt_from  # one read of the network serves both
        self.seen.append(f"refresh:{scope.member_id}")


class Network:
    def __init__(self, left=()):
        self.left = set(left)

    def picture(self, scope):
        return Picture(left=scope.member_id in self.left)


def members(all_ids):
    def page(after, limit):
        keys = [f"org|{m}" for m in sorted(all_ids)]
        rest = [k for k in keys if after is None or k > after][:limit]
        return [Scope(*k.split("|")) for k in rest]
    return page


def test_touched_members_first_then_a_sweep_that_goes_round_and_pauses(monkeypatch):
    monkeypatch.setattr(module, "SWEEP_BATCH", 2)
    now = [NOW]
    rec = Recorder()
    up = Upkeep(rec, rec, Network(), members(["a", "b", "c"]), clock=lambda: now[0])
    up.touch(Scope("org", "c"))
    assert up.tick() == 3          # c (touched), then the sweep's first batch: a, b
    assert [s for s in rec.seen if ":" not in s] == ["c", "a", "b"]
    rec.seen.clear()
    assert up.tick() == 1 and rec.seen == ["c", "refresh:c"]  # the sweep's last batch: c
    rec.seen.clear()
    assert up.tick() == 0          # round done: the sweep pauses
    now[0] = NOW + module.SWEEP_EVERY + timedelta(seconds=1)
    assert up.tick() == 2          # and starts again
    assert rec.seen == ["a", "refresh:a", "b", "refresh:b"]


def test_a_failing_member_is_skipped_and_one_who_left_is_not_kept_up(monkeypatch):
    rec = Recorder(fail_for={"a"})
    up = Upkeep(rec, rec, Network(left={"b"}), members([]), clock=lambda: NOW)
    for m in ("a", "b", "c"):
        up.touch(Scope("org", m))
    assert up.tick() == 1 and rec.seen == ["c", "refresh:c"]
