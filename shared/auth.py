"""Tokens: issue (accounts) and verify (every service, locally, per RFC 8725).

Accounts signs with ES256 only, with a key of its key ring (`TokenIssuer`). Every service
verifies locally (`TokenVerifier`) with the keys of shared.keys: pinned PEM files
(`RAPPORT_JWT_PUBLIC_KEYS`) and accounts' JWKS (`RAPPORT_JWKS_URL`, cached, refetched on an
unknown kid at most once every 10 s):

- the algorithm is the key's own: an EC P-256 key verifies ES256 only, a pinned RSA key RS256
  only; `alg: none`, HS256 and any other algorithm confusion are refused;
- `kid` must name a known key (rotation = several kids listed at once);
- `typ` must be `at+jwt` (RFC 9068), so an ID token or other JWT is not accepted;
- `iss`, `aud`, `exp`, `nbf`, `iat`, `sub` and `org` are required and checked, times against
  shared.clock; a token of a device session (`sid`) may live at most
  `RAPPORT_JWT_MAX_TTL_SECONDS` (900), so the deny list of revoked devices (shared.revocation)
  needs to remember a device only that long.

Then the authenticate step asks the service's revocation check (shared.revocation) whether
the member, or the token's device session, is shut out.
"""
from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, Iterable, Sequence

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import ec
from flask import g, request

from . import clock, transient
from .keys import ES256, KeySource, KeysUnavailable, JwksKeys, PinnedKeys, PublicKey, es256_key, jwk_of
from .problems import Problem
from .settings import Settings

log = logging.getLogger(__name__)

TOKEN_TYPE = "at+jwt"
LEEWAY_SECONDS = 30
ACCESS_TOKEN_SECONDS = 900
MAX_KID_LENGTH = 200


@dataclass(frozen=True)
class Principal:
    org_id: str
    member_id: str
    roles: tuple[str, ...] = ()
    token_id: str = ""
    device_id: str = ""  # the `sid` claim: the device session the token was issued to ("" for operator tokens)
    client_id: str = ""

    def has_role(self, role: str) -> bool:
        return role in self.roles


class TokenError(Exception):
    """The token is missing, malformed, expired or not ours; the message says which."""


