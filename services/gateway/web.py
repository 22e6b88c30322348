"""The member web app (clients/web, built by `make web` into GATEWAY_WEB_ROOT), served at `/`.

The gateway serves it so the app and the API share one origin: the app's requests, its
service worker and the sign-in pages it navigates to (`/oauth2/authorize`) need no CORS and
no second host. What is served, and how long browsers may keep it:

- a file under the web root → that file (werkzeug's `send_from_directory`: the checked,
  canonical path of paths.py, joined safely; dot-files never). Files under `/assets/` carry a
  content hash in their name, so they are `public, max-age=31536000, immutable`; everything
  else (index.html, sw.js, the manifest, icons) is `no-cache`: revalidated on every use
  (ETag, Last-Modified), so a new build reaches every device on its next visit;
- a GET for any other path whose last segment has no dot (`/app/callback`, `/contacts/abc`)
  → index.html, `no-cache`: the app routes in the browser, and a reload or a link into it
  must not be a 404. A path that names a file (`/assets/nope.js`, `/x.png`) and anything
  under `/assets/` that is not there is the usual 404 problem;
- the server's own paths (`/v1`, sign-in's `/oauth2`, `/.well-known`, `/signin`, `/device`,
  `/healthz`, `/readyz`) are never the app's: they keep their routes and their 404s and 405s.

App responses carry `X-Content-Type-Options: nosniff` and a Content-Security-Policy that a
Vite build (no inline scripts) runs under: scripts, workers, the manifest and API calls from
this origin only, and no framing. Sign-in is a navigation to `/oauth2/authorize` on the same
origin, which the policy does not restrict.

A web root that is not built (no index.html) answers `503`, saying to run `make web`: a
gateway without the app still serves the API.
"""
from __future__ import annotations

import logging
import mimetypes
import os

from flask import Flask, Response, request, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.routing import PathConverter

from shared.problems import Problem

from .routes import ROUTES

log = logging.getLogger(__name__)

# the server's own paths, on segment boundaries: sign-in's prefixes at the issuer's root
# (routes.py), the whole API, and the probes
SERVER_PREFIXES = tuple(sorted({"/v1", "/healthz", "/readyz"} | {p for p in ROUTES if not p.startswith("/v1/")}))
NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
ASSETS = "/assets/"
INDEX = "index.html"
# by extension, not from the host's mime.types (which may lack .webmanifest or say application/javascript)
TYPES = {
    ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
    ".json": "application/json", ".map": "application/json", ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".webp": "image/webp",
    ".woff2": "font/woff2", ".txt": "text/plain",
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "; ".join((
        "default-src 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "connect-src 'self'",
        "worker-src 'self'", "manifest-src 'self'", "frame-ancestors 'none'", "base-uri 'self'",
        "form-action 'self'")),
}


def is_server_path(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in SERVER_PREFIXES)


class AppPath(PathConverter):
    """Any path that is not one of the server's own (SERVER_PREFIXES), so those keep exactly
    the answers they had without the app (their 404s, their 405s)."""

    regex = "(?!(?:{})(?:/|$)).*".format("|".join(p.lstrip("/").replace(".", r"\.") for p in SERVER_PREFIXES))
    part_isolating = False


def init_app(app: Flask, web_root: str) -> None:
    """Serve the built app from `web_root` (GatewayConfig.web_root)."""
    if not os.path.isfile(os.path.join(web_root, INDEX)):
        log.warning("the web app is not built; '/' answers 503 until it is (make web)", extra={"web_root": web_root})
    app.url_map.converters["app"] = AppPath

    def serve(rest: str = "") -> Response:
        path = request.environ["rapport.path"]  # checked and canonical (paths.py)
        if is_server_path(path):  # `//v1/x`: routed as the app's, canonical as the server's
            raise Problem(404, f"no service answers {path}")
        if not os.path.isfile(os.path.join(web_root, INDEX)):
            raise Problem(503, "the web app is not built on this server: run `make web` (or set GATEWAY_WEB_ROOT)")
        return _with_headers(_file_or_index(web_root, path))

    app.add_url_rule("/", endpoint="web app", view_func=serve, methods=["GET"])
    app.add_url_rule("/<app:rest>", endpoint="web app", view_func=serve, methods=["GET"])


def _file_or_index(web_root: str, path: str) -> Response:
    """The file at `path`, else index.html for an app route; NotFound for a missing file."""
    name = path[1:]  # canonical: one leading slash; a trailing one names a directory, never a file
    segments = name.rstrip("/").split("/")
    if name and not name.endswith("/") and not any(s.startswith(".") for s in segments):
        try:
            response = send_from_directory(web_root, name, mimetype=_type_of(name))
        except NotFound:
            pass
        else:
            response.headers["Cache-Control"] = IMMUTABLE if path.startswith(ASSETS) else NO_CACHE
            return response
    if name and ("." in segments[-1] or path.startswith(ASSETS)):
        raise NotFound()
    response = send_from_directory(web_root, INDEX, mimetype=TYPES[".html"])
    response.headers["Cache-Control"] = NO_CACHE
    return response


def _type_of(name: str) -> str:
    extension = os.path.splitext(name)[1].lower()
    return TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response
