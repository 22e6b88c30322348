"""Long-running processes (relays, followers, workers) stop cleanly on SIGTERM/SIGINT."""
from __future__ import annotations

import signal
import threading
from typing import Callable


def run_until_signalled(run: Callable[[threading.Event], None]) -> None:
    """Call `run(stop)`; SIGTERM or SIGINT sets `stop`, and `run` finishes what it holds."""
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    run(stop)
