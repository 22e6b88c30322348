"""The public keys access tokens are verified with: pinned PEM files and accounts' JWKS.

Accounts signs every access token with ES256 (an EC P-256 key of its key ring) and publishes
the public half of every key whose tokens may still be valid at `GET /.well-known/jwks.json`
(RFC 7517). A service finds the key a token names (`kid`) in its key sources, in order:

- `PinnedKeys` (`RAPPORT_JWT_PUBLIC_KEYS=kid:path,...`): PEM public keys given to the service.
  An EC P-256 key verifies ES256 only; an RSA key (2048 bits or more) RS256 only.
- `JwksKeys` (`RAPPORT_JWKS_URL`): the JWKS, fetched with requests (2 s timeout) and cached for
  `RAPPORT_JWKS_CACHE_SECONDS` (300). Only EC P-256 keys with `alg` ES256 (or none given),
  `use` sig (or none given) and a `kid` are taken, parsed by PyJWT's `PyJWK`; anything else in
  the set is skipped and logged, never trusted (an `oct` key would let a published secret sign).

  Rotation: a token naming a kid the cached set lacks makes the set be fetched again at once,
  but the set is fetched at most once every `MIN_REFETCH_SECONDS` (10 s), whatever asks — a
  burst of forged kids costs one fetch, and each of them is then refused. Each successful fetch
  replaces the whole set, so a key accounts stopped publishing stops verifying at the next
  refresh. A fetch that fails (accounts away, a malformed answer) keeps the last good set and
  logs; only a token whose key could be learned from nowhere else — no good set yet, or an
  unknown kid while the last fetch failed — raises `KeysUnavailable`, which the authenticate
  step answers `503 /problems/keys-unavailable` with `Retry-After` (never 500, never 401: the
  token may well be good).
- `JwksKeys.of(document)`: the same, with `document()` giving the JWKS instead of a fetch —
  accounts verifies its own tokens this way, from its key ring's store.

PyJWT's own `PyJWKClient` is not used: once its cached set has expired, a fetch that fails is an
error instead of the last good keys; its refetch limit starts only after a successful fetch,
so while accounts is away every unknown kid is another request (30 s timeout by default, under
a lock every lookup waits on); and it reads only the process's own monotonic clock, where the
tests here inject one instead of sleeping. Its `PyJWK` is what parses every key here.

`jwk_of(kid, public_key)` is the other direction: the JWK accounts publishes for a key.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from jwt.algorithms import ECAlgorithm
from prometheus_client import Counter

log = logging.getLogger(__name__)

ES256, RS256 = "ES256", "RS256"
MIN_RSA_BITS = 2048
MIN_REFETCH_SECONDS = 10.0
FETCH_TIMEOUT_SECONDS = 2.0
MAX_JWKS_BYTES = 256 * 1024

FETCHES = Counter("rapport_jwks_fetches_total", "fetches of accounts' JWKS", ["outcome"])


@dataclass(frozen=True)
class PublicKey:
    """A verification key and the one algorithm it verifies."""

    alg: str
    key: Any  # a cryptography public key object


class KeySource(Protocol):
    def get(self, kid: str) -> PublicKey | None:
        """The key named `kid`, or None when this source has no such key (may raise
        `KeysUnavailable` when it cannot tell)."""
        ...


class KeysUnavailable(Exception):
    """The key a token names can only be learned from the JWKS, and the JWKS cannot be fetched."""

    def __init__(self, detail: str, retry_after: int):
        super().__init__(detail)
        self.retry_after = retry_after


def es256_key(key: Any) -> bool:
    """True for an EC public or private key on P-256, the only curve ES256 signs on."""
    return isinstance(key, (ec.EllipticCurvePublicKey, ec.EllipticCurvePrivateKey)) and isinstance(
        key.curve, ec.SECP256R1)


def public_key_from_pem(data: bytes) -> PublicKey:
    """A pinned key from its PEM: EC P-256 → ES256, RSA of 2048 bits or more → RS256."""
    key = load_pem_public_key(data)
    if es256_key(key):
        return PublicKey(ES256, key)
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise ValueError(f"an RSA key needs at least {MIN_RSA_BITS} bits, this one has {key.key_size}")
        return PublicKey(RS256, key)
    raise ValueError("only EC P-256 (ES256) and RSA (RS256) public keys are supported")


def load_public_key(path: str) -> PublicKey:
    with open(path, "rb") as f:
        return public_key_from_pem(f.read())


class PinnedKeys:
    """Keys given to the service itself, by kid."""

    def __init__(self, keys: Mapping[str, PublicKey]):
        self.keys = dict(keys)

    @classmethod
    def from_files(cls, paths: Mapping[str, str]) -> PinnedKeys:
        return cls({kid: load_public_key(path) for kid, path in paths.items()})

    def get(self, kid: str) -> PublicKey | None:
        return self.keys.get(kid)


def jwk_of(kid: str, public_key: Any) -> dict[str, Any]:
    """The JWK accounts publishes for one of its signing keys (EC P-256 public, ES256, sig)."""
    if not es256_key(public_key) or not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise ValueError("only EC P-256 public keys are published")
    jwk = ECAlgorithm.to_jwk(public_key, as_dict=True)
    return {**jwk, "kid": kid, "alg": ES256, "use": "sig"}


def _skip_reason(jwk: Any) -> str | None:
    """Why a JWKS entry is not a key we verify with, or None."""
    if not isinstance(jwk, dict):
        return "not an object"
    if not isinstance(jwk.get("kid"), str) or not jwk["kid"]:
        return "no kid"
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        return f"kty {jwk.get('kty')!r} crv {jwk.get('crv')!r}: only EC P-256 keys are accepted"
    if jwk.get("alg", ES256) != ES256:
        return f"alg {jwk.get('alg')!r}: only ES256 is accepted"
    if jwk.get("use", "sig") != "sig":
        return f"use {jwk.get('use')!r}: only signature keys are accepted"
    if "d" in jwk:
        return "it holds a private key"
    return None


def keys_of_jwks(document: Any) -> dict[str, PublicKey]:
    """The ES256 verification keys of a JWKS document by kid (entries that are not are skipped
    and logged); ValueError when the document is not a JWKS at all."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise ValueError("not a JWKS: no 'keys' list")
    keys: dict[str, PublicKey] = {}
    for jwk in document["keys"]:
        reason = _skip_reason(jwk)
        if reason is None and jwk["kid"] in keys:
            reason = "a second key with the same kid"
        if reason is None:
            try:
                key = jwt.PyJWK(jwk, algorithm=ES256).key
            except jwt.PyJWTError as exc:
                reason = f"unreadable: {exc}"
            else:
                keys[jwk["kid"]] = PublicKey(ES256, key)
                continue
        kid = jwk.get("kid") if isinstance(jwk, dict) else None
        log.warning("JWKS key skipped", extra={"kid": str(kid)[:100], "reason": reason})
    return keys


