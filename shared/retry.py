"""The one optimistic-concurrency retry: re-run a compare-and-swap until it wins, or say Busy.

Every aggregate is written with a version condition (`shared.outbox.update`: `{_id, version: v}`
→ `$inc version`). A writer that loses the race reloads, decides again on what is there now,
and tries again. `until_written(attempt)` is that loop, once for every service:

- `attempt()` loads, decides and makes one conditional write; it returns the result when the
  write went through and `None` when another writer got there first (what a lost
  `outbox.update` or `find_one_and_update` returns). An attempt that has nothing to return
  returns any other value, e.g. `True`.
- Domain errors the attempt raises (not found, conflict, …) end the loop at once.
- After `attempts` lost races the write is given up with `shared.errors.Busy` (slug
  `write-conflict`): a race is transient, so the answer is `503 /problems/write-conflict` with
  `Retry-After` (shared.problems), and a worker waits it out (shared.faults).

(Transient *store* errors are a different matter, retried per command in `shared.transient`.)
"""
from __future__ import annotations

from typing import Callable, TypeVar

from prometheus_client import Counter

from .errors import Busy

T = TypeVar("T")

ATTEMPTS = 5
RETRY_AFTER_SECONDS = 1
LOST = Counter("rapport_write_races_lost_total", "conditional writes given up after losing every attempt")


class LosesRaces:
    """For in-memory stores (the fakes use-case tests run on): `lose_races = n` makes the next
    n conditional writes lose, as if another writer had just got there first."""

    lose_races = 0

    def lost_race(self) -> bool:
        if self.lose_races:
            self.lose_races -= 1
            return True
        return False


def until_written(attempt: Callable[[], T | None], *, attempts: int = ATTEMPTS,
                  detail: str = "the record kept changing; try again") -> T:
    """`attempt()` until it returns something other than None; `Busy(detail)` after `attempts` losses."""
    for _ in range(attempts):
        result = attempt()
        if result is not None:
            return result
    LOST.inc()
    raise Busy(detail, retry_after=RETRY_AFTER_SECONDS)
