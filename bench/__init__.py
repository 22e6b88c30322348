"""Benchmarks (`make bench`): each `bench/bench_*.py` module has `run(servers) -> str`, a
markdown report with its tables. Results are printed and written to bench/results/<name>.md.
Servers are found like the tests find them (tests/servers.py)."""