class TokenVerifier:
    """Verifies access tokens with the keys of `sources` (the first that has the kid wins)."""

    def __init__(self, issuer: str, audience: str, sources: Sequence[KeySource], *,
                 max_device_ttl_seconds: int = ACCESS_TOKEN_SECONDS):
        self.issuer = issuer
        self.audience = audience
        self.sources = list(sources)
        self.max_device_ttl_seconds = max_device_ttl_seconds

    @classmethod
    def from_settings(cls, settings: Settings, *, own: KeySource | None = None,
                      monotonic: Callable[[], float] = time.monotonic,
                      session: requests.Session | None = None) -> TokenVerifier:
        """Pinned keys first (no network), then accounts' JWKS — or, for accounts itself, `own`
        (its key ring) in place of the JWKS URL."""
        sources: list[KeySource] = []
        if settings.jwt_public_keys:
            sources.append(PinnedKeys.from_files(settings.jwt_public_keys))
        if own is not None:
            sources.append(own)
        elif settings.jwks_url:
            sources.append(JwksKeys(settings.jwks_url, cache_seconds=settings.jwks_cache_seconds,
                                    monotonic=monotonic, session=session))
        return cls(settings.jwt_issuer, settings.jwt_audience, sources,
                   max_device_ttl_seconds=settings.jwt_max_ttl_seconds)

    def key(self, kid: str) -> PublicKey | None:
        """The key named `kid`; `KeysUnavailable` when only a JWKS that cannot be fetched could tell."""
        for source in self.sources:
            key = source.get(kid)
            if key is not None:
                return key
        return None

    def verify(self, token: str) -> Principal:
        """The token's principal; `TokenError` when it is not a good access token of ours,
        `KeysUnavailable` when its key cannot be learned right now."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError(f"malformed token: {exc}") from None
        typ = header.get("typ")
        if not isinstance(typ, str) or typ.lower() != TOKEN_TYPE:
            raise TokenError(f"token type must be {TOKEN_TYPE}")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid or len(kid) > MAX_KID_LENGTH:
            raise TokenError("unknown signing key (kid)")
        key = self.key(kid)
        if key is None:
            raise TokenError("unknown signing key (kid)")
        if header.get("alg") != key.alg:
            raise TokenError(f"algorithm {header.get('alg')!r} is not allowed for this key")
        try:
            claims = jwt.decode(
                token, key.key, algorithms=[key.alg], audience=self.audience, issuer=self.issuer,
                # times are checked below against the one clock (shared.clock), not pyjwt's own
                options={"require": ["exp", "iat", "iss", "aud", "sub", "org"],
                         "verify_exp": False, "verify_nbf": False, "verify_iat": False},
            )
        except jwt.InvalidSignatureError:
            raise TokenError("signature verification failed") from None
        except jwt.PyJWTError as exc:
            raise TokenError(f"invalid token: {exc}") from None
        _check_times(claims, clock.timestamp())
        if claims.get("sid") and claims["exp"] - claims["iat"] > self.max_device_ttl_seconds:
            raise TokenError(f"a device session's token may live at most {self.max_device_ttl_seconds} s")
        roles = claims.get("roles") or []
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise TokenError("roles must be a list of strings")
        return Principal(org_id=str(claims["org"]), member_id=str(claims["sub"]),
                         roles=tuple(roles), token_id=str(claims.get("jti", "")),
                         device_id=str(claims.get("sid", "")), client_id=str(claims.get("client_id", "")))


def _check_times(claims: dict, now: float) -> None:
    """exp, nbf and iat (RFC 7519 §4.1.4–6) against `now`, with the leeway."""
    times = {}
    for name in ("exp", "nbf", "iat"):
        value = claims.get(name)
        if value is None and name == "nbf":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TokenError(f"invalid token: {name} must be a number")
        times[name] = value
    if times["exp"] <= now - LEEWAY_SECONDS:
        raise TokenError("token expired")
    if times.get("nbf", 0) > now + LEEWAY_SECONDS:
        raise TokenError("token not yet valid")
    if times["iat"] > now + LEEWAY_SECONDS:
        raise TokenError("invalid token: issued in the future")


class TokenIssuer:
    """Signs access tokens with one ES256 key: `kid` names it in accounts' JWKS, `private_key`
    is its EC P-256 private key (a cryptography key object). Accounts builds one from the
    current key of its key ring; tests from a key of their own."""

    def __init__(self, issuer: str, audience: str, kid: str, private_key: Any,
                 ttl_seconds: int = ACCESS_TOKEN_SECONDS):
        if not isinstance(private_key, ec.EllipticCurvePrivateKey) or not es256_key(private_key):
            raise ValueError("access tokens are signed with an EC P-256 private key (ES256)")
        if not kid:
            raise ValueError("a signing key needs a kid")
        self.issuer, self.audience, self.kid = issuer, audience, kid
        self.key = private_key
        self.alg = ES256
        self.ttl_seconds = ttl_seconds

    @classmethod
    def from_pem(cls, issuer: str, audience: str, kid: str, pem: bytes, ttl_seconds: int = ACCESS_TOKEN_SECONDS,
                 password: bytes | None = None) -> TokenIssuer:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        return cls(issuer, audience, kid, load_pem_private_key(pem, password), ttl_seconds)

    @classmethod
    def for_settings(cls, settings: Settings, kid: str, private_key: Any) -> TokenIssuer:
        """Issuer, audience and lifetime from the settings (`RAPPORT_JWT_ISSUER`, `_AUDIENCE`,
        `_TTL_SECONDS`)."""
        return cls(settings.jwt_issuer, settings.jwt_audience, kid, private_key, settings.jwt_ttl_seconds)

    def public_jwk(self) -> dict[str, Any]:
        """The JWK of this key, as accounts' JWKS lists it."""
        return jwk_of(self.kid, self.key.public_key())

    def issue(self, org_id: str, member_id: str, roles: Iterable[str] = (),
              ttl_seconds: int | None = None, now: float | None = None, *,
              device_id: str | None = None, client_id: str | None = None, scope: str | None = None) -> str:
        """An access token; `device_id` becomes the `sid` claim (the device session)."""
        now = int(now if now is not None else clock.timestamp())
        ttl = ttl_seconds if ttl_seconds is not None else self.ttl_seconds
        claims = {
            "iss": self.issuer, "aud": self.audience,
            "sub": member_id, "org": org_id, "roles": list(roles),
            "iat": now, "nbf": now, "exp": now + ttl, "jti": uuid.uuid4().hex,
        }
        claims.update({k: v for k, v in (("sid", device_id), ("client_id", client_id), ("scope", scope)) if v})
        return self.sign(claims)

    def sign(self, claims: dict[str, Any], typ: str = TOKEN_TYPE) -> str:
        """`claims` signed with this key. Any other JWT (accounts' ID tokens) has another `typ`
        (`JWT`), so no service takes it for an access token."""
        return jwt.encode(claims, self.key, algorithm=self.alg, headers={"kid": self.kid, "typ": typ})


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenError("missing bearer token")
    return token.strip()


