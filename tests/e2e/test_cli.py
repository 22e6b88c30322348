"""The `rapport` command line and the SDK against the real suite, through the gateway: signing in
with the device grant (the code read from Mailpit), capturing with the gateway down, one sync
that sends each change once, a second SDK client pulling it all, a conflict reported and
settled, an import followed to its end; every `--json` answer parses."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from ..signin import Browser, emailed, field
from .conftest import on_device

pytestmark = pytest.mark.e2e
RAPPORT = str(Path(sys.executable).parent / "rapport")


class Terminal:
    """`rapport …` as a person's shell runs it, with a home of its own."""

    def __init__(self, home: Path, base_url: str):
        self.env = {**os.environ, "RAPPORT_HOME": str(home), "RAPPORT_TOKEN_STORE": "file",
                    "RAPPORT_BASE_URL": base_url}

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess:
        done = subprocess.run([RAPPORT, *args], env=self.env, capture_output=True, text=True, timeout=120)
        assert done.returncode == code, f"rapport {' '.join(args)} → {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def json(self, *args: str, code: int = 0):
        return json.loads(self.run("--json", *args, code=code).stdout)

    def login(self, suite, mailpit, email: str) -> dict:
        """`rapport login`: the device grant, approved in a "browser" with the emailed code."""
        proc = subprocess.Popen([RAPPORT, "--json", "login"], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        first = proc.stderr.readline() + proc.stderr.readline()
        user_code = re.search(r"enter the code ([A-Z0-9-]+)", first)
        assert user_code, first
        browser = Browser(requests.Session(), suite.base_url)
        entered = browser.post("/device", {"user_code": user_code.group(1)})
        assert entered.status == 200, entered.text[:500]
        before = len(mailpit.messages(to=email))
        sent = browser.post("/signin/email", {"pending": field(entered.text, "pending"), "email": email})
        code, _ = emailed(mailpit, email, before)
        assert browser.post("/signin/code", {"challenge": field(sent.text, "challenge"), "code": code}).status == 200
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        return json.loads(out)


def vcard(*cards: str) -> str:
    return "".join(cards)


GOOD = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{0}\r\nEMAIL:{1}\r\nEND:VCARD\r\n"
BAD = "BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:no name at all\r\nEND:VCARD\r\n"


@pytest.fixture
def gateway(suite):
    """Stop and start the suite's gateway (always running again after the test)."""
    class Control:
        def stop(self):
            suite.kill("gateway", signal.SIGTERM)

        def start(self):
            suite.start(only={"gateway"})
            suite.wait_ready()

    control = Control()
    yield control
    if "gateway" not in suite.processes:
        control.start()


def test_capture_offline_sync_once_second_client_conflict_import(suite, mailpit, member, gateway, tmp_path):
    from rapport_sdk.http import Http
    from rapport_sdk.sync import HttpTransport, Store, SyncEngine

    me = member()
    term = Terminal(tmp_path / "laptop", suite.base_url)
    who = term.login(suite, mailpit, me.email)
    assert who["email"] == me.email and who["device_id"]
    assert term.json("whoami")["email"] == me.email
    assert oct((tmp_path / "laptop" / "tokens" / "default.json").stat().st_mode & 0o777) == "0o600"

    gateway.stop()
    for name, more in (("Grace Hopper", ["--company", "US Navy", "--title", "Captain", "--tier", "mentor",
                                         "--need", "a reviewer"]),
                       ("Ada Lovelace", ["--company", "Analytical Engines"]), ("Alan Turing", [])):
        saved = term.json("capture", name, "--met-at", "PyCon US", *more)
        assert saved["state"] == "local", saved
    assert term.json("sync", code=4)["offline"] is True  # nothing lost: it waits on this device
    gateway.start()

    report = term.json("sync")
    assert report["pushed"] == 7, report  # a gathering, three people, three "met" interactions
    people = me.get("/v1/contacts?limit=50").json()["items"]
    assert sorted(p["display_name"] for p in people) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert len(me.get("/v1/interactions?limit=50").json()["items"]) == 3
    assert len(me.get("/v1/gatherings").json()["items"]) == 1
    assert term.json("sync")["pushed"] == 0  # each went once
    listed = term.json("contacts", "list")
    assert {c["display_name"]: c["_state"] for c in listed}["Grace Hopper"] == "synced"

    tablet_client, tablet_device = on_device(suite, me, "tablet")
    tablet = Store(tmp_path / "tablet.sqlite")
    tablet_sync = SyncEngine(HttpTransport(Http(suite.base_url, token=lambda force=False: tablet_client.session.headers[
        "Authorization"].split(" ", 1)[1])), lambda: tablet_device, tablet)
    tablet_sync.run()
    assert sorted(c["display_name"] for c in tablet.all("contacts")) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]

    gateway.stop()
    assert term.json("contacts", "edit", "Grace Hopper", "--title", "Rear Admiral")["state"] == "local"
    gateway.start()
    grace = next(c for c in tablet.all("contacts") if c["display_name"] == "Grace Hopper")
    tablet.save("contacts", grace["id"], {"title": "Commodore"})
    tablet_sync.run()
    conflicted = term.json("sync", code=5)
    [conflict] = conflicted["conflicts"]
    assert (conflict["field"], conflict["mine"], conflict["server_value"]) == ("title", "Rear Admiral", "Commodore")
    assert me.get(f"/v1/contacts/{grace['id']}").json()["title"] == "Commodore"  # nothing overwritten
    term.json("resolve", grace["id"], "--mine", "title")
    term.json("sync")
    assert me.get(f"/v1/contacts/{grace['id']}").json()["title"] == "Rear Admiral"

    file = tmp_path / "people.vcf"
    file.write_text(vcard(GOOD.format("Hedy Lamarr", "hedy@example.org"), BAD,
                          GOOD.format("Katherine Johnson", "kj@example.org")), encoding="utf-8")
    done = term.run("--json", "import", str(file))
    job = json.loads(done.stdout)
    assert job["status"] == "done" and job["counts"]["created"] == 2 and job["counts"]["failed"] == 1, job
    assert job["errors"] and job["errors"][0]["line"] > 1
    assert "Importing people.vcf" in done.stderr
    term.json("sync")
    names = {c["display_name"] for c in term.json("contacts", "search", "Lamarr")}
    assert names == {"Hedy Lamarr"}
    assert "BEGIN:VCARD" in term.run("export", "--format", "vcard").stdout
    assert isinstance(term.json("nudges", "--all"), list)
    assert term.json("goal") == {"goal": None}  # none set yet: said so, not an error
    assert "style" in term.json("plan")
    assert term.json("logout")["signed_out"] is True
    term.run("whoami", code=3)
