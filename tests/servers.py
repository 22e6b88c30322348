"""Where the tests find Kafka and a MongoDB-wire server, in this order:

1. RAPPORT_TEST_KAFKA_BOOTSTRAP and RAPPORT_TEST_MONGO_URI, when set (a real MongoDB 7 or
   Kafka cluster; both must be given);
2. testcontainers (mongo:7 and apache/kafka), when a Docker engine answers;
3. otherwise the project's own local servers (deploy/local/*.sh: Kafka, PostgreSQL and
   FerretDB on it; `FERRETDB_BACKEND=sqlite` for FerretDB on SQLite), started on free ports
   with data in a temporary folder and stopped at the end of the session.
Nothing is ever skipped for lack of Docker.

Mailpit (mail the code sends) and Ory Hydra (an OpenID Connect provider) are always the
project's own processes (OwnMailpit, OwnHydra), started only by the sessions that use them.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
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


def _own_postgres(stack: ExitStack, options: str = "") -> tuple[str, Path] | None:
    """A PostgreSQL for FerretDB on a free port, stopped by `stack` (None with FERRETDB_BACKEND=sqlite);
    `options`: more server settings (`-c name=value ...`). Returns its URL and its log. Its data
    is not under pytest's private temp folder: it runs as another user when we are root."""
    if os.environ.get("FERRETDB_BACKEND", "postgresql") != "postgresql":
        return None
    run_dir = Path(os.environ.get("RAPPORT_RUN", ROOT / ".run"))
    run_dir.mkdir(parents=True, exist_ok=True)
    pg_dir = tempfile.mkdtemp(prefix="test-postgres-", dir=run_dir)
    os.chmod(pg_dir, 0o755)
    stack.callback(shutil.rmtree, pg_dir, ignore_errors=True)
    env = {"POSTGRES_PORT": str(free_port()), "POSTGRES_DATA_DIR": pg_dir, "POSTGRES_OPTIONS": options}
    stack.callback(_run, "postgres.sh", "stop", env)
    _run("postgres.sh", "start", env)
    return f"postgres://postgres@127.0.0.1:{env['POSTGRES_PORT']}/ferretdb", Path(pg_dir) / "postgres.log"


def _local(stack: ExitStack, workdir: Path) -> Servers:
    kafka_port, kafka_ctl = free_port(), free_port()
    kafka_env = {"KAFKA_PORT": str(kafka_port), "KAFKA_CONTROLLER_PORT": str(kafka_ctl),
                 "KAFKA_DATA_DIR": str(workdir / "kafka")}
    stack.callback(_run, "kafka.sh", "stop", kafka_env)
    _run("kafka.sh", "start", kafka_env)
    store = OwnFerretDB(workdir, stack, name="ferretdb")
    store.start()
    return Servers(f"127.0.0.1:{kafka_port}", store.uri, "local processes")


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
    """A FerretDB (deploy/local/ferretdb.sh on a free port, data in `workdir`) on a PostgreSQL of
    its own, both stopped by `stack`: the session's servers, and fault tests that stop, restart
    or freeze the store under running processes without touching the session's. Stopping
    keeps the data: `start()` again serves the same."""

    def __init__(self, workdir: Path, stack: ExitStack, name: str = "ferretdb-own", postgres_options: str = ""):
        self.port = free_port()
        self.env = {"FERRETDB_PORT": str(self.port), "FERRETDB_DATA_DIR": str(workdir / name)}
        postgres = _own_postgres(stack, postgres_options)
        self.postgres_log = postgres[1] if postgres else None
        if postgres:
            self.env["FERRETDB_POSTGRESQL_URL"] = postgres[0]
        self.uri = f"mongodb://127.0.0.1:{self.port}/"
        stack.callback(self.stop)

    # PostgreSQL settings under which every plan is logged and sequential scans are forbidden:
    # the planner then scans a table only when no index can answer the statement
    PLANS = ("-c enable_seqscan=off -c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 "
             "-c auto_explain.log_nested_statements=on")

    def log_mark(self) -> int:
        return self.postgres_log.stat().st_size

    def scans_since(self, mark: int) -> dict[str, list[str]]:
        """The collections' tables PostgreSQL scanned since `mark` (with postgres_options=PLANS),
        each with the statements that did (FerretDB's own `_ferretdb_*` tables aside)."""
        import re
        with open(self.postgres_log, errors="replace") as f:
            f.seek(mark)
            text = f.read()
        found: dict[str, list[str]] = {}
        for entry in text.split("LOG:  duration:")[1:]:
            query = re.search(r"Query Text: (.*)", entry)
            for table in re.findall(r'Seq Scan on (?:"?\w+"?\.)?"?(\w+)"?', entry):
                if not table.startswith("_ferretdb"):
                    found.setdefault(table, []).append(query.group(1)[:300] if query else "?")
        return found

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


