"""Settings from the environment, validated once at start-up.

Every bad value is reported together, each with the variable's name, so an operator
fixes a deployment in one pass instead of one crash at a time.

`load_settings` reads what every service shares (`Settings`). A service's own settings
(and the gateway's) are declared as knobs — `Int(default, lo, hi)`, `Choice(default, choices)`,
`Url(default)` — by name and read with `read_knobs(env, prefix, {...})`: a value that does not
parse or is out of bounds is an error naming the variable (never clamped, never a traceback),
all of them at once in one `SettingsError`.

    values = read_knobs(settings.extra, "NUDGES_", {"partitions": Int(64, 1, 10_000)})
    values["partitions"]   # NUDGES_PARTITIONS, or 64 when it is unset or empty
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlparse, urlsplit


class SettingsError(ValueError):
    """One or more environment variables are missing or malformed."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        lines = "\n".join(f"  {name}: {why}" for name, why in sorted(problems.items()))
        super().__init__(f"invalid settings:\n{lines}")


@dataclass(frozen=True)
class Settings:
    service: str
    mongo_uri: str
    mongo_db: str
    kafka_bootstrap: str
    topic_prefix: str = ""
    jwt_issuer: str = "rapport"
    jwt_audience: str = "rapport"
    # where a service finds the keys access tokens are verified with (shared.keys): pinned PEM
    # public keys (kid -> path) and/or accounts' JWKS
    jwt_public_keys: Mapping[str, str] = field(default_factory=dict)
    jwks_url: str = ""
    jwks_cache_seconds: int = 300
    # the lifetime accounts gives an access token, and the longest a device session's token may
    # live anywhere (what the deny list of revoked devices is kept for, shared.revocation)
    jwt_ttl_seconds: int = 900
    jwt_max_ttl_seconds: int = 900
    max_body_bytes: int = 1_048_576
    log_level: str = "INFO"
    relay_lease_seconds: int = 30
    write_guards: str = "auto"
    write_guard_lease_seconds: int = 30
    consumer_max_retries: int = 3
    # after a member is erased, when (seconds after this service recorded it) its followers
    # erase again whatever a request that raced past the revocation check wrote (shared.revocation)
    revocation_sweep_seconds: tuple[float, ...] = (10.0, 60.0, 600.0)
    extra: Mapping[str, str] = field(default_factory=dict)

    def topic(self, name: str) -> str:
        """The physical topic name for a declared topic (prefix isolates tests)."""
        return f"{self.topic_prefix}{name}"


class Knob:
    """One optional setting: its default when unset (or empty) and how a value is checked."""

    default: Any

    def parse(self, raw: str) -> Any:
        """The value `raw` stands for; ValueError saying what it must be otherwise."""
        raise NotImplementedError


@dataclass(frozen=True)
class Int(Knob):
    """A whole number from `lo` to `hi`."""

    default: int
    lo: int
    hi: int

    def parse(self, raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"must be a whole number, got {raw!r}") from None
        if not self.lo <= value <= self.hi:
            raise ValueError(f"must be between {self.lo} and {self.hi}, got {value}")
        return value


@dataclass(frozen=True)
class Choice(Knob):
    """One of `choices` (compared in upper case with `upper`, e.g. log levels)."""

    default: str
    choices: tuple[str, ...]
    upper: bool = False

    def parse(self, raw: str) -> str:
        value = raw.upper() if self.upper else raw.lower()
        if value not in self.choices:
            listed = ", ".join(self.choices[:-1]) + f" or {self.choices[-1]}"
            raise ValueError(f"must be {listed}, got {value!r}")
        return value


@dataclass(frozen=True)
class Url(Knob):
    """An http(s) base URL without query or fragment (`http://host:port[/prefix]`); kept
    without a trailing slash."""

    default: str

    def parse(self, raw: str) -> str:
        parts = urlsplit(raw.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"must look like http://host:port, got {raw!r}")
        return raw.strip().rstrip("/")


@dataclass(frozen=True)
class Text(Knob):
    """Free text of at most `max_length` characters (a host name, a sender address)."""

    default: str
    max_length: int = 500

    def parse(self, raw: str) -> str:
        value = raw.strip()
        if len(value) > self.max_length:
            raise ValueError(f"must be at most {self.max_length} characters")
        return value


