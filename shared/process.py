"""Long-running processes (relays, followers, workers): they stop on SIGTERM/SIGINT, on a fatal
configuration error, and on nothing else.

- `run_until_signalled(run)`: SIGTERM or SIGINT sets `stop` and `run` finishes what it holds;
  a fatal configuration error (shared.faults.fatal) ends the process with one clear log line
  and exit status 78 (EX_CONFIG); anything that escapes `run` otherwise is logged and the
  process exits 70, to be restarted by its supervisor (deploy/local/supervise.sh, Compose
  `restart:`, Kubernetes).
- `until_done(fn, what, stop)`: start-up steps that need the store or the broker (indexes,
  clients) are retried with backoff while those are away, instead of exiting.
- `beat()`: the liveness heartbeat. With RAPPORT_HEARTBEAT_FILE set, the loop of every relay,
  follower and worker writes a monotonic timestamp there (at most once a second);
  `python -m shared.process alive [--max-age 120]` exits 0 while it is fresh — the Kubernetes
  liveness probe and Compose healthcheck of those processes. A loop waiting out a store or
  broker outage keeps beating (it is alive, and restarting it would not help); a loop that
  hangs stops beating and is restarted.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from typing import Callable, TypeVar

from . import faults

log = logging.getLogger(__name__)

T = TypeVar("T")
HEARTBEAT_VARIABLE = "RAPPORT_HEARTBEAT_FILE"
EX_SOFTWARE, EX_CONFIG = 70, 78
_last_beat = 0.0


def beat() -> None:
    """Record that this process's loop is turning (no-op without RAPPORT_HEARTBEAT_FILE)."""
    global _last_beat
    path = os.environ.get(HEARTBEAT_VARIABLE)
    now = time.monotonic()
    if not path or now - _last_beat < 1.0:
        return
    _last_beat = now
    try:
        tmp = f"{path}.tmp"
        with open(tmp, "w") as f:
            f.write(f"{now:.3f}\n")
        os.replace(tmp, path)
    except OSError:
        log.warning("cannot write the heartbeat file", extra={"path": path})


def heartbeat_age(path: str) -> float | None:
    """Seconds since the last beat written to `path` (None: no heartbeat yet)."""
    try:
        with open(path) as f:
            return time.monotonic() - float(f.read().strip())
    except (OSError, ValueError):
        return None


def until_done(fn: Callable[[], T], what: str, stop: threading.Event) -> T | None:
    """Call `fn` until it succeeds; transient store/broker errors are logged and retried with
    backoff. Returns None when stopped first; fatal and unexpected errors propagate."""
    backoff = faults.Backoff(cap=10.0)
    while not stop.is_set():
        try:
            return fn()
        except Exception as exc:
            if not faults.transient(exc):
                raise
            delay = backoff.next()
            log.warning(f"{what}: {faults.kind(exc)} unavailable, retrying in {delay:.1f}s",
                        extra={"error": repr(exc)[:500]})
            beat()
            stop.wait(delay)
    return None


def run_until_signalled(run: Callable[[threading.Event], None]) -> int:
    """Call `run(stop)`; SIGTERM or SIGINT sets `stop`. Returns the process's exit status."""
    stop = threading.Event()

    def on_signal(signum, _frame):
        log.info("stopping on signal", extra={"signal": signal.Signals(signum).name})
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)
    try:
        run(stop)
    except Exception as exc:
        if faults.fatal(exc):
            log.critical(f"fatal configuration error, exiting: {exc.__class__.__name__}: {exc}")
            return EX_CONFIG
        log.critical("unexpected error, exiting (the supervisor restarts the process)", exc_info=True)
        return EX_SOFTWARE
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m shared.process alive [--max-age SECONDS] [--file PATH]`: the liveness check."""
    parser = argparse.ArgumentParser(prog="python -m shared.process", description=main.__doc__)
    parser.add_argument("command", choices=["alive"])
    parser.add_argument("--max-age", type=float, default=120.0, help="seconds a heartbeat stays fresh (120)")
    parser.add_argument("--file", default=os.environ.get(HEARTBEAT_VARIABLE), help=f"default ${HEARTBEAT_VARIABLE}")
    args = parser.parse_args(argv)
    if not args.file:
        print(f"no heartbeat file: set {HEARTBEAT_VARIABLE} or --file", file=sys.stderr)
        return 2
    age = heartbeat_age(args.file)
    if age is None or age > args.max_age:
        print(f"not alive: heartbeat {args.file} " + ("missing" if age is None else f"{age:.0f}s old"),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
