"""Waiting for asynchronous effects (events consumed, nudges made) without fixed sleeps, and a
consumer running beside a test while it waits."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator


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


@contextmanager
def running(runner) -> Iterator[None]:
    """`runner.run(stop)` (a consumer runner) in a thread for the length of the block."""
    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(30)
