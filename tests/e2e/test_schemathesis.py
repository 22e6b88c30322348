"""Property-based layer: schemathesis drives every operation of each served OpenAPI document
(`/v1/openapi/<service>.json`, fetched and exercised through the gateway, against the whole
process suite) with generated valid and invalid requests — its examples, coverage (boundary
values, wrong types, missing and unexpected parts) and fuzzing phases — as a fresh member
(admin-only routes as an admin of the same organisation), and checks every answer: no 5xx, a
documented status, the documented content type and headers, a body that conforms to the
documented schema, and input the document calls invalid refused with a 4xx.

It runs schemathesis's own engine rather than its pytest plugin (whose lazy fixture loader
rewrites `Function._nodeid`, which pytest 9.2 no longer has), one test per document; a failure
lists each broken check with the curl that reproduces it.

Run alone: `.venv/bin/pytest tests/e2e/test_schemathesis.py -s` (-s prints requests, statuses and
known defects met). `RAPPORT_SCHEMATHESIS_EXAMPLES` sets the fuzzing examples per operation
(default below), `RAPPORT_SCHEMATHESIS_SEED` the seed (default: a new one each run, printed),
`RAPPORT_SCHEMATHESIS_EXTRA_CHECKS` adds schemathesis checks by name (e.g.
`positive_data_acceptance`) to explore.
"""
from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
from schemathesis import checks
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from schemathesis.engine.recorder import Request

from .conftest import cli

pytestmark = pytest.mark.e2e

