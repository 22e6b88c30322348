"""`rapport-consume <service>`: run a service's event followers.

A service that reacts to other services' events has `services/<service>/followers.py` with
`TOPICS` (declared topic names it reads), `handle(event)` and optionally `after_poll(assignment)`
(periodic work between polls) and `handle_batch(events)` (a poll's events at once, for a follower
whose effects are idempotent by construction: shared.consumer). This runs it in the service's
own consumer group, with its dedupe markers in the service's own database. It waits out store
and broker outages (at start too) and exits only on SIGTERM or a fatal configuration error.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import db, logs, revocation
from .consumer import ConsumerRunner
from .process import run_until_signalled, until_done
from .settings import Settings, load_settings


def build(settings: Settings, group_id: str | None = None) -> ConsumerRunner:
    followers = importlib.import_module(f"services.{settings.service}.followers")
    db.connect(settings)
    documents = importlib.import_module(f"services.{settings.service}.adapters.documents")
    db.ensure_indexes(documents.ALL_DOCUMENTS)
    revocation.configure(settings)  # followers record revocations and sweep (shared.revocation)
    group = settings.topic(group_id or f"rapport-{settings.service}")
    topics = [settings.topic(t) for t in followers.TOPICS]
    return ConsumerRunner(settings, group, topics, followers.handle, db.database()["processed_events"],
                          client_id=f"{settings.service}-follower",
                          after_poll=getattr(followers, "after_poll", None),
                          batch_handler=getattr(followers, "handle_batch", None))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rapport-consume", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("service")
    args = parser.parse_args(argv)
    settings = load_settings(args.service, require_keys=False)
    logs.configure(f"{args.service}-follower", settings.log_level)

    def run(stop) -> None:
        runner = until_done(lambda: build(settings), f"{args.service} follower start", stop)
        if runner is not None:
            runner.run(stop)

    return run_until_signalled(run)


if __name__ == "__main__":
    sys.exit(main())
