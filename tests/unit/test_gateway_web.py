"""The web app at `/` (services/gateway/web.py), from a web root made in a temporary directory:
its files with their types and cache rules, the app's routes answered with index.html, the
server's own paths untouched, and a root that is not built answered 503, never 500."""
import pytest

from services.gateway.app import create_app
from services.gateway.config import GatewayConfig
from tests.servers import free_port

INDEX = b"<!doctype html><title>Rapport</title><script type=module src=/assets/index-3f2a9c.js></script>"
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def web_root(tmp_path):
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "icons").mkdir()
    (root / "index.html").write_bytes(INDEX)
    (root / "assets" / "index-3f2a9c.js").write_text("console.log('app')")
    (root / "assets" / "index-77b1e0.css").write_text("body{margin:0}")
    (root / "sw.js").write_text("self.skipWaiting()")
    (root / "registerSW.js").write_text("navigator.serviceWorker.register('/sw.js')")
    (root / "workbox-5f3e1a.js").write_text("/* workbox */")
    (root / "manifest.webmanifest").write_text('{"name": "Rapport", "start_url": "/"}')
    (root / "icons" / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".env").write_text("SECRET=1")
    (tmp_path / "secret.txt").write_text("outside the web root")
    return root


def client_for(root):
    down = f"http://127.0.0.1:{free_port()}"  # nothing listens there: a proxied path answers 503
    config = GatewayConfig.from_env({"GATEWAY_WEB_ROOT": str(root)})
    return create_app({name: down for name in ("accounts", "goals", "contacts", "nudges")}, config).test_client()


@pytest.fixture
def client(web_root):
    return client_for(web_root)


def test_the_app_shell_is_served_no_cache_with_its_types_and_security_headers(client):
    for path, mimetype in (("/", "text/html"), ("/index.html", "text/html"), ("/sw.js", "text/javascript"),
                           ("/registerSW.js", "text/javascript"), ("/workbox-5f3e1a.js", "text/javascript"),
                           ("/manifest.webmanifest", "application/manifest+json"),
                           ("/icons/icon-192.png", "image/png")):
        r = client.get(path)
        assert r.status_code == 200 and r.mimetype == mimetype, (path, r.status_code, r.mimetype)
        assert r.headers["Cache-Control"] == "no-cache", path
        assert r.headers["X-Content-Type-Options"] == "nosniff", path
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp, path
    assert client.get("/").data == INDEX
    assert client.head("/").status_code == 200 and client.head("/").data == b""


def test_hashed_assets_are_immutable(client):
    r = client.get("/assets/index-3f2a9c.js")
    assert r.status_code == 200 and r.mimetype == "text/javascript" and r.data == b"console.log('app')"
    assert r.headers["Cache-Control"] == IMMUTABLE
    css = client.get("/assets/index-77b1e0.css")
    assert css.mimetype == "text/css" and css.headers["Cache-Control"] == IMMUTABLE


def test_files_are_revalidated_not_sent_again(client):
    first = client.get("/sw.js")
    again = client.get("/sw.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_the_apps_routes_answer_index_html(client):
    for path in ("/app/callback?code=x&state=y", "/contacts/abc", "/contacts/", "/goals", "/assets"):
        r = client.get(path)
        assert r.status_code == 200 and r.data == INDEX and r.mimetype == "text/html", path
        assert r.headers["Cache-Control"] == "no-cache" and "Content-Security-Policy" in r.headers, path


def test_missing_files_are_404_problems_not_the_app(client):
    for path in ("/assets/nope.js", "/assets/nope", "/nope.png", "/icons/icon-1024.png", "/.env", "/index.html/"):
        r = client.get(path)
        assert r.status_code == 404 and r.mimetype == "application/problem+json", (path, r.status_code)
    assert b"SECRET" not in client.get("/.env").data


def test_traversal_is_refused_before_any_file_is_read(client):
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                 "/assets/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt",
                 "/assets%5c..%5csecret.txt", "/%252e%252e/secret.txt", "/icons/..\\secret.txt"):
        r = client.get(path)
        assert r.status_code == 400 and r.json["type"] == "/problems/invalid-path", (path, r.status_code)
        assert b"outside the web root" not in r.data


def test_the_server_paths_keep_their_answers(client):
    assert client.get("/healthz").json == {"status": "ok", "service": "gateway"}
    assert client.get("/healthz/x").status_code == 404
    for path, service in (("/v1/contacts", "contacts"), ("/oauth2/authorize", "accounts"), ("/signin", "accounts"),
                          ("/device", "accounts"), ("/.well-known/jwks.json", "accounts")):
        r = client.get(path)  # proxied: the upstream is down here
        assert r.status_code == 503 and f"the {service} service" in r.json["detail"], path
    for method, path in (("GET", "/v1"), ("POST", "/v1"), ("GET", "/v1/unknown"), ("GET", "/v1/app.js")):
        r = client.open(path, method=method)
        assert r.status_code == 404 and r.mimetype == "application/problem+json", (method, path, r.status_code)
        assert "Content-Security-Policy" not in r.headers
    assert client.put("/oauth2/token").status_code == 405


def test_the_app_answers_only_get_and_head(client):
    r = client.post("/contacts/abc")
    assert r.status_code == 405 and "GET" in r.headers["Allow"] and "POST" not in r.headers["Allow"]


def test_an_unbuilt_web_root_answers_503_saying_how_to_build_it(tmp_path):
    client = client_for(tmp_path / "not-built")
    for path in ("/", "/app/callback", "/assets/index-3f2a9c.js"):
        r = client.get(path)
        assert r.status_code == 503 and r.mimetype == "application/problem+json", path
        assert "make web" in r.json["detail"], path
    assert client.get("/healthz").status_code == 200
    assert client.get("/v1/unknown").status_code == 404
    (tmp_path / "empty").mkdir()  # a build under way: the directory is there, index.html not yet
    assert client_for(tmp_path / "empty").get("/").status_code == 503


def test_the_web_root_is_built_while_the_gateway_runs(tmp_path):
    root = tmp_path / "dist"
    client = client_for(root)
    assert client.get("/").status_code == 503
    root.mkdir()
    (root / "index.html").write_bytes(INDEX)
    assert client.get("/").data == INDEX


def test_the_image_and_the_cluster_serve_the_app_where_the_gateway_looks_for_it():
    """The Docker image builds the app and copies it to the default web root as the image lays
    the repository out (/app); the Ingress sends every path to the gateway, not only /v1."""
    import yaml

    from services.gateway.config import DEFAULT_WEB_ROOT
    from tests.servers import ROOT

    assert DEFAULT_WEB_ROOT == str(ROOT / "clients" / "web" / "dist")
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM node:20-slim AS web" in dockerfile and "RUN npm run build" in dockerfile
    python_stage = dockerfile.split("\nFROM python:", 1)[1]
    assert "WORKDIR /app\n" in python_stage and "COPY --from=web /web/dist ./clients/web/dist\n" in python_stage
    ingress = next(d for d in yaml.safe_load_all((ROOT / "deploy" / "k8s" / "gateway.yaml").read_text())
                   if d and d["kind"] == "Ingress")
    assert [p["path"] for p in ingress["spec"]["rules"][0]["http"]["paths"]] == ["/"]