EXAMPLES = int(os.environ.get("RAPPORT_SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "response_headers_conformance",
          "negative_data_rejection",  # invalid input (by the document) is refused with one of:
          *os.environ.get("RAPPORT_SCHEMATHESIS_EXTRA_CHECKS", "").split()]
# (414: gunicorn refuses a request line over its limit before any app sees it — a refusal too)
REJECTIONS = ["400", "401", "403", "404", "405", "409", "413", "414", "415", "422", "426"]
# every admin route: GET/POST /v1/members, invitations, PATCH a member, resend, offboard, erase, the audit log
ADMIN_ONLY = r"^/v1/(members(/invitations|/\{member_id\}(/(offboard|erase|invitation))?)?|audit|org/sso)$"


@dataclass(frozen=True)
class KnownDefect:
    """A defect in code others own (contacts, the gateway, the shared server set-up): the
    failures of `checks` on the requests `applies` to are counted and printed, not failed.
    Fixing the defect and deleting its entry re-enables exactly those checks."""

    name: str
    checks: frozenset[str]
    applies: Callable[[str, Request], bool]  # (operation label, request as sent)


def request_line_bytes(request: Request) -> int:
    """`GET /path?query HTTP/1.1` as sent (the URI is already percent-encoded)."""
    url = urlsplit(request.uri)
    return len(f"{request.method} {url.path}{'?' if url.query else ''}{url.query} HTTP/1.1")


def json_body(request: Request):
    try:
        return json.loads(request.body or b"")
    except ValueError:
        return None


GUNICORN_LIMIT_REQUEST_LINE = 8190  # the most gunicorn allows (shared/gunicorn_conf.py limit_request_line)
KNOWN_DEFECTS = [
    # Gateway (and every service: the same gunicorn settings): a request line over 8190 bytes,
    # the most gunicorn takes (a 512-character `cursor` of 4-byte characters, 6 KiB
    # percent-encoded, fits), is refused by gunicorn itself before any app sees it: 400/414
    # `text/html`, not problem+json.
    # By design, not defects: a sync push answers 200 with a result per mutation, an invalid
    # mutation `rejected` and the rest applied (a device is never blocked by one bad record);
    # an import takes any text as a CSV file and reports unusable rows in the job.
    KnownDefect("a sync push rejects invalid mutations one by one, inside a 200",
                frozenset({"negative_data_rejection"}),
                lambda label, request: label in ("POST /v1/sync/contacts/push", "POST /v1/sync/nudges/push")),
    KnownDefect("an import takes any text/csv body and reports its rows in the job",
                frozenset({"negative_data_rejection"}),
                lambda label, request: label == "POST /v1/imports"),
    KnownDefect("gunicorn answers an over-long request line with text/html",
                frozenset({"content_type_conformance", "response_schema_conformance"}),
                lambda label, request: request_line_bytes(request) > GUNICORN_LIMIT_REQUEST_LINE),
]


def known_defect(label: str, check: str, request: Request) -> KnownDefect | None:
    return next((d for d in KNOWN_DEFECTS if check in d.checks and d.applies(label, request)), None)


@pytest.fixture
def tokens(suite):
    """A fresh organisation with a member and an admin, for one test: the accounts run may
    offboard or erase whomever it finds (its admin routes), which must not shut out the next."""
    org = dict(line.split("=", 1) for line in cli(suite, "create-org", f"st-{uuid.uuid4().hex[:8]}").split())
    out = {}
    for who, roles in (("member", ["--role", "member"]), ("admin", ["--role", "member", "--role", "admin"])):
        email = f"{who}-{uuid.uuid4().hex[:8]}@example.org"
        cli(suite, "create-member", org["ORG_SLUG"], email, f"Property {who}", *roles)
        out[who] = cli(suite, "issue-token", org["ORG_SLUG"], email).strip()
    return out


OTHER_CHECKS = ["positive_data_acceptance", "use_after_free", "ensure_resource_availability",
                "missing_required_header", "ignored_auth", "unsupported_method", "allow_header_conformance"]


def config_for(base_url: str, tokens: dict[str, str], seed: int, enabled: list[str]) -> SchemathesisConfig:
    bearer = {who: {"Authorization": f"Bearer {token}"} for who, token in tokens.items()}
    check_config = {name: {"enabled": name in enabled} for name in {*CHECKS, *OTHER_CHECKS}}
    check_config["negative_data_rejection"]["expected-statuses"] = REJECTIONS
    return SchemathesisConfig.from_dict({
        "base-url": base_url,
        "cache": {"enabled": False},  # no state across runs (nor a .schemathesis/ in the work tree)
        "headers": bearer["member"],
        "request-timeout": 30,
        "seed": seed,
        "checks": check_config,
        "phases": {"stateful": {"enabled": False}},
        "generation": {"max-examples": EXAMPLES, "database": "none"},
        "operations": [{"include-path-regex": ADMIN_ONLY, "headers": bearer["admin"]}],
    })


def run(schema) -> tuple[list[str], Counter, Counter, Counter]:
    """Every failed check (deduplicated by operation, check and title) with a reproduction; the
    requests sent per phase; the statuses answered per operation; known defects met."""
    found: dict[tuple, str] = {}
    phases: Counter = Counter()
    statuses: Counter = Counter()
    known: Counter = Counter()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            phases[event.phase.value] += len(recorder.interactions)
            for interaction in recorder.interactions.values():
                if interaction.response is not None:
                    statuses[(recorder.label, interaction.response.status_code)] += 1
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    if check.failure_info is None:
                        continue
                    interaction = recorder.interactions.get(case_id)
                    defect = interaction and known_defect(recorder.label, check.name, interaction.request)
                    if defect:
                        known[(recorder.label, defect.name)] += 1
                        continue
                    failure = check.failure_info.failure
                    answered = interaction.response.status_code if interaction and interaction.response else None
                    found.setdefault((recorder.label, check.name, failure.title),
                                     f"{recorder.label} — {check.name}: {failure.title} (status {answered})\n"
                                     f"  {failure.message.strip()[:600]}\n  {check.failure_info.code_sample[:1500]}")
        elif isinstance(event, events.NonFatalError):
            found.setdefault((event.label, "error"), f"{event.label} — error: {event.value!r}")
        elif isinstance(event, events.FatalError):
            raise event.exception
    return list(found.values()), phases, statuses, known


@pytest.mark.parametrize("service", ["accounts", "goals", "contacts", "nudges"])
def test_every_operation_answers_as_documented(suite, tokens, service):
    seed = int(os.environ.get("RAPPORT_SCHEMATHESIS_SEED") or uuid.uuid4().int % 2**32)
    schema = schemathesis.openapi.from_url(f"{suite.base_url}/v1/openapi/{service}.json",
                                           config=config_for(suite.base_url, tokens, seed, CHECKS))
    failures, phases, statuses, known = run(schema)
    by_class = Counter(f"{status // 100}xx" for (_, status), n in statuses.items() for _ in range(n))
    print(f"\n{service} (RAPPORT_SCHEMATHESIS_SEED={seed}): {sum(phases.values())} requests, "
          f"phases {dict(phases)}, answers {dict(by_class)}")
    for (label, name), n in sorted(known.items()):
        print(f"  known defect, not failed ({n}×): {label}: {name}")
    operations = {label for label, _ in statuses}
    assert len(operations) == len(list(schema.get_all_operations()))  # every operation was exercised
    # the tokens work, the admin's where needed: every operation answered something other than
    # 401 or 403 at least once
    assert not [op for op in operations if {s for (o, s) in statuses if o == op} <= {401, 403}]
    assert by_class["2xx"] > 0
    assert not failures, (f"{len(failures)} kinds of failure in {service} (RAPPORT_SCHEMATHESIS_SEED={seed}):\n\n"
                          + "\n\n".join(failures))


def test_a_real_ics_feed_answers_as_documented(suite, tokens):
    """Generated secrets only ever find 404s: the calendar itself (200 `text/calendar`, no token)
    is checked against the document with a real secret."""
    feed = requests.post(f"{suite.base_url}/v1/feeds/ics", timeout=30,
                         headers={"Authorization": f"Bearer {tokens['member']}"})
    assert feed.status_code == 201, feed.text
    secret = feed.json()["path"].rsplit("/", 1)[-1].removesuffix(".ics")
    schema = schemathesis.openapi.from_url(f"{suite.base_url}/v1/openapi/nudges.json",
                                           config=SchemathesisConfig.from_dict({"base-url": suite.base_url,
                                                                                "cache": {"enabled": False}}))
    case = schema["/v1/feeds/ics/{secret}.ics"]["GET"].Case(path_parameters={"secret": secret})
    checks.load_all_checks()
    response = case.call_and_validate(checks=[getattr(checks, name) for name in CHECKS])
    assert response.status_code == 200 and response.headers["content-type"][0].startswith("text/calendar")
    assert response.text.startswith("BEGIN:VCALENDAR\r\n")
