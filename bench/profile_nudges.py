"""Where one nudge worker's time goes: `python -m bench.profile_nudges [members]`.

One worker runs in this process (`services.nudges.worker.build`) on fresh servers, beside the
same 10,000 known members as `bench_nudges`, and handles the same burst (each member: joined,
a plan, four contacts met three days ago). A pymongo command listener counts every command
the worker sends and the time the server took to answer it; `cProfile` shows where the rest
of the Python time goes. Printed: commands per event by collection and command, the share of
the wall time spent waiting for the database, and the top functions.
"""
from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from pymongo import MongoClient, monitoring

from shared import topics
from shared.topics import SERVICE_TOPICS

from . import bench_nudges as bn


class Commands(monitoring.CommandListener):
    def __init__(self) -> None:
        self.count: Counter[tuple[str, str]] = Counter()
        self.seconds: Counter[tuple[str, str]] = Counter()
        self._started: dict[int, tuple[str, str]] = {}
        self.on = False

    def started(self, event) -> None:
        if self.on:
            coll = event.command.get(event.command_name)
            self._started[event.request_id] = (event.command_name, coll if isinstance(coll, str) else "-")

    def succeeded(self, event) -> None:
        key = self._started.pop(event.request_id, None)
        if key is not None:
            self.count[key] += 1
            self.seconds[key] += event.duration_micros / 1e6

    def failed(self, event) -> None:
        self.succeeded(event)


def main(argv: list[str]) -> int:
    members = int(argv[0]) if argv else bn.MEMBERS
    listener = Commands()
    from services.nudges import worker
    from tests.servers import start

    with tempfile.TemporaryDirectory(prefix="rapport-profile-") as tmp, ExitStack() as stack:
        servers = start(stack, Path(tmp))
        settings = bn._settings(servers)
        topics.ensure(settings)
        worker.wait_for_topics(settings, [settings.topic(SERVICE_TOPICS[s]) for s in bn.CONSUMED], timeout=60)
        client = MongoClient(settings.mongo_uri, tz_aware=True)
        bn._seed_members(client[settings.mongo_db], bn.BACKGROUND_MEMBERS)
        nudges = client[settings.mongo_db]["nudges"]
        events = bn._events("prof", members, bn.CONTACTS_PER_MEMBER)
        expected = members * bn.CONTACTS_PER_MEMBER
        monitoring.register(listener)  # after this process's own client: only the worker's commands count
        runner = worker.build(settings, group_id=settings.topic("profile"))
        stop = threading.Event()
        timing: dict[str, float] = {}

        def feed() -> None:  # beside the worker, which runs (and is profiled) in this thread
            bn._wait(lambda: runner.consumer is not None and bool(runner.consumer.assignment()), 60, "the assignment")
            listener.on = True
            timing["started"] = time.perf_counter()
            bn._produce(settings, events)
            bn._wait(lambda: nudges.count_documents({}) >= expected, 600, "every nudge")
            timing["elapsed"] = time.perf_counter() - timing["started"]
            listener.on = False
            stop.set()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        profile = cProfile.Profile()
        profile.enable()
        runner.run(stop)
        profile.disable()
        feeder.join(30)
        elapsed = timing["elapsed"]
        client.drop_database(settings.mongo_db)
        client.close()

    n = len(events)
    db_seconds = sum(listener.seconds.values())
    print(f"{n} events, {expected} nudges in {elapsed:.1f} s: {n / elapsed:.1f} events/s; "
          f"{sum(listener.count.values())} commands ({sum(listener.count.values()) / n:.2f} per event), "
          f"{db_seconds:.1f} s waiting for the database ({100 * db_seconds / elapsed:.0f} % of the wall time)\n")
    print("| collection | command | count | per event | ms each | seconds |\n|---|---|---|---|---|---|")
    for (name, coll), count in sorted(listener.count.items(), key=lambda kv: -listener.seconds[kv[0]]):
        secs = listener.seconds[(name, coll)]
        print(f"| {coll} | {name} | {count} | {count / n:.2f} | {1000 * secs / count:.2f} | {secs:.2f} |")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
    print("\n" + out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
