"""Sign-in, measured in-process against real servers (FerretDB, Mailpit), with its raw ceilings
measured in the same run:

* asking for a code (`POST /signin/email`) for a member and for a stranger, interleaved: the
  two must take about the same time (no account enumeration by timing); the ceiling is one
  SMTP hand-off to Mailpit plus one insert;
* a whole sign-in (authorize page → code by email → code page → token exchange) and a refresh
  (claim the old refresh token, store the new one, sign an ES256 token); the ceiling of the
  latter is its database round trips plus the signature alone.
"""
from __future__ import annotations

import dataclasses
import smtplib
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from email.message import EmailMessage
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from services.accounts import app as accounts_app
from services.accounts.adapters.store import MongoAccountStore
from services.accounts.service_layer.accounts import Accounts
from shared import db
from shared.auth import TokenIssuer
from shared.settings import load_settings
from tests.servers import OwnMailpit
from tests.signin import Browser, authorize_params, field, pkce, refresh, sign_in

from .table import table

ROUNDS = 60


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def run(servers) -> str:
    # the server stops (ExitStack) before its folder is removed: its pid file lives there
    with tempfile.TemporaryDirectory(prefix="bench-mail-") as tmp, ExitStack() as stack:
        mailpit = OwnMailpit(Path(tmp), stack)
        mailpit.start()
        return _run(servers, mailpit)


def _run(servers, mailpit) -> str:
    uid = uuid.uuid4().hex[:8]
    env = {"MONGO_URI": servers.mongo_uri, "KAFKA_BOOTSTRAP": servers.kafka_bootstrap,
           "RAPPORT_DB_PREFIX": f"bench{uid}_", "RAPPORT_TOPIC_PREFIX": f"bench{uid}."}
    settings = load_settings("accounts", env, require_keys=False)  # accounts verifies with its key ring
    extra = {"ACCOUNTS_SMTP_HOST": mailpit.smtp_host, "ACCOUNTS_SMTP_PORT": str(mailpit.smtp_port),
             "ACCOUNTS_SIGNIN_PER_ADDRESS": "1000", "ACCOUNTS_SIGNIN_PER_IP": "100000"}
    app = accounts_app.create_app(dataclasses.replace(settings, extra={**settings.extra, **extra}))
    browser = Browser(app.test_client())
    service = Accounts(MongoAccountStore())
    org = service.create_org(f"Bench {uid}", f"bench-{uid}")
    member = service.create_member(org["_id"], f"member-{uid}@example.test", "Bench Member")

    _, challenge = pkce()
    pending = field(browser.get("/oauth2/authorize", authorize_params(challenge)).text, "pending")
    times: dict[str, list[float]] = {"member": [], "stranger": []}
    for i in range(ROUNDS):
        for who, email in (("member", member["email"]), ("stranger", f"nobody-{uid}-{i}@example.test")):
            started = time.perf_counter()
            answer = browser.post("/signin/email", {"pending": pending, "email": email})
            times[who].append(time.perf_counter() - started)
            assert answer.status == 200, answer.text[:300]

    smtp, inserts = [], []
    coll = db.database()["bench_raw"]
    for i in range(ROUNDS):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.test", f"raw-{i}@example.test", "raw"
        message.set_content("123456")
        started = time.perf_counter()
        with smtplib.SMTP(mailpit.smtp_host, mailpit.smtp_port, timeout=10) as server:
            server.send_message(message)
        smtp.append(time.perf_counter() - started)
        started = time.perf_counter()
        coll.insert_one({"_id": f"r{i}", "email": "x", "n": i})
        inserts.append(time.perf_counter() - started)
    raw = [a + b for a, b in zip(smtp, inserts)]

    started = time.perf_counter()
    signins = 10
    for _ in range(signins):
        tokens = sign_in(browser, mailpit, member["email"])
    signin_s = (time.perf_counter() - started) / signins
    refreshes, token = [], tokens["refresh_token"]
    for _ in range(ROUNDS):
        started = time.perf_counter()
        answer = refresh(browser, token)
        refreshes.append(time.perf_counter() - started)
        token = answer.json["refresh_token"]
    key = ec.generate_private_key(ec.SECP256R1())
    issuer = TokenIssuer("bench", "rapport", "k", key)
    signs = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        issuer.issue("o", "m", ["member"], device_id="d")
        signs.append(time.perf_counter() - started)

    m50, m95 = _ms(times["member"])
    s50, s95 = _ms(times["stranger"])
    r50, r95 = _ms(raw)
    f50, f95 = _ms(refreshes)
    g50, g95 = _ms(signs)
    rows = [["ask for a code: member", f"{m50:.1f}", f"{m95:.1f}"],
            ["ask for a code: stranger", f"{s50:.1f}", f"{s95:.1f}"],
            ["  raw: one SMTP hand-off + one insert", f"{r50:.1f}", f"{r95:.1f}"],
            ["refresh (rotate + sign)", f"{f50:.1f}", f"{f95:.1f}"],
            ["  raw: one ES256 signature", f"{g50:.2f}", f"{g95:.2f}"],
            ["whole sign-in, mean (5 requests, mail read back)", f"{signin_s * 1000:.1f}", ""]]
    ratio = m50 / s50 if s50 else float("nan")
    return (table(["what", "p50 ms", "p95 ms"], rows)
            + f"\n\n{ROUNDS} rounds each, interleaved. Member/stranger p50 ratio: {ratio:.2f} "
              "(both paths store a challenge and hand one mail to SMTP).\n")
