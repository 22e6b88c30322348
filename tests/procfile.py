"""Run deploy/local/Procfile's processes (the same list `make up` runs) for e2e tests."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from .servers import ROOT

PROCFILE = ROOT / "deploy" / "local" / "Procfile"


def stop_groups(processes, timeout: float = 30.0) -> None:
    """SIGTERM each process's group (they finish what they hold), then SIGKILL stragglers."""
    for proc in processes:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for proc in processes:
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def entries(path: Path = PROCFILE) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, command = line.partition(":")
            out.append((name.strip(), command.strip()))
    return out


@dataclass
class Suite:
    base_url: str
    env: dict[str, str]
    logdir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start(self, only: set[str] | None = None) -> None:
        bindir = str(Path(sys.executable).parent)
        env = {**os.environ, **self.env, "PATH": f"{bindir}:{os.environ.get('PATH', '')}"}
        for name, command in entries():
            if only and name not in only:
                continue
            log = open(self.logdir / f"{name}.log", "ab")
            self.processes[name] = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=ROOT, env=env,
                                                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            dead = [n for n, p in self.processes.items() if p.poll() is not None]
            if dead:
                raise RuntimeError(f"processes died: {dead}\n{self.tail(dead[0])}")
            try:
                last = requests.get(f"{self.base_url}/readyz", timeout=5)
                if last.status_code == 200:
                    return
            except requests.RequestException as exc:
                last = exc
            time.sleep(0.3)
        raise RuntimeError(f"suite not ready after {timeout}s: {getattr(last, 'text', last)}")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.processes.pop(name)
        os.killpg(proc.pid, sig)
        proc.wait(30)

    def stop(self) -> None:
        stop_groups(self.processes.values(), timeout=20)
        self.processes.clear()

    def tail(self, name: str, lines: int = 40) -> str:
        path = self.logdir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""
