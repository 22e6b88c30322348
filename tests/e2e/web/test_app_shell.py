"""The web app's shell as the gateway serves the real build (clients/web/dist): what a browser
needs to install it and open it offline, whatever its screens show."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import requests

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n"


def get(suite, path: str, **kw) -> requests.Response:
    return requests.get(suite.base_url + path, timeout=30, **kw)


def test_the_start_page_is_html_revalidated_on_every_visit(suite):
    r = get(suite, "/")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert r.headers["Cache-Control"] == "no-cache"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert re.search(r'<link rel="manifest" href="/manifest\.webmanifest"', r.text), r.text[:2000]


def test_the_manifest_makes_an_installable_app_whose_icons_exist(suite):
    r = get(suite, "/manifest.webmanifest")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/manifest+json")
    assert r.headers["Cache-Control"] == "no-cache"
    manifest = r.json()
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    icons = {icon["sizes"]: icon for icon in manifest["icons"] if icon.get("purpose", "any") == "any"}
    for size in ("192x192", "512x512"):
        assert icons[size]["type"] == "image/png", icons
        icon = requests.get(urljoin(r.url, icons[size]["src"]), timeout=30)
        assert icon.status_code == 200 and icon.headers["Content-Type"] == "image/png", size
        assert icon.content.startswith(PNG), size
    for icon in manifest["icons"]:  # the maskable one too
        assert requests.get(urljoin(r.url, icon["src"]), timeout=30).status_code == 200, icon


def test_the_service_worker_is_at_the_root_and_never_kept_stale(suite):
    r = get(suite, "/sw.js")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/javascript")
    assert r.headers["Cache-Control"] == "no-cache"


def test_an_app_route_answers_the_same_index_html(suite):
    index = get(suite, "/")
    for path in ("/app/callback?code=x&state=y", "/contacts/abc"):
        r = get(suite, path)
        assert r.status_code == 200 and r.content == index.content, path
        assert r.headers["Cache-Control"] == "no-cache", path


def test_an_unknown_asset_is_a_404_problem(suite):
    r = get(suite, "/assets/nope.js")
    assert r.status_code == 404 and r.headers["Content-Type"].startswith("application/problem+json")


def test_the_hashed_assets_are_immutable(suite):
    index = get(suite, "/").text
    scripts = re.findall(r'<script[^>]+src="(/assets/[^"]+\.js)"', index)
    styles = re.findall(r'<link[^>]+href="(/assets/[^"]+\.css)"', index)
    assert scripts, index[:2000]
    for path in scripts + styles:
        r = get(suite, path)
        assert r.status_code == 200, path
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable", path
        kind = "text/javascript" if path.endswith(".js") else "text/css"
        assert r.headers["Content-Type"].startswith(kind), (path, r.headers["Content-Type"])


def test_the_app_runs_under_its_security_policy_and_installs_its_service_worker(device, suite):
    """No inline script or style the policy would block, and the worker that makes the app
    open offline is registered for the whole origin."""
    page = device().new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == suite.base_url + "/"
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert not violations, violations
