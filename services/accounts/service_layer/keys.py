"""The signing key ring: ES256 keys that rotate, and the JWKS every service verifies from.

Time is cut into periods of ACCOUNTS_KEY_ROTATE_DAYS; each period has one key, made by the
first process that needs it (the store's unique `period` makes that race safe: the loser
reads the winner's). A key signs only during its period and is published at
`/.well-known/jwks.json` until every token it signed has expired (period end + the access
token lifetime + a minute), so a verifier that knew the old key keeps accepting its tokens
to the end and one that meets a new `kid` fetches the JWKS again (shared.auth).
Private keys stay in accounts' database; only public JWKs leave it.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from shared.auth import TokenIssuer
from shared.clock import Clock
from shared.keys import jwk_of
from shared.settings import Settings

from ..adapters.signin_store import SigninStore
from . import secrets

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
LEEWAY = timedelta(seconds=60)


class KeyRing:
    def __init__(self, store: SigninStore, settings: Settings, rotate_days: int, clock: Clock):
        self.store, self.settings, self.clock = store, settings, clock
        self.period_length = timedelta(days=rotate_days)
        self._cached: tuple[int, TokenIssuer] | None = None

    def period(self, now: datetime) -> int:
        return int((now - EPOCH) / self.period_length)

    def issuer(self) -> TokenIssuer:
        """The token issuer of the current period's key (made if it does not exist yet)."""
        now = self.clock()
        period = self.period(now)
        if self._cached is None or self._cached[0] != period:
            doc = self._key(period)
            key = serialization.load_pem_private_key(doc["private_pem"].encode(), None)
            self._cached = (period, TokenIssuer.for_settings(self.settings, doc["_id"], key))
        return self._cached[1]

    def jwks(self) -> dict:
        """Every key whose tokens may still be valid, the signing one first."""
        self.issuer()  # the current period's key exists before it is published
        return {"keys": [doc["public_jwk"] for doc in self.store.keys_published(self.clock())]}

    def _key(self, period: int) -> dict:
        found = self.store.key_for_period(period)
        if found is not None:
            return found
        start = EPOCH + period * self.period_length
        private = ec.generate_private_key(ec.SECP256R1())
        kid = f"{period}-{secrets.token(6)}"
        sign_until = start + self.period_length
        doc = {"_id": kid, "period": period, "created_at": self.clock(), "sign_until": sign_until,
               "publish_until": sign_until + timedelta(seconds=self.settings.jwt_ttl_seconds) + LEEWAY,
               "public_jwk": jwk_of(kid, private.public_key()),
               "private_pem": private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()).decode()}
        return self.store.insert_key(doc) or self.store.key_for_period(period) or doc

