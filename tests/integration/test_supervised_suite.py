"""`make up`'s supervision (deploy/local/suite.sh + supervise.sh) with real processes: a process
killed with -9 is started again within seconds and the restart is logged; `suite.sh stop`
(`make down`) still stops exactly what `start` started, supervisors and processes alike.

The suite runs a subset of the real Procfile's lines (an API, the gateway, a relay, a follower
and a nudge worker: every kind of process, started by the same supervisor) on free ports and
the session's servers, with its own run directory, so it never meets a developer's `make up`."""
from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid

import pytest
import requests

from ..keys import TEST_KEYS
from ..procfile import PROCFILE, entries
from ..servers import LOCAL, ROOT, free_port
from ..waiting import wait_for

KEEP = ("accounts", "gateway", "relay-accounts", "follower-goals", "nudge-worker-1")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


@pytest.fixture
def suite_dir(servers, tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    uid = uuid.uuid4().hex[:8]
    ports = {"ACCOUNTS_PORT": free_port(), "GATEWAY_PORT": free_port()}
    (run / "env").write_text("\n".join([
        f"MONGO_URI={servers.mongo_uri}", f"KAFKA_BOOTSTRAP={servers.kafka_bootstrap}",
        f"RAPPORT_DB_PREFIX=sup{uid}_", f"RAPPORT_TOPIC_PREFIX=sup{uid}.",
        *(f"{k}={v}" for k, v in TEST_KEYS.env.items()),
        f"GATEWAY_UPSTREAM_ACCOUNTS=http://127.0.0.1:{ports['ACCOUNTS_PORT']}", "NUDGES_SESSION_TIMEOUT_MS=6000",
        *(f"{k}={v}" for k, v in ports.items())]) + "\n")
    procfile = tmp_path / "Procfile"
    procfile.write_text("".join(f"{name}: {command}\n" for name, command in entries(PROCFILE) if name in KEEP))
    env = {**os.environ, "RAPPORT_RUN": str(run), "PROCFILE": str(procfile), "READY_TIMEOUT": "120",
           "GATEWAY_PORT": str(ports["GATEWAY_PORT"])}

    def suite(action: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(LOCAL / "suite.sh"), action], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=240)

    try:
        yield run, ports, suite
    finally:
        suite("stop")


def pids(run, name: str) -> tuple[int, int]:
    return int((run / "pids" / f"{name}.pid").read_text()), int((run / "pids" / f"{name}.child").read_text())


def test_kill_9_under_the_supervised_suite_is_restarted_and_down_stops_everything(suite_dir):
    run, ports, suite = suite_dir
    started = suite("start")
    assert started.returncode == 0, started.stdout + started.stderr
    assert "Rapport is up" in started.stdout
    before = {name: pids(run, name) for name in KEEP}
    assert all(alive(s) and alive(c) for s, c in before.values())

    for name in ("nudge-worker-1", "accounts"):
        supervisor, child = before[name]
        os.kill(child, signal.SIGKILL)
        t0 = time.monotonic()
        new = wait_for(lambda: (c := pids(run, name)[1]) != child and alive(c) and c, 30, f"{name} to be restarted")
        assert alive(supervisor) and pids(run, name)[0] == supervisor
        log = (run / "logs" / f"{name}.log").read_text()
        assert f"supervise: {name} exited (status 137" in log and "restart #1" in log
        print(f"{name}: pid {child} killed, pid {new} running after {time.monotonic() - t0:.1f}s")

    # the restarted API answers again, through the gateway
    wait_for(lambda: answers(f"http://127.0.0.1:{ports['ACCOUNTS_PORT']}/healthz"), 60, "accounts to answer again")
    status = suite("status").stdout
    assert "nudge-worker-1: running" in status and "restarts 1" in status

    every = [pid for name in KEEP for pid in pids(run, name)]
    stopped = suite("stop")
    assert stopped.returncode == 0, stopped.stderr
    wait_for(lambda: not any(alive(p) for p in every), 30, "every supervisor and process to exit")
    assert not list((run / "pids").glob("*"))
    # nothing came back after the stop (a supervisor never restarts what it was told to stop)
    time.sleep(2)
    assert not any(alive(p) for p in every)
    assert "stopped" in (run / "logs" / "nudge-worker-1.log").read_text().splitlines()[-1]