class _OwnScript:
    """A server run by one deploy/local script with `env`; stopped by the ExitStack it was given."""

    SCRIPT = ""
    env: dict[str, str]

    def start(self) -> None:
        _exit_on_sigterm()
        _run(self.SCRIPT, "start", self.env)

    def stop(self) -> None:
        _run(self.SCRIPT, "stop", self.env)


class OwnMailpit(_OwnScript):
    """A Mailpit (deploy/local/mailpit.sh on free ports, data in `workdir`), stopped by `stack`:
    the SMTP server the code under test sends to, and the HTTP API the test reads the mail from.
    It is the session's: give each test its own recipient addresses."""

    SCRIPT = "mailpit.sh"

    def __init__(self, workdir: Path, stack: ExitStack, name: str = "mailpit"):
        self.smtp_host = "127.0.0.1"
        self.smtp_port = free_port()
        http_port = free_port()
        self.api_url = f"http://127.0.0.1:{http_port}"
        self.env = {"MAILPIT_SMTP_PORT": str(self.smtp_port), "MAILPIT_HTTP_PORT": str(http_port),
                    "MAILPIT_DATA_DIR": str(workdir / name), "MAILPIT_MAX": "10000"}
        stack.callback(self.stop)

    def messages(self, to: str | None = None) -> list[dict]:
        """Summaries of the mails kept, newest first (`ID`, `From`, `To`, `Cc`, `Subject`,
        `Snippet`, `Created`, ...); with `to`, only those whose To header has that address.
        Mailpit's `to:` search matches parts of addresses, so the exact address is checked here."""
        import requests

        if to is None:
            url, params = f"{self.api_url}/api/v1/messages", {"limit": "10000"}
        else:
            url, params = f"{self.api_url}/api/v1/search", {"query": f'to:"{to}"', "limit": "10000"}
        response = requests.get(url, params=params, timeout=10)
        response.raise_for_status()
        found = response.json()["messages"]
        if to is None:
            return found
        return [m for m in found if any(a["Address"].lower() == to.lower() for a in m["To"] or ())]

    def text(self, message_id: str) -> str:
        """The plain-text body of one mail (this marks it read)."""
        import requests

        response = requests.get(f"{self.api_url}/api/v1/message/{message_id}", timeout=10)
        response.raise_for_status()
        return response.json()["Text"]

    def wait_for(self, to: str, timeout: float = 10.0, newer_than_count: int = 0) -> dict:
        """The newest mail to `to` once more than `newer_than_count` have arrived (take
        `len(messages(to=...))` before the action that sends one); fails after `timeout` s."""
        from .waiting import wait_for

        def newest() -> dict | None:
            found = self.messages(to=to)
            return found[0] if len(found) > newer_than_count else None

        return wait_for(newest, timeout=timeout, what=f"mail number {newer_than_count + 1} to {to}",
                        show=lambda: [m["Subject"] for m in self.messages(to=to)])


