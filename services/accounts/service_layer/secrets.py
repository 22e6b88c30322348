"""How sign-in makes and keeps secrets: random from `secrets`, stored as SHA-256 digests,
compared in constant time (`hmac.compare_digest`)."""
from __future__ import annotations

import hashlib
import hmac
import secrets as _secrets

CODE_DIGITS = 6


def token(nbytes: int = 32) -> str:
    """A URL-safe random secret (refresh tokens, link tokens, authorization and device codes)."""
    return _secrets.token_urlsafe(nbytes)


def digits(n: int = CODE_DIGITS) -> str:
    """A one-time code a person types: `n` random digits."""
    return "".join(_secrets.choice("0123456789") for _ in range(n))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str, stored_digest: str) -> bool:
    """Whether `secret` is the one whose digest was stored, in constant time."""
    return hmac.compare_digest(digest(secret), stored_digest)
