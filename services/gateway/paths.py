"""The gateway's path rules and the `Location` rewrite: pure functions (tested without servers).

Paths. The gateway reads the path as the client sent it (gunicorn's `RAW_URI`) and:
- decodes it once; a path that still holds a `%` after that (`%252f`, `%252e%252e`: double
  encoding) is refused — no API path needs a `%` in it;
- refuses an encoded `/` or `\\` (`%2f`, `%5c`) inside a segment, a `\\`, control characters
  and NUL, and any `.` or `..` segment, raw or encoded (`%2e%2e`, `.%2e`);
- collapses repeated slashes (`/v1//nudges` is `/v1/nudges`);
- forwards the canonical, re-encoded path, so a service sees exactly what was checked.
A refused path is `400 /problems/invalid-path`, before any service sees it.

Locations. A `Location` or `Content-Location` from a service is made public: a relative
reference is resolved onto the public base; an absolute one on the public base stays; one
naming a service's internal address is moved onto the public base when the gateway routes its
path, and dropped otherwise. Sign-in's own paths (`/oauth2`, `/signin`, `/device`: outside
`/v1/`) may send a browser to any other origin — that is what an authorization server does
(back to the app's redirect URI, on to an organisation's provider) — so there an absolute
`Location` that is not a service's internal address passes unchanged.
"""
from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from .routes import service_for

SAFE = "/-._~!$&'()*+,;=:@"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c)", re.IGNORECASE)
LOCATION_HEADERS = ("location", "content-location")


class InvalidPath(ValueError):
    """The path is refused; the message says why (for the problem's detail)."""


def canonical_path(raw: str) -> str:
    """The decoded, checked path (see the module's rules) or InvalidPath."""
    if not raw.startswith("/"):
        raise InvalidPath("the path must start with /")
    if _ENCODED_SEPARATOR.search(raw):
        raise InvalidPath("an encoded / or \\ inside a path segment is not allowed")
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        raise InvalidPath("the path is not UTF-8") from None
    if "%" in decoded:
        raise InvalidPath("the path is encoded more than once (or carries a %)")
    if "\\" in decoded or _CONTROL.search(decoded):
        raise InvalidPath("the path contains a backslash or a control character")
    segments = [s for s in decoded.split("/") if s != ""]
    if any(s in (".", "..") for s in segments):
        raise InvalidPath("the path may not contain . or .. segments")
    path = "/" + "/".join(segments)
    if decoded.endswith("/") and segments:
        path += "/"
    return path


def encoded(path: str) -> str:
    """A canonical path, percent-encoded for the upstream request line."""
    return quote(path, safe=SAFE)


def public_location(value: str, public_base: str, request_path: str,
                    internal: Iterable[str] = ()) -> str | None:
    """A service's `Location` as the client may see it: on the public base, or None (drop it).
    `internal`: the origins (`scheme://host:port`) the gateway reaches services at."""
    value = value.strip()
    parts = urlsplit(value)
    base = urlsplit(public_base)
    prefix = base.path.rstrip("/")
    if not parts.scheme and not parts.netloc:  # relative to the service's own view of the API
        if not parts.path.startswith("/"):
            parts = urlsplit(urljoin(request_path, value))
    elif parts.scheme not in ("http", "https"):
        return None
    elif (parts.scheme, parts.netloc) == (base.scheme, base.netloc) and (
            not prefix or parts.path == prefix or parts.path.startswith(prefix + "/")):
        return value
    elif not request_path.startswith("/v1/") and f"{parts.scheme}://{parts.netloc}" not in set(internal):
        return value  # sign-in sends the browser on: to the app's redirect URI, or an organisation's provider
    try:
        path = canonical_path(parts.path or "/")
    except InvalidPath:
        return None
    if service_for(path) is None:
        return None  # not an address of this API: never hand it out
    return urlunsplit((base.scheme, base.netloc, prefix + encoded(path), parts.query, parts.fragment))