class OwnHydra(_OwnScript):
    """An Ory Hydra (deploy/local/hydra.sh on free ports, in memory), stopped by `stack`: the
    OpenID Connect provider of single sign-on tests. There is no login app: `sign_in` plays the
    browser and accepts the login and consent challenges through the admin API."""

    SCRIPT = "hydra.sh"
    REDIRECTS = (301, 302, 303, 307, 308)

    def __init__(self, workdir: Path, stack: ExitStack, name: str = "hydra"):
        public, admin = free_port(), free_port()
        self.issuer = f"http://127.0.0.1:{public}/"
        self.admin_url = f"http://127.0.0.1:{admin}"
        self.env = {"HYDRA_PUBLIC_PORT": str(public), "HYDRA_ADMIN_PORT": str(admin), "HYDRA_ISSUER": self.issuer,
                    "HYDRA_DATA_DIR": str(workdir / name)}
        stack.callback(self.stop)

    def create_client(self, redirect_uris, client_id: str | None = None, secret: str | None = None,
                      **fields) -> tuple[str, str]:
        """A confidential client (authorization_code and refresh_token grants, scope
        "openid email profile", client_secret_basic) registered through the admin API; Hydra
        picks the id and secret not given. `fields` override or add client fields, e.g.
        token_endpoint_auth_method="client_secret_post". Returns (client_id, secret)."""
        import requests

        body = {"client_name": "rapport-test", "redirect_uris": list(redirect_uris),
                "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
                "scope": "openid email profile", "token_endpoint_auth_method": "client_secret_basic",
                "skip_consent": True, **({"client_id": client_id} if client_id else {}),
                **({"client_secret": secret} if secret else {}), **fields}
        response = requests.post(f"{self.admin_url}/admin/clients", json=body, timeout=10)
        if response.status_code != 201:
            raise AssertionError(f"creating a client failed: {response.status_code} {response.text[:500]}")
        made = response.json()
        return made["client_id"], made["client_secret"]

    def _accept(self, kind: str, challenge: str, body: dict) -> str:
        import requests

        response = requests.put(f"{self.admin_url}/admin/oauth2/auth/requests/{kind}/accept",
                                params={f"{kind}_challenge": challenge}, json=body, timeout=10)
        if response.status_code != 200:
            raise AssertionError(f"accepting the {kind} failed: {response.status_code} {response.text[:500]}")
        return response.json()["redirect_to"]

    def _consent(self, challenge: str, email: str, email_verified: bool) -> str:
        import requests

        asked = requests.get(f"{self.admin_url}/admin/oauth2/auth/requests/consent",
                             params={"consent_challenge": challenge}, timeout=10)
        asked.raise_for_status()
        request = asked.json()
        return self._accept("consent", challenge, {
            "grant_scope": request["requested_scope"],
            "grant_access_token_audience": request["requested_access_token_audience"] or [],
            "remember": False, "session": {"id_token": {"email": email, "email_verified": email_verified}}})

    def sign_in(self, authorization_url: str, subject: str, email: str, email_verified: bool = True) -> str:
        """Play the browser from `authorization_url` (built by the code under test) to the
        client's redirect URI, signing in as `subject` with `email` in the ID token, and return
        that last URL (with `code` and `state`, or Hydra's `error`) without opening it."""
        from urllib.parse import parse_qs, urljoin, urlsplit

        import requests

        def without_query(url: str) -> str:
            return url.split("#")[0].split("?")[0]

        redirect_uri = parse_qs(urlsplit(authorization_url).query)["redirect_uri"][0]
        browser = requests.Session()
        url = authorization_url
        for _ in range(10):
            response = browser.get(url, allow_redirects=False, timeout=10)
            if response.status_code not in self.REDIRECTS:
                raise AssertionError(f"{url} answered {response.status_code}, not a redirect: {response.text[:500]}")
            url = urljoin(url, response.headers["Location"])
            if without_query(url) == without_query(redirect_uri):
                return url
            query = parse_qs(urlsplit(url).query)
            if "login_challenge" in query:
                url = self._accept("login", query["login_challenge"][0], {"subject": subject, "remember": False})
            elif "consent_challenge" in query:
                url = self._consent(query["consent_challenge"][0], email, email_verified)
            else:
                raise AssertionError(f"Hydra sent the browser to {url}, neither login, consent nor {redirect_uri}")
        raise AssertionError(f"no way back to {redirect_uri} after 10 redirects (last {url})")
