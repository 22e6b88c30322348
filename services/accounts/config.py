"""The accounts service's own settings, declared as knobs on `shared.settings` and validated at
start-up (every bad value named at once, none clamped).

Sign-in (`ACCOUNTS_*`):

| variable | default | meaning |
|---|---|---|
| ACCOUNTS_CODE_TTL_SECONDS | 600 | how long an emailed one-time code (and its link) is valid |
| ACCOUNTS_CODE_MAX_TRIES | 5 | wrong codes before that code is locked |
| ACCOUNTS_SIGNIN_WINDOW_SECONDS | 900 | the window of the two rate limits below |
| ACCOUNTS_SIGNIN_PER_ADDRESS | 5 | codes sent to one address per window |
| ACCOUNTS_SIGNIN_PER_IP | 30 | code requests from one client address per window |
| ACCOUNTS_REFRESH_TOKEN_DAYS | 30 | a refresh token unused this long expires (each use rotates it) |
| ACCOUNTS_SESSION_DAYS | 90 | a device session ends this long after its sign-in, used or not |
| ACCOUNTS_KEY_ROTATE_DAYS | 30 | a new signing key every this many days |
| ACCOUNTS_DEVICE_CODE_SECONDS | 600 | how long a device-grant user code is valid |
| ACCOUNTS_WEB_REDIRECT_URIS | `<public base or issuer>/app/callback` | the web app's redirect URIs, comma-separated |
| ACCOUNTS_SSO_ALLOW_HTTP | `no` | `yes`: organisations' OpenID providers may be plain http (development, tests) |

Mail (`ACCOUNTS_SMTP_*`): HOST (127.0.0.1), PORT (1025), FROM (`Rapport <no-reply@rapport.test>`),
USERNAME and PASSWORD (none), SECURITY (`none`, `starttls` or `tls`), TIMEOUT_SECONDS (10).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from shared.settings import Choice, Int, Settings, SettingsError, Text, read_knobs

KNOBS = {
    "code_ttl_seconds": Int(600, 60, 3600),
    "code_max_tries": Int(5, 1, 20),
    "signin_window_seconds": Int(900, 60, 86400),
    "signin_per_address": Int(5, 1, 1000),
    "signin_per_ip": Int(30, 1, 100_000),
    "refresh_token_days": Int(30, 1, 365),
    "session_days": Int(90, 1, 3650),
    "key_rotate_days": Int(30, 1, 365),
    "device_code_seconds": Int(600, 60, 3600),
    "web_redirect_uris": Text("", 4000),
    "sso_allow_http": Choice("no", ("no", "yes")),
}
SMTP_KNOBS = {
    "host": Text("127.0.0.1", 253),
    "port": Int(1025, 1, 65535),
    "from": Text("Rapport <no-reply@rapport.test>", 320),
    "username": Text(""),
    "password": Text(""),
    "security": Choice("none", ("none", "starttls", "tls")),
    "timeout_seconds": Int(10, 1, 120),
}


@dataclass(frozen=True)
class Smtp:
    host: str = "127.0.0.1"
    port: int = 1025
    sender: str = "Rapport <no-reply@rapport.test>"
    username: str = ""
    password: str = ""
    security: str = "none"
    timeout_seconds: int = 10


@dataclass(frozen=True)
class AccountsConfig:
    code_ttl_seconds: int = 600
    code_max_tries: int = 5
    signin_window_seconds: int = 900
    signin_per_address: int = 5
    signin_per_ip: int = 30
    refresh_token_days: int = 30
    session_days: int = 90
    key_rotate_days: int = 30
    device_code_seconds: int = 600
    web_redirect_uris: tuple[str, ...] = ()
    sso_allow_http: bool = False
    smtp: Smtp = Smtp()

    @classmethod
    def from_settings(cls, settings: Settings) -> "AccountsConfig":
        return cls.from_env(settings.extra)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "AccountsConfig":
        env = os.environ if env is None else env
        problems: dict[str, str] = {}
        values = read_knobs(env, "ACCOUNTS_", KNOBS, problems)
        smtp = read_knobs(env, "ACCOUNTS_SMTP_", SMTP_KNOBS, problems)
        uris = tuple(u.strip() for u in values.pop("web_redirect_uris").split(",") if u.strip())
        bad = [u for u in uris if not u.startswith(("https://", "http://"))]
        if bad:
            problems["ACCOUNTS_WEB_REDIRECT_URIS"] = f"each must be an absolute http(s) URL, got {bad[0]!r}"
        if problems:
            raise SettingsError(problems)
        smtp["sender"] = smtp.pop("from")
        values["sso_allow_http"] = values["sso_allow_http"] == "yes"
        return cls(**values, web_redirect_uris=uris, smtp=Smtp(**smtp))
