"""Run every benchmark (or those named on the command line) against real servers."""
from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

from tests.servers import start

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv: list[str]) -> int:
    names = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")]
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    if not wanted:
        print(f"no benchmark matches {argv}; have {names}", file=sys.stderr)
        return 2
    RESULTS.mkdir(exist_ok=True)
    # the servers stop (ExitStack) before their folder is removed: their pid files live there
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp, ExitStack() as stack:
        servers = start(stack, Path(tmp))
        header = (f"_{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
                  f"Python {platform.python_version()}, servers: {servers.how}_\n\n")
        for name in wanted:
            print(f"== {name}", flush=True)
            started = time.perf_counter()
            report = importlib.import_module(f"bench.{name}").run(servers)
            text = f"# {name.removeprefix('bench_')}\n\n{header}{report}\n"
            (RESULTS / f"{name.removeprefix('bench_')}.md").write_text(text)
            print(text, flush=True)
            print(f"({name} took {time.perf_counter() - started:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
