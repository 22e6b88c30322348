"""Every benchmark still runs end to end (`make bench` is not part of `make test`, so nothing
else would notice one breaking): each runs at a tiny size against the session's servers and
returns its table. No number is asserted: speed lives in bench/results/, never in tests."""
from __future__ import annotations

import importlib

import pytest

SMALL = {
    "bench_contacts": {"NEW_PUSHES": ((1, 3), (50, 100)), "FIRST_SYNC": 1000, "PAGE": 500, "EDITS": 50,
                       "IMPORT_ROWS": 30,
                       "BAD_VALUE_ROWS": 20, "BACKGROUND_CONTACTS": 100},
    "bench_nudges": {"WORKER_COUNTS": (1,), "MEMBERS": 3, "TRICKLE": 2, "BACKGROUND_MEMBERS": 50},
    "bench_store": {"SIZES": [1000, 2000], "REPEAT": 5},
    "bench_platform": {"EVENTS": 200},
    "bench_signin": {"ROUNDS": 5},
    "bench_strategy": {"SIZES": (20,), "REQUESTS": 2, "LEARN_EVENTS": 60, "POLL": 30},
}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_the_benchmark_runs_and_reports_its_table(servers, monkeypatch, name):
    bench = importlib.import_module(f"bench.{name}")
    for constant, value in SMALL[name].items():
        assert hasattr(bench, constant), constant
        monkeypatch.setattr(bench, constant, value)
    report = bench.run(servers)
    rows = [line for line in report.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) >= 3, report
