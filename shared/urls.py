"""The public base URL: every URL an API answer carries (a `Location`, the ICS feed's `url`,
any link) is built on it, never on the address a service listens on.

Which base wins, in this order:

1. `RAPPORT_PUBLIC_BASE_URL` (e.g. `https://rapport.example.org` or `https://example.org/rapport`),
   when the process has it: the operator's word, which no request header can change;
2. the `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Prefix` headers — the gateway
   always sets them (overwriting whatever a client sent) from its own public base;
3. the request's own scheme and host (a service called directly, in development and tests).
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import request

from .settings import SettingsError

VARIABLE = "RAPPORT_PUBLIC_BASE_URL"


def parse_base(value: str) -> str:
    """Validate a public base URL (`http(s)://host[:port][/prefix]`); return it without a
    trailing slash. A bad value is a configuration error."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or "@" in parts.netloc:
        raise SettingsError({VARIABLE: f"must look like https://host[:port][/prefix], got {value!r}"})
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def configured_base() -> str | None:
    raw = os.environ.get(VARIABLE, "").strip()
    return parse_base(raw) if raw else None


def _first(header: str) -> str:
    return (request.headers.get(header) or "").split(",")[0].strip()


def public_base() -> str:
    """The public base URL for the current request (see the module's docstring)."""
    configured = configured_base()
    if configured:
        return configured
    host = _first("X-Forwarded-Host")
    if host:
        proto = _first("X-Forwarded-Proto") or request.scheme
        prefix = _first("X-Forwarded-Prefix").rstrip("/")
        return f"{proto}://{host}{prefix}"
    return request.host_url.rstrip("/")


def public_url(path: str) -> str:
    """`path` (absolute, starting with `/v1/...`) on the public base URL."""
    return public_base() + path