class JwksKeys:
    """Accounts' published keys, cached (module docstring). Thread-safe: one fetch at a time;
    a request whose key is cached and fresh never waits for a fetch. `JwksKeys(url)` fetches
    over HTTP; `JwksKeys.of(document)` calls `document()` for the JWKS instead (accounts itself:
    its key ring), with the same cache, filter and limits."""

    def __init__(self, url: str, *, cache_seconds: float = 300, min_refetch_seconds: float = MIN_REFETCH_SECONDS,
                 timeout: float = FETCH_TIMEOUT_SECONDS, monotonic: Callable[[], float] = time.monotonic,
                 session: requests.Session | None = None):
        self.url = url
        self.document: Callable[[], Any] | None = None
        self.cache_seconds = cache_seconds
        self.min_refetch_seconds = min_refetch_seconds
        self.timeout = timeout
        self.monotonic = monotonic
        self.session = session or requests.Session()
        self.fetches = 0  # attempts, for the logs and the tests
        self._keys: dict[str, PublicKey] = {}
        self._fresh_until = -math.inf  # when the cached set is to be fetched again
        self._next_attempt = -math.inf  # no fetch before this (MIN_REFETCH_SECONDS after the last)
        self._good = False  # a set was fetched at least once
        self._failing = False  # the last attempt failed
        self._lock = threading.Lock()

    @classmethod
    def of(cls, document: Callable[[], Any], **options: Any) -> JwksKeys:
        keys = cls(f"{getattr(document, '__qualname__', 'document')}()", **options)
        keys.document = document
        return keys

    def get(self, kid: str) -> PublicKey | None:
        key = self._keys.get(kid)
        if key is not None and self.monotonic() < self._fresh_until:
            return key
        with self._lock:
            now = self.monotonic()
            key = self._keys.get(kid)
            if (key is None or now >= self._fresh_until) and now >= self._next_attempt:
                self._fetch(now)
                key = self._keys.get(kid)
            if key is not None:
                return key  # fresh, or the last good set while accounts cannot be reached
            if self._failing or not self._good:
                wait = max(1, math.ceil(self._next_attempt - now))
                raise KeysUnavailable("the signing keys cannot be fetched right now; retry shortly", wait)
            return None

    def _fetch(self, now: float) -> None:
        self._next_attempt = now + self.min_refetch_seconds
        self.fetches += 1
        try:
            keys = keys_of_jwks(self._load())
        except Exception as exc:  # unreachable, an error answer, not a JWKS (a JSON decode error is a ValueError)
            self._failing = True
            FETCHES.labels("failed").inc()
            log.warning("JWKS fetch failed; keeping the last good keys", extra={
                "url": self.url, "error": f"{exc.__class__.__name__}: {exc}"[:300], "kept": sorted(self._keys)})
            return
        if set(keys) != set(self._keys):
            log.info("JWKS keys changed", extra={"url": self.url, "kids": sorted(keys), "before": sorted(self._keys)})
        FETCHES.labels("ok").inc()
        self._keys, self._good, self._failing = keys, True, False
        self._fresh_until = now + self.cache_seconds

    def _load(self) -> Any:
        if self.document is not None:
            return self.document()
        response = self.session.get(self.url, timeout=self.timeout, headers={"Accept": "application/json"})
        response.raise_for_status()
        if len(response.content) > MAX_JWKS_BYTES:
            raise ValueError(f"the JWKS is larger than {MAX_JWKS_BYTES} bytes")
        return response.json()
