"""The gateway's settings, declared as knobs on `shared.settings` and validated at start-up:
every bad value is reported by name, all at once (`SettingsError`), none clamped.

| variable | default | meaning |
|---|---|---|
| GATEWAY_UPSTREAM_<SERVICE> | `http://127.0.0.1:8081`–`8084` | where the gateway finds each service |
| GATEWAY_TRUSTED_PROXIES | 0 (0–16) | proxies in front whose `X-Forwarded-*` it believes (werkzeug `ProxyFix`) |
| GATEWAY_MAX_BODY_BYTES | 16777216 (1 KiB–1 GiB) | the gateway's own body limit, above every route's |
| RAPPORT_PUBLIC_BASE_URL | — | the public base URL (shared.urls) |
| RAPPORT_LOG_LEVEL | INFO | DEBUG, INFO, WARNING or ERROR |
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from shared import urls
from shared.settings import LOG_LEVELS, Choice, Int, SettingsError, Url, read_knobs

from .routes import DEFAULT_UPSTREAMS


@dataclass(frozen=True)
class GatewayConfig:
    upstreams: dict[str, str]
    trusted_proxies: int = 0
    max_body_bytes: int = 16 << 20
    public_base: str | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "GatewayConfig":
        env = os.environ if env is None else env
        problems: dict[str, str] = {}
        upstreams = read_knobs(env, "GATEWAY_UPSTREAM_", {name: Url(url) for name, url in DEFAULT_UPSTREAMS.items()},
                               problems)
        own = read_knobs(env, "GATEWAY_", {"trusted_proxies": Int(0, 0, 16),
                                           "max_body_bytes": Int(16 << 20, 1024, 1 << 30)}, problems)
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
