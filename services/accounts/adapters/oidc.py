"""An organisation's own OpenID provider, seen from Rapport as the relying party (OpenID
Connect Core 1.0 and Discovery 1.0; authlib for OAuth, joserfc for JOSE).

- `discover(issuer)`: `{issuer}/.well-known/openid-configuration`, whose `issuer` must equal
  the configured one exactly (Discovery §4.3), kept for an hour (`fresh=True` fetches again).
- `authorization_url(...)`: the authorization code request with `scope=openid email profile`,
  `state`, `nonce` and a PKCE S256 challenge.
- `redeem(...)`: the code at the token endpoint (client_secret_basic, or client_secret_post
  when that is all the provider takes), then `verify_id_token`: the signature against the
  provider's JWKS (RS256 or ES256 only, never `none` or HS*; an unknown `kid` fetches the set
  again, at most once a minute), `iss`, `aud` naming the client, `azp` (the client, when present
  or when `aud` has several values), `exp`/`iat` against the injected clock with a minute of
  leeway, the `nonce` given, `at_hash` when sent. Returns the verified claims.

Every failure is a `ProviderError` saying what went wrong, in four kinds the service layer
answers differently: `ProviderUnreachable` (network, timeouts, 5xx, no JSON),
`ProviderMisconfigured` (a discovery document Rapport cannot use), `ProviderRefused` (the token
endpoint said no) and `TokenRejected` (an ID token that does not verify). Nothing a provider
sends is followed as a redirect, and no answer is read past 512 KiB.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from shared import clock as clocks
from shared.clock import Clock

SCOPE = "openid email profile"
ALGORITHMS = ("RS256", "ES256")   # asymmetric only: never `none`, never a secret shared with the provider
AUTH_METHODS = ("client_secret_basic", "client_secret_post")  # in order of preference
MAX_ANSWER_BYTES = 512 * 1024
LEEWAY_SECONDS = 60


class ProviderError(Exception):
    """The provider could not be used; the message says why, for an administrator."""


class ProviderUnreachable(ProviderError):
    """No usable answer: the network, a timeout, a 5xx, a body that is not JSON."""


class ProviderMisconfigured(ProviderError):
    """The discovery document is not one Rapport can sign in with."""


class ProviderRefused(ProviderError):
    """The token endpoint refused the code (`error` is the OAuth error code)."""

    def __init__(self, message: str, error: str = ""):
        super().__init__(message)
        self.error = error


class TokenRejected(ProviderError):
    """The ID token does not verify."""


@dataclass(frozen=True)
class Provider:
    """What discovery says, checked."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    token_auth_method: str
    algorithms: tuple[str, ...]


@dataclass(frozen=True)
class Registration:
    """Rapport's client at one provider."""

    issuer: str
    client_id: str
    client_secret: str