def read_knobs(env: Mapping[str, str], prefix: str, knobs: Mapping[str, Knob],
               problems: dict[str, str] | None = None) -> dict[str, Any]:
    """Each knob's value from `env[prefix + NAME.upper()]` (its default when unset or empty).
    Bad values: with `problems` given they are added to it (the caller raises once, with its
    own); without, a `SettingsError` names every one."""
    collected: dict[str, str] = {} if problems is None else problems
    values: dict[str, Any] = {}
    for name, knob in knobs.items():
        variable = f"{prefix}{name.upper()}"
        raw = env.get(variable)
        values[name] = knob.default
        if raw is None or raw == "":
            continue
        try:
            values[name] = knob.parse(raw)
        except ValueError as exc:
            collected[variable] = str(exc)
    if problems is None and collected:
        raise SettingsError(collected)
    return values


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
REMOVED = ("RAPPORT_JWT_SECRET", "RAPPORT_JWT_HS256_KEYS", "RAPPORT_JWT_SIGNING_KID", "RAPPORT_JWT_PRIVATE_KEY_FILE")
REMOVED_HOW = ("no longer read: tokens are ES256, signed by accounts' key ring; verify them with "
               "RAPPORT_JWKS_URL (or RAPPORT_JWT_PUBLIC_KEYS) and remove this variable")


def _public_key_problem(path: str) -> str | None:
    """Why the PEM file at `path` is not a key tokens can be verified with, or None."""
    from .keys import load_public_key

    if not os.path.isfile(path):
        return "file not found"
    try:
        load_public_key(path)
    except (OSError, ValueError, TypeError) as exc:
        return str(exc) or exc.__class__.__name__
    return None


def _pairs(env: Mapping[str, str], name: str, problems: dict) -> dict[str, str]:
    """Parse `kid1:value1,kid2:value2`."""
    raw = env.get(name, "")
    out: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in raw.split(","))):
        kid, sep, value = item.partition(":")
        if not sep or not kid or not value:
            problems[name] = "must look like kid:value[,kid:value]"
            continue
        out[kid] = value
    return out


