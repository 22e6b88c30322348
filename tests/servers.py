"""Where the tests find Kafka and a MongoDB-wire server, in this order:

1. RAPPORT_TEST_KAFKA_BOOTSTRAP and RAPPORT_TEST_MONGO_URI, when set (a real MongoDB 7 or
   Kafka cluster; both must be given);
2. testcontainers (mongo:7 and apache/kafka), when a Docker engine answers;
3. otherwise the project's own local servers (deploy/local/*.sh), started on free ports
   with data in a temporary folder and stopped at the end of the session.
Nothing is ever skipped for lack of Docker.
"""
from __future__ import annotations

import os
import socket
import subprocess
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / "deploy" / "local"


@dataclass(frozen=True)
class Servers:
    kafka_bootstrap: str
    mongo_uri: str
    how: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


def _from_containers(stack: ExitStack) -> Servers:
    from testcontainers.kafka import KafkaContainer
    from testcontainers.mongodb import MongoDbContainer

    mongo = stack.enter_context(MongoDbContainer("mongo:7"))
    kafka = stack.enter_context(KafkaContainer("confluentinc/cp-kafka:7.6.0").with_kraft())
    return Servers(kafka.get_bootstrap_server(), mongo.get_connection_url(), "testcontainers")


def _run(script: str, action: str, env: dict[str, str]) -> None:
    result = subprocess.run([str(LOCAL / script), action], env={**os.environ, **env}, cwd=ROOT,
                            capture_output=True, text=True, timeout=240)
    if result.returncode != 0:
        raise RuntimeError(f"{script} {action} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def _local(stack: ExitStack, workdir: Path) -> Servers:
    kafka_port, kafka_ctl, mongo_port = free_port(), free_port(), free_port()
    kafka_env = {"KAFKA_PORT": str(kafka_port), "KAFKA_CONTROLLER_PORT": str(kafka_ctl),
                 "KAFKA_DATA_DIR": str(workdir / "kafka")}
    mongo_env = {"FERRETDB_PORT": str(mongo_port), "FERRETDB_DATA_DIR": str(workdir / "ferretdb")}
    stack.callback(_run, "kafka.sh", "stop", kafka_env)
    _run("kafka.sh", "start", kafka_env)
    stack.callback(_run, "ferretdb.sh", "stop", mongo_env)
    _run("ferretdb.sh", "start", mongo_env)
    return Servers(f"127.0.0.1:{kafka_port}", f"mongodb://127.0.0.1:{mongo_port}/", "local processes")


def _exit_on_sigterm() -> None:
    """A runner stopped with SIGTERM (e.g. by `timeout`) still stops the servers it started:
    SystemExit unwinds the ExitStack that holds them."""
    import signal
    import sys

    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def _group_coordinator_ready(bootstrap: str, timeout: float = 60.0) -> None:
    """A fresh broker creates its offsets topic on the first group request and answers
    'coordinator not available' until then; tests that start with a group call wait here."""
    import time

    from kafka.admin import KafkaAdminClient
    from kafka.errors import CoordinatorNotAvailableError, NodeNotReadyError

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="rapport-tests-warmup")
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                admin.describe_groups(["rapport-tests-warmup"])
                return
            except (CoordinatorNotAvailableError, NodeNotReadyError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
    finally:
        admin.close()


def start(stack: ExitStack, workdir: Path) -> Servers:
    kafka = os.environ.get("RAPPORT_TEST_KAFKA_BOOTSTRAP")
    mongo = os.environ.get("RAPPORT_TEST_MONGO_URI")
    if kafka and mongo:
        return Servers(kafka, mongo, "external")
    if kafka or mongo:
        raise RuntimeError("set both RAPPORT_TEST_KAFKA_BOOTSTRAP and RAPPORT_TEST_MONGO_URI, or neither")
    _exit_on_sigterm()
    servers = _from_containers(stack) if _docker_answers() else _local(stack, workdir)
    _group_coordinator_ready(servers.kafka_bootstrap)
    return servers


class OwnFerretDB:
    """A FerretDB of one test's own (deploy/local/ferretdb.sh on a free port, data in `workdir`),
    for fault tests that stop, restart or freeze the store under running processes without
    touching the session's servers. Stopping keeps the data: `start()` again serves the same."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.env = {"FERRETDB_PORT": str(self.port), "FERRETDB_DATA_DIR": str(workdir / "ferretdb-own")}
        self.uri = f"mongodb://127.0.0.1:{self.port}/"

    @property
    def pid(self) -> int:
        return int((Path(self.env["FERRETDB_DATA_DIR"]) / "ferretdb.pid").read_text())

    def start(self) -> None:
        _run("ferretdb.sh", "start", self.env)

    def stop(self) -> None:
        _run("ferretdb.sh", "stop", self.env)

    def freeze(self) -> None:
        """SIGSTOP: the server keeps its sockets but answers nothing (a store that hangs)."""
        import signal
        os.kill(self.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        import signal
        os.kill(self.pid, signal.SIGCONT)