class OpenIdProviders:
    """One per process: keeps each provider's discovery document and key set."""

    def __init__(self, clock: Clock = clocks.now, *, allow_http: bool = False,
                 timeout: tuple[float, float] = (3.05, 10.0), discovery_seconds: float = 3600.0,
                 keys_seconds: float = 3600.0, keys_refetch_seconds: float = 60.0,
                 session: Callable[[], requests.Session] = requests.Session):
        self.clock = clock
        self.allow_http = allow_http
        self.timeout = timeout
        self.discovery_seconds = discovery_seconds
        self.keys_seconds = keys_seconds
        self.keys_refetch_seconds = keys_refetch_seconds
        self._session = session
        self._lock = threading.Lock()
        self._providers: dict[str, tuple[Provider, float]] = {}
        self._keys_cache: dict[str, tuple[KeySet, float]] = {}

    # discovery and keys

    def discover(self, issuer: str, *, fresh: bool = False) -> Provider:
        now = self.clock().timestamp()
        with self._lock:
            cached = self._providers.get(issuer)
        if cached and not fresh and now - cached[1] < self.discovery_seconds:
            return cached[0]
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        provider = self._provider(issuer, self._get_json(url, "discovery document"))
        with self._lock:
            self._providers[issuer] = (provider, now)
        return provider

    def _provider(self, issuer: str, doc: dict[str, Any]) -> Provider:
        if doc.get("issuer") != issuer:
            named = doc.get("issuer")
            raise ProviderMisconfigured(f"the provider names itself {named!r}, not {issuer!r}: "
                                        "configure the issuer exactly as its discovery document names it"
                                        if isinstance(named, str) else "the discovery document names no issuer")
        endpoints = {name: doc.get(name) for name in ("authorization_endpoint", "token_endpoint", "jwks_uri")}
        for name, url in endpoints.items():
            if not isinstance(url, str) or not self._usable_url(url):
                raise ProviderMisconfigured(f"the discovery document's {name} is missing or not an "
                                            f"{'http(s)' if self.allow_http else 'https'} URL")
        if "code" not in _listed(doc, "response_types_supported", ["code"]):
            raise ProviderMisconfigured("the provider does not offer the authorization code flow")
        if "S256" not in _listed(doc, "code_challenge_methods_supported", ["S256"]):
            raise ProviderMisconfigured("the provider does not take PKCE S256 code challenges")
        algorithms = tuple(a for a in ALGORITHMS if a in _listed(doc, "id_token_signing_alg_values_supported",
                                                                  ["RS256"]))
        if not algorithms:
            raise ProviderMisconfigured("the provider signs ID tokens with none of " + ", ".join(ALGORITHMS))
        methods = _listed(doc, "token_endpoint_auth_methods_supported", ["client_secret_basic"])
        method = next((m for m in AUTH_METHODS if m in methods), None)
        if method is None:
            raise ProviderMisconfigured("the provider takes no client secret at its token endpoint "
                                        "(client_secret_basic or client_secret_post)")
        return Provider(issuer, str(endpoints["authorization_endpoint"]), str(endpoints["token_endpoint"]),
                        str(endpoints["jwks_uri"]), method, algorithms)

    def _keys(self, provider: Provider) -> KeySet:
        """The provider's keys, fetched again once they are older than `keys_seconds`."""
        with self._lock:
            cached = self._keys_cache.get(provider.jwks_uri)
        if cached and self.clock().timestamp() - cached[1] < self.keys_seconds:
            return cached[0]
        return self._fetch_keys(provider)

    def _newer_keys(self, provider: Provider) -> KeySet | None:
        """For a `kid` the keys do not have: the keys fetched again, unless they were fetched
        less than `keys_refetch_seconds` ago (None then: no provider is asked more often)."""
        with self._lock:
            cached = self._keys_cache.get(provider.jwks_uri)
        if cached and self.clock().timestamp() - cached[1] < self.keys_refetch_seconds:
            return None
        return self._fetch_keys(provider)

    def _fetch_keys(self, provider: Provider) -> KeySet:
        now = self.clock().timestamp()
        doc = self._get_json(provider.jwks_uri, "key set")
        try:
            keys = KeySet.import_key_set(doc)  # type: ignore[arg-type]  # checked by import_key_set
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise ProviderMisconfigured(f"the provider's key set cannot be read ({exc.__class__.__name__})") from None
        with self._lock:
            self._keys_cache[provider.jwks_uri] = (keys, now)
        return keys

    # the sign-in

    def authorization_url(self, registration: Registration, redirect_uri: str, state: str, nonce: str,
                          code_verifier: str) -> str:
        provider = self.discover(registration.issuer)
        with OAuth2Session(registration.client_id, scope=SCOPE, redirect_uri=redirect_uri,
                           code_challenge_method="S256") as session:
            url, _ = session.create_authorization_url(provider.authorization_endpoint, state=state,
                                                      code_verifier=code_verifier, nonce=nonce)
        return url

    def redeem(self, registration: Registration, code: str, redirect_uri: str, code_verifier: str,
               nonce: str) -> dict[str, Any]:
        """The code for tokens; the ID token's verified claims."""
        provider = self.discover(registration.issuer)
        with OAuth2Session(registration.client_id, registration.client_secret,
                           token_endpoint_auth_method=provider.token_auth_method, redirect_uri=redirect_uri,
                           code_challenge_method="S256") as session:
            try:
                token = session.fetch_token(provider.token_endpoint, grant_type="authorization_code", code=code,
                                            code_verifier=code_verifier, timeout=self.timeout,
                                            allow_redirects=False)
            except OAuthError as exc:
                raise ProviderRefused(f"the token endpoint refused the code: {exc.error}", exc.error) from None
            except (requests.RequestException, ValueError) as exc:
                raise ProviderUnreachable(f"the token endpoint gave no usable answer ({_why(exc)})") from None
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise TokenRejected("the token endpoint answered without an ID token")
        access_token = token.get("access_token")
        return self.verify_id_token(registration, id_token, nonce,
                                    access_token if isinstance(access_token, str) else None, provider)

    def verify_id_token(self, registration: Registration, id_token: str, nonce: str,
                        access_token: str | None = None, provider: Provider | None = None) -> dict[str, Any]:
        if not nonce:
            raise TokenRejected("no nonce to check the ID token against")
        provider = provider or self.discover(registration.issuer)
        decoded = self._decode(provider, id_token)
        options = {"iss": {"essential": True, "value": provider.issuer},
                   "aud": {"essential": True, "value": registration.client_id}}
        params = {"nonce": nonce, "client_id": registration.client_id}
        if access_token:
            params["access_token"] = access_token
        claims = CodeIDToken(decoded.claims, decoded.header, options, params)
        try:
            claims.validate(now=int(self.clock().timestamp()), leeway=LEEWAY_SECONDS)
        except JoseError as exc:
            raise TokenRejected(f"the ID token does not verify ({exc.description or exc.error})") from None
        return dict(claims)

    def _decode(self, provider: Provider, id_token: str) -> jwt.Token:
        """The token's header and claims once its signature verifies with one of the provider's
        keys; a `kid` they lack fetches them again (rate-limited: `_newer_keys`)."""
        try:
            return _verified(id_token, self._keys(provider), provider)
        except InvalidKeyIdError:
            keys = self._newer_keys(provider)
        if keys is not None:
            try:
                return _verified(id_token, keys, provider)
            except InvalidKeyIdError:
                pass
        raise TokenRejected("the ID token is signed with a key the provider does not publish")

    # HTTP

    def _usable_url(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in (("https", "http") if self.allow_http else ("https",)) and bool(parts.hostname)

    def _get_json(self, url: str, what: str) -> dict[str, Any]:
        if not self._usable_url(url):
            raise ProviderMisconfigured(f"the {what} is not at an {'http(s)' if self.allow_http else 'https'} URL")
        try:
            with self._session() as session, session.get(url, timeout=self.timeout, allow_redirects=False,
                                                         stream=True, headers={"Accept": "application/json"}) as r:
                if r.status_code != 200:
                    raise ProviderUnreachable(f"the {what} at {url} answered HTTP {r.status_code}")
                body = b""
                for chunk in r.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > MAX_ANSWER_BYTES:
                        raise ProviderUnreachable(f"the {what} at {url} is larger than {MAX_ANSWER_BYTES} bytes")
                doc = json.loads(body)
        except requests.RequestException as exc:
            raise ProviderUnreachable(f"the {what} at {url} could not be fetched ({_why(exc)})") from None
        except ValueError:
            raise ProviderUnreachable(f"the {what} at {url} is not JSON") from None
        if not isinstance(doc, dict):
            raise ProviderUnreachable(f"the {what} at {url} is not a JSON object")
        return doc


def _verified(id_token: str, keys: KeySet, provider: Provider) -> jwt.Token:
    """Decoded when signed with one of `keys` by an allowed algorithm; InvalidKeyIdError when
    no key has its `kid`."""
    try:
        return jwt.decode(id_token, keys, algorithms=list(provider.algorithms))
    except InvalidKeyIdError:
        raise
    except (JoseError, ValueError, TypeError) as exc:
        raise TokenRejected(f"the ID token's signature does not verify ({_why(exc)})") from None


def _listed(doc: dict[str, Any], name: str, default: list[str]) -> list[str]:
    value = doc.get(name, default)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _why(exc: Exception) -> str:
    """An exception's kind, for a message: never its text (which may quote what a provider sent)."""
    if isinstance(exc, requests.ConnectionError):
        return "connection refused or no route"
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code}"
    return exc.__class__.__name__
