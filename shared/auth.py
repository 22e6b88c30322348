"""Tokens: issue (accounts) and verify (every service, locally, per RFC 8725).

- algorithms are allow-listed per key: HS256 keys verify HS256 only, RSA keys RS256,
  EC keys ES256; `alg: none` and algorithm confusion are refused;
- `kid` must name a configured key (rotation = several kids configured at once);
- `typ` must be `at+jwt` (RFC 9068), so an ID token or other JWT is not accepted;
- `iss`, `aud`, `exp`, `nbf`, `iat`, `sub` and `org` are required and checked.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, Iterable

import jwt
from flask import g, request

from . import clock, transient
from .problems import Problem
from .settings import Settings

log = logging.getLogger(__name__)

TOKEN_TYPE = "at+jwt"
LEEWAY_SECONDS = 30


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
    def __init__(self, settings: Settings):
        self.issuer = settings.jwt_issuer
        self.audience = settings.jwt_audience
        self.keys: dict[str, tuple[str, Any]] = {
            kid: ("HS256", secret.encode()) for kid, secret in settings.jwt_hs256_keys.items()
        }
        for kid, path in settings.jwt_public_keys.items():
            self.keys[kid] = _load_public(path)

    def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError(f"malformed token: {exc}") from None
        if header.get("typ", "").lower() != TOKEN_TYPE:
            raise TokenError(f"token type must be {TOKEN_TYPE}")
        kid = header.get("kid")
        if kid not in self.keys:
            raise TokenError("unknown signing key (kid)")
        alg, key = self.keys[kid]
        if header.get("alg") != alg:
            raise TokenError(f"algorithm {header.get('alg')!r} is not allowed for this key")
        try:
            claims = jwt.decode(
                token, key, algorithms=[alg], audience=self.audience, issuer=self.issuer,
                # times are checked below against the one clock (shared.clock), not pyjwt's own
                options={"require": ["exp", "iat", "iss", "aud", "sub", "org"],
                         "verify_exp": False, "verify_nbf": False, "verify_iat": False},
            )
        except jwt.InvalidSignatureError:
            raise TokenError("signature verification failed") from None
        except jwt.PyJWTError as exc:
            raise TokenError(f"invalid token: {exc}") from None
        _check_times(claims, clock.timestamp())
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


def _load_public(path: str) -> tuple[str, Any]:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    key = load_pem_public_key(open(path, "rb").read())
    if isinstance(key, rsa.RSAPublicKey):
        return "RS256", key
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ES256", key
    raise ValueError(f"{path}: only RSA and EC public keys are supported")


class TokenIssuer:
    """Signs access tokens with one key: ES256 with an EC P-256 private key (accounts' key
    ring), or, from settings, HS256/RS256 for operator-configured keys."""

    def __init__(self, issuer: str, audience: str, kid: str, key: Any, alg: str = "ES256", ttl_seconds: int = 900):
        self.issuer, self.audience, self.kid, self.key, self.alg = issuer, audience, kid, key, alg
        self.ttl_seconds = ttl_seconds

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenIssuer":
        kid = settings.jwt_signing_kid
        if settings.jwt_private_key_file:
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives.serialization import load_pem_private_key

            key = load_pem_private_key(open(settings.jwt_private_key_file, "rb").read(), None)
            alg = "ES256" if isinstance(key, ec.EllipticCurvePrivateKey) else "RS256"
            return cls(settings.jwt_issuer, settings.jwt_audience, kid, key, alg, settings.jwt_ttl_seconds)
        if kid in settings.jwt_hs256_keys:
            return cls(settings.jwt_issuer, settings.jwt_audience, kid, settings.jwt_hs256_keys[kid].encode(),
                       "HS256", settings.jwt_ttl_seconds)
        raise ValueError("no signing key: set RAPPORT_JWT_SIGNING_KID to a configured kid")

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
        return jwt.encode(claims, self.key, algorithm=self.alg,
                          headers={"kid": self.kid, "typ": TOKEN_TYPE})


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenError("missing bearer token")
    return token.strip()


REVOKED_DETAIL = {"left": "this member has left the organisation; access is revoked",
                  "erased": "this member's account was erased; access is revoked"}


def authenticate(verifier: TokenVerifier, revoked: Callable[[str, str], str | None] | None = None) -> Principal:
    """Verify the request's token and remember the principal on `g`. With `revoked` (the
    service's revocation check, shared.revocation), a member who left or was erased is refused
    although their token is still valid: `401 /problems/access-revoked`."""
    try:
        principal = verifier.verify(bearer_token())
    except TokenError as exc:
        raise Problem(401, str(exc), slug="invalid-token",
                      headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}) from None
    try:
        reason = revoked(principal.org_id, principal.member_id) if revoked is not None else None
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