def _seconds_list(env: Mapping[str, str], name: str, default: tuple[float, ...], problems: dict
                  ) -> tuple[float, ...]:
    """`10,60,600`: ascending delays in seconds (each above 0, at most a day)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        values = tuple(float(p) for p in raw.split(","))
    except ValueError:
        problems[name] = f"must be comma-separated seconds, e.g. 10,60,600, got {raw!r}"
        return default
    if any(not 0 < v <= 86400 for v in values) or list(values) != sorted(values):
        problems[name] = f"must be ascending delays between 0 and 86400 seconds, got {raw!r}"
        return default
    return values


def load_settings(service: str, env: Mapping[str, str] | None = None, *, require_keys: bool = True,
                  **overrides) -> Settings:
    """Read and validate the settings of one service.

    Variables: MONGO_URI, MONGO_DB (default <RAPPORT_DB_PREFIX>rapport_<service>), KAFKA_BOOTSTRAP,
    RAPPORT_TOPIC_PREFIX; the token keys, at least one of them unless `require_keys=False`:
    RAPPORT_JWKS_URL (accounts' `/.well-known/jwks.json`) with RAPPORT_JWKS_CACHE_SECONDS (300),
    RAPPORT_JWT_PUBLIC_KEYS (kid:pem-path,...: EC P-256 or RSA public keys); RAPPORT_JWT_ISSUER,
    RAPPORT_JWT_AUDIENCE, RAPPORT_JWT_TTL_SECONDS (900: what accounts issues),
    RAPPORT_JWT_MAX_TTL_SECONDS (900: the longest a device session's token is accepted),
    RAPPORT_MAX_BODY_BYTES, RAPPORT_LOG_LEVEL, RAPPORT_RELAY_LEASE_SECONDS,
    RAPPORT_CONSUMER_MAX_RETRIES, RAPPORT_WRITE_GUARDS (auto|on|off),
    RAPPORT_WRITE_GUARD_LEASE_SECONDS, RAPPORT_REVOCATION_SWEEP_SECONDS (e.g. 10,60,600).
    Tokens are ES256 (accounts signs with its key ring): the HS256 variables of earlier versions
    (RAPPORT_JWT_SECRET, RAPPORT_JWT_HS256_KEYS, RAPPORT_JWT_SIGNING_KID,
    RAPPORT_JWT_PRIVATE_KEY_FILE) are refused by name, so a deployment still setting them
    learns it at start-up instead of by every token failing.
    """
    env = os.environ if env is None else env
    problems: dict[str, str] = {}

    mongo_uri = env.get("MONGO_URI", "mongodb://127.0.0.1:27017/")
    if urlparse(mongo_uri).scheme not in ("mongodb", "mongodb+srv"):
        problems["MONGO_URI"] = f"must start with mongodb:// or mongodb+srv://, got {mongo_uri!r}"
    kafka = env.get("KAFKA_BOOTSTRAP", "127.0.0.1:9092")
    for hostport in kafka.split(","):
        host, sep, port = hostport.strip().rpartition(":")
        if not sep or not host or not port.isdigit():
            problems["KAFKA_BOOTSTRAP"] = f"must be host:port[,host:port], got {kafka!r}"
            break

    for name in REMOVED:
        if env.get(name):
            problems[name] = REMOVED_HOW
    public_keys = _pairs(env, "RAPPORT_JWT_PUBLIC_KEYS", problems)
    for kid, path in public_keys.items():
        why = _public_key_problem(path)
        if why:
            problems["RAPPORT_JWT_PUBLIC_KEYS"] = f"key {kid!r} ({path}): {why}"

    knobs = read_knobs(env, "RAPPORT_", {
        "jwks_url": Url(""),
        "jwks_cache_seconds": Int(300, 10, 86400),
        "jwt_ttl_seconds": Int(900, 60, 86400 * 30),
        "jwt_max_ttl_seconds": Int(900, 60, 86400),
        "max_body_bytes": Int(1_048_576, 1024, 64 << 20),
        "log_level": Choice("INFO", LOG_LEVELS, upper=True),
        "relay_lease_seconds": Int(30, 1, 3600),
        "write_guards": Choice("auto", ("auto", "on", "off")),
        "write_guard_lease_seconds": Int(30, 1, 600),
        "consumer_max_retries": Int(3, 0, 100),
    }, problems)
    if require_keys and not public_keys and not knobs["jwks_url"] and "RAPPORT_JWKS_URL" not in problems:
        problems["RAPPORT_JWKS_URL"] = ("no token keys: set RAPPORT_JWKS_URL to accounts' /.well-known/jwks.json "
                                        "or RAPPORT_JWT_PUBLIC_KEYS to kid:public-key.pem")
    if knobs["jwt_ttl_seconds"] > knobs["jwt_max_ttl_seconds"]:
        problems["RAPPORT_JWT_TTL_SECONDS"] = (f"must not exceed RAPPORT_JWT_MAX_TTL_SECONDS "
                                               f"({knobs['jwt_max_ttl_seconds']}), got {knobs['jwt_ttl_seconds']}")

    values = dict(
        service=service,
        mongo_uri=mongo_uri,
        mongo_db=env.get("MONGO_DB") or f"{env.get('RAPPORT_DB_PREFIX', '')}rapport_{service}",
        kafka_bootstrap=kafka,
        topic_prefix=env.get("RAPPORT_TOPIC_PREFIX", ""),
        jwt_issuer=env.get("RAPPORT_JWT_ISSUER", "rapport"),
        jwt_audience=env.get("RAPPORT_JWT_AUDIENCE", "rapport"),
        jwt_public_keys=public_keys,
        **knobs,
        revocation_sweep_seconds=_seconds_list(env, "RAPPORT_REVOCATION_SWEEP_SECONDS", (10.0, 60.0, 600.0),
                                               problems),
        extra={k: v for k, v in env.items() if k.startswith(f"{service.upper()}_")},
    )
    values.update(overrides)
    if problems:
        raise SettingsError(problems)
    return Settings(**values)
