"""The web app in a real browser: Debian's Chromium (/usr/bin/chromium, which .ci/run installs)
driven by Playwright, against the e2e suite's gateway, which serves clients/web/dist.

Playwright's own browser downloads are never used (`playwright install` is not run anywhere):
a missing /usr/bin/chromium fails these tests, loudly, rather than skipping them, so a run
without a browser can never pass for one with it.

- `chromium`: the session's browser;
- `device()`: a new phone-sized browser context, a device of its own (storage, service worker,
  IndexedDB); call it twice for two devices of one member;
- `sign_in(page, suite, mailpit, email)`: the member signs in through the app, as a person does;
  `signed_in(device, suite, mailpit, email, count)`: that many devices of the member, signed in and synced;
- `screenshot(page, name)`: docs/screenshots/<name>.png, for the README;
- `axe_violations(page)`: axe-core's serious and critical findings on the page as it is now;
- `nav(page, name)`, `synced(page)`, `sync_now(page)`: the app's main navigation and its sync bar.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ...servers import ROOT
from ...signin import emailed

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SCREENSHOTS = ROOT / "docs" / "screenshots"
TIMEOUT_MS = 20_000
SYNC_MS = 30_000  # how long one sync may take on a loaded CI machine
AXE = ROOT / "clients" / "web" / "node_modules" / "axe-core" / "axe.min.js"  # a dev dependency of the app
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SERVER_PAGES = ("/oauth2", "/signin")  # sign-in's pages: the browser is not back on the app there


@pytest.fixture(scope="session", autouse=True)
def web_app_built():
    """The build the gateway serves: clients/web/dist, built (or found current) by
    deploy/local/web.sh, as `make test` does before pytest; or GATEWAY_WEB_ROOT when it names
    another build."""
    other = os.environ.get("GATEWAY_WEB_ROOT")
    if other:
        if not (Path(other) / "index.html").is_file():
            pytest.fail(f"GATEWAY_WEB_ROOT={other} holds no index.html: build the app there, or unset it")
        return Path(other)
    result = subprocess.run([str(ROOT / "deploy" / "local" / "web.sh"), "build"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail("the web app could not be built (deploy/local/web.sh build; `make web`):\n"
                    + (result.stdout + result.stderr)[-3000:], pytrace=False)
    return ROOT / "clients" / "web" / "dist"


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"no {CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does); "
                    "Playwright's own browser downloads are not used", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def device(chromium, suite):
    """A factory of phone-sized browser contexts on the suite's gateway (`page.goto("/")`
    works); each is a device of its own. Closed after the test."""
    contexts = []

    def make(**options):
        context = chromium.new_context(base_url=suite.base_url, service_workers="allow", **{**PHONE, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _back_on_app(base_url: str):
    def check(url: str) -> bool:
        parts = urlsplit(url)
        return (url.startswith(base_url + "/")
                and not any(parts.path == p or parts.path.startswith(p + "/") for p in SERVER_PAGES))
    return check


def sign_in(page, suite, mailpit, email: str) -> None:
    """From the app's start page through accounts' sign-in pages (email, then the emailed
    code) and back: returns once the app shows its navigation."""
    from playwright.sync_api import expect

    before = len(mailpit.messages(to=email))
    page.goto(suite.base_url + "/")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(re.escape(suite.base_url) + r"/oauth2/authorize\?"))
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Email me a code").click()
    code_field = page.get_by_label("Code from the email")
    code_field.wait_for()
    code, _ = emailed(mailpit, email, before)
    assert code, f"no six-digit code in the mail to {email}"
    code_field.fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(_back_on_app(suite.base_url))
    expect(page.get_by_role("navigation")).to_be_visible(timeout=TIMEOUT_MS)


def signed_in(device, suite, mailpit, email: str, count: int = 1) -> list:
    """`count` devices of the member, each signed in through the app and synced once:
    a list of (context, page)."""
    out = []
    for _ in range(count):
        context = device()
        page = context.new_page()
        sign_in(page, suite, mailpit, email)
        out.append((context, page))
    for _, page in out:
        synced(page)
    return out


def screenshot(page, name: str) -> Path:
    """The page as a phone shows it (the viewport, not the whole page), for the README."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise ValueError(f"a screenshot name is lower-case words and dashes, got {name!r}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical findings (WCAG 2.1 A and AA, and its best practices) on
    the page as it is now. axe is evaluated through the browser's debugging protocol, which the
    app's Content-Security-Policy does not apply to (it refuses injected script tags)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found = page.evaluate("""async (rules) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: rules}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", AXE_RULES)
    return [v for v in found if v["impact"] in ("serious", "critical")]


def nav(page, name: str):
    """A link of the app's main navigation (Today, Capture, People, Strategy, More)."""
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def synced(page) -> None:
    """Nothing of this device waits for the server."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("waiting")).to_have_text("All synced", timeout=SYNC_MS)


def sync_now(page) -> None:
    """Press "Sync now" and wait until a sync finished after the press (the bar's
    `data-last-sync` moves on) with nothing left waiting."""
    from playwright.sync_api import expect

    bar = page.locator(".syncbar")
    before = bar.get_attribute("data-last-sync") or ""
    bar.get_by_role("button", name="Sync now").click()
    expect(bar).not_to_have_attribute("data-last-sync", before, timeout=SYNC_MS)
    synced(page)
