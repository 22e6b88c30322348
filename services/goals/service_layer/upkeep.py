"""What the goals follower does between polls: for each member whose network moved (or, slowly,
every member with a plan), let the plan learn from the outcomes (`Planning.learn`: suggestions,
never changes) and move objectives on (`Objectives.refresh`: met, missed).

Members touched by events come first, in the order they were touched; a slow sweep over every
plan (a batch per poll, each member at most once per `SWEEP_EVERY`) catches what time alone
changes — an objective's due day passing, a week of commitments missed. A member whose upkeep
fails is logged and tried again at their next event or sweep: nothing here is lost, since it is
all computed again from the read model.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable, Iterable

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope

from .objectives import NetworkSource, Objectives
from .planning import Planning

log = logging.getLogger(__name__)

SWEEP_EVERY = timedelta(hours=6)
SWEEP_BATCH = 100

Members = Callable[[str | None, int], list[Scope]]  # after this key, at most n members with a plan


class Upkeep:
    def __init__(self, planning: Planning, objectives: Objectives, network: NetworkSource, members: Members,
                 clock: Clock = clocks.now):
        self.planning = planning
        self.objectives = objectives
        self.network = network
        self.members = members
        self.clock = clock
        self.touched: dict[Scope, None] = {}
        self._sweep_after: str | None = None
        self._next_sweep: datetime | None = None

    def touch(self, scope: Scope) -> None:
        self.touched[scope] = None

    def tick(self) -> int:
        """The touched members, then a sweep batch when one is due; how many members were kept up."""
        now = self.clock()
        touched, self.touched = list(self.touched), {}
        done = self._keep_up(touched, now)
        if self._next_sweep is None or now >= self._next_sweep:
            batch = self.members(self._sweep_after, SWEEP_BATCH)
            done += self._keep_up([s for s in batch if s not in touched], now)
            if len(batch) < SWEEP_BATCH:  # the sweep went round: the next starts after a pause
                self._sweep_after, self._next_sweep = None, now + SWEEP_EVERY
            else:
                self._sweep_after = f"{batch[-1].org_id}|{batch[-1].member_id}"
        return done

    def _keep_up(self, scopes: Iterable[Scope], now: datetime) -> int:
        done = 0
        for scope in scopes:
            try:
                picture = self.network.picture(scope)
                if picture.left:
                    continue
                self.planning.learn(scope, picture, now)
                self.objectives.refresh(scope, now, picture)  # the same read of the network
                done += 1
            except Exception:  # the store hiccuped: their next event or sweep tries again
                log.exception("member upkeep failed", extra={"org_id": scope.org_id, "member_id": scope.member_id})
        return done
