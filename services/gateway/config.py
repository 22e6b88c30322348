"""The gateway's settings, declared as knobs on `shared.settings` and validated at start-up:
every bad value is reported by name, all at once (`SettingsError`), none clamped.

| variable | default | meaning |
|---|---|---|
| GATEWAY_UPSTREAM_<SERVICE> | `http://127.0.0.1:8081`–`8084` | where the gateway finds each service |
| GATEWAY_TRUSTED_PROXIES | 0 (0–16) | proxies in front whose `X-Forwarded-*` it believes (werkzeug `ProxyFix`) |
| GATEWAY_MAX_BODY_BYTES | 16777216 (1 KiB–1 GiB) | the gateway's own body limit, above every route's |
| GATEWAY_WEB_ROOT | `<repository>/clients/web/dist` | the built web app it serves at `/` (services/gateway/web.py) |
| RAPPORT_PUBLIC_BASE_URL | — | the public base URL (shared.urls) |
| RAPPORT_LOG_LEVEL | INFO | DEBUG, INFO, WARNING or ERROR |

The web root's default is found from this file, not from the working directory: the checkout's
`clients/web/dist` (`make web` builds it there), and in the Docker image `/app/clients/web/dist`
(gunicorn runs from /app, so the gateway is imported from /app/services). A root that is not
there yet is no error at start: the API works without the app, and `/` says to build it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from shared import urls
from shared.settings import LOG_LEVELS, Choice, Int, Knob, SettingsError, Url, read_knobs

from .routes import DEFAULT_UPSTREAMS

DEFAULT_WEB_ROOT = str(Path(__file__).resolve().parents[2] / "clients" / "web" / "dist")


@dataclass(frozen=True)
class Directory(Knob):
    """An absolute path that is a directory, or nothing yet (the web app not built); never a
    relative one, which would depend on where the process was started."""

    default: str

    def parse(self, raw: str) -> str:
        value = raw.strip()
        if not os.path.isabs(value):
            raise ValueError(f"must be an absolute path, got {raw!r}")
        if os.path.exists(value) and not os.path.isdir(value):
            raise ValueError(f"must be a directory, got the file {value!r}")
        return os.path.normpath(value)


@dataclass(frozen=True)
class GatewayConfig:
    upstreams: dict[str, str]
    trusted_proxies: int = 0
    max_body_bytes: int = 16 << 20
    public_base: str | None = None
    log_level: str = "INFO"
    web_root: str = DEFAULT_WEB_ROOT

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "GatewayConfig":
        env = os.environ if env is None else env
        problems: dict[str, str] = {}
        upstreams = read_knobs(env, "GATEWAY_UPSTREAM_", {name: Url(url) for name, url in DEFAULT_UPSTREAMS.items()},
                               problems)
        own = read_knobs(env, "GATEWAY_", {"trusted_proxies": Int(0, 0, 16),
                                           "max_body_bytes": Int(16 << 20, 1024, 1 << 30),
                                           "web_root": Directory(DEFAULT_WEB_ROOT)}, problems)
        common = read_knobs(env, "RAPPORT_", {"log_level": Choice("INFO", LOG_LEVELS, upper=True)}, problems)
        public_base = None
        raw_base = env.get(urls.VARIABLE, "").strip()
        if raw_base:
            try:
                public_base = urls.parse_base(raw_base)
            except SettingsError as exc:
                problems.update(exc.problems)
        if problems:
            raise SettingsError(problems)
        return cls(upstreams=upstreams, public_base=public_base, **own, **common)
