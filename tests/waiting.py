"""Waiting for asynchronous effects (events consumed, nudges made) without fixed sleeps."""
from __future__ import annotations

import time
from typing import Any, Callable


def wait_for(fetch: Callable[[], Any], timeout: float = 30.0, what: str = "condition", every: float = 0.2,
             show: Callable[[], Any] | None = None) -> Any:
    """Call `fetch` until it returns something truthy and return that; fail after `timeout`
    seconds, naming what was awaited (and what `show` says was last seen)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fetch()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}"
                         + (f"; last seen: {show()}" if show else ""))