REVOKED_DETAIL = {
    "left": "this member has left the organisation; access is revoked",
    "erased": "this member's account was erased; access is revoked",
    # a device session's end (account.device_revoked): a new sign-in on this device gives access again
    "signed_out": "this device was signed out; sign in again",
    "revoked": "this device's access was revoked; sign in again",
    "refresh_reuse": "this device's session was ended because a refresh token was used twice; sign in again",
    "member_left": "this member has left the organisation; access is revoked",
    "member_erased": "this member's account was erased; access is revoked",
    "device": "this device's session has ended; sign in again",  # accounts, from its own device sessions
}

# The revocation check: (org id, member id, device id or "") -> why access is refused, or None
# (shared.revocation.revoked; accounts passes its own)
RevocationCheck = Callable[[str, str, str], str | None]


def authenticate(verifier: TokenVerifier, revoked: RevocationCheck | None = None) -> Principal:
    """Verify the request's token and remember the principal on `g`. With `revoked` (the
    service's revocation check, shared.revocation), a member who left or was erased, or a token
    of a device session that ended, is refused although the token is still valid:
    `401 /problems/access-revoked`. A token whose key cannot be fetched right now is
    `503 /problems/keys-unavailable` with `Retry-After`."""
    try:
        principal = verifier.verify(bearer_token())
    except TokenError as exc:
        raise Problem(401, str(exc), slug="invalid-token",
                      headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from None
    except KeysUnavailable as exc:
        raise Problem(503, str(exc), slug="keys-unavailable",
                      headers={"Retry-After": str(exc.retry_after)}) from None
    try:
        reason = revoked(principal.org_id, principal.member_id, principal.device_id) if revoked is not None else None
    except Exception as exc:  # the database is away: fail closed, with an answer the client may retry
        if transient.is_transient(exc):
            log.warning("revocation check: store unavailable", extra={"error": exc.__class__.__name__})
        else:
            log.exception("revocation check failed")
        raise Problem(503, "access cannot be checked right now; retry shortly", slug="store-unavailable",
                      headers={"Retry-After": str(transient.RETRY_AFTER_SECONDS)}) from None
    if reason:
        raise Problem(401, REVOKED_DETAIL.get(reason, "access is revoked"), slug="access-revoked",
                      headers={"WWW-Authenticate": 'Bearer error="invalid_token", error_description="access revoked"'})
    g.principal = principal
    return principal


def current_principal() -> Principal:
    principal = getattr(g, "principal", None)
    if principal is None:  # a route marked public asked for a principal: a programming error
        raise Problem(401, "authentication required", slug="invalid-token")
    return principal


PUBLIC_ATTR = "_rapport_public"


def public(view):
    """Mark a view as reachable without a token (health, docs, ICS feeds with their own secret)."""
    setattr(view, PUBLIC_ATTR, True)
    return view


def require_role(role: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_principal().has_role(role):
                raise Problem(403, f"this action needs the {role!r} role")
            return view(*args, **kwargs)
        return wrapper
    return decorator
