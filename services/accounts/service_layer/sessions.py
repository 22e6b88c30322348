"""Device sessions and their tokens: what a sign-in gives, what a refresh does, how a session ends.

- A sign-in (authorization code or device grant) starts a device session: its id is the access
  tokens' `sid` and what sync registers against; `account.device_registered` tells the other
  services, in the same write (the session's outbox).
- Each answer carries a 15-minute access token (ES256, key ring), a refresh token and, when
  `openid` was asked, an ID token.
- A refresh token works once: using it claims it (one guarded update) and gives a new one of
  the same family (the session). Presenting a used one again means it leaked — the session is
  revoked at once, so neither the thief nor the member can go on with it (OAuth 2.1 §4.3.1,
  RFC 6819 §5.2.2.3); the member signs in again.
- A session ends by sign-out, the member revoking it, a reused refresh token, its absolute
  lifetime, or the member leaving or being erased: its refresh tokens are deleted and
  `account.device_revoked` makes every service refuse its access tokens at once.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import not_found
from shared.events import new_event
from shared.retry import until_written

from ..adapters.signin_store import SigninStore
from ..adapters.store import AccountStore
from ..domain.members import ACTIVE
from . import secrets
from .keys import KeyRing

SOURCE = "rapport/accounts"
OPERATOR = "rapport-operator"  # the client of tokens an operator issues (`rapport-accounts issue-token`)
SIGNED_OUT, REVOKED, REFRESH_REUSE, CODE_REUSE, MEMBER_LEFT, MEMBER_ERASED = (
    "signed_out", "revoked", "refresh_reuse", "code_reuse", "member_left", "member_erased")


@dataclass(frozen=True)
class SignedIn:
    """Who a grant is for: the member, and the device session when it exists already (a refresh)."""

    member: dict
    device_id: str | None = None
    nonce: str | None = None
    scope: str = ""  # what the session was granted (a refresh without `scope` keeps it)
    code: str | None = None  # the authorization code (its digest) the grant came from


class Sessions:
    def __init__(self, store: SigninStore, accounts: AccountStore, keys: KeyRing, *,
                 refresh_days: int, session_days: int, clock: Clock = clocks.now):
        self.store, self.accounts, self.keys, self.clock = store, accounts, keys, clock
        self.refresh_ttl, self.session_ttl = timedelta(days=refresh_days), timedelta(days=session_days)

    # -- tokens ---------------------------------------------------------------------------------

    def tokens(self, who: SignedIn, client_id: str, scope: str, device_name: str = "") -> dict[str, Any]:
        """The token answer for `who` (a new device session when it has none)."""
        member, now = who.member, self.clock()
        scoped = Scope(member["org_id"], member["_id"])
        device_id = who.device_id or self.start(scoped, client_id, device_name)
        refresh = secrets.token()
        self.store.insert_refresh_token({
            "_id": secrets.digest(refresh), "device_id": device_id, "org_id": scoped.org_id,
            "member_id": scoped.member_id, "client_id": client_id, "scope": scope, "created_at": now,
            "expires_at": now + self.refresh_ttl})
        issuer = self.keys.issuer()
        answer: dict[str, Any] = {
            "token_type": "Bearer", "expires_in": issuer.ttl_seconds, "scope": scope, "device_id": device_id,
            "access_token": issuer.issue(scoped.org_id, scoped.member_id, member.get("roles", []),
                                         device_id=device_id, client_id=client_id, scope=scope),
            "refresh_token": refresh}
        if "openid" in scope.split():
            stamp = int(now.timestamp())
            claims = {"iss": issuer.issuer, "sub": scoped.member_id, "aud": client_id, "azp": client_id,
                      "iat": stamp, "exp": stamp + issuer.ttl_seconds, "auth_time": stamp, "sid": device_id,
                      "org": scoped.org_id, "email": member.get("email"), "email_verified": True,
                      "name": member.get("display_name")}
            if who.nonce:
                claims["nonce"] = who.nonce
            answer["id_token"] = issuer.sign(claims, "JWT")
        return answer

    def start(self, scope: Scope, client_id: str, name: str) -> str:
        """A new device session of the member (`account.device_registered`); its id."""
        now, device_id = self.clock(), uuid.uuid4().hex
        event = new_event("account.device_registered", org_id=scope.org_id, member_id=scope.member_id,
                          source=SOURCE, data={"member_id": scope.member_id, "device_id": device_id,
                                               "client_id": client_id, "name": name,
                                               "registered_at": clocks.rfc3339(now)})
        self.store.insert_device(scope, {"_id": device_id, "client_id": client_id, "name": name[:200],
                                         "created_at": now, "last_used_at": now,
                                         "expires_at": now + self.session_ttl}, [event])
        if client_id != OPERATOR:
            self.accounts.note_signed_in(scope, now)
        return device_id

    def use_refresh_token(self, token: str, client_id: str) -> SignedIn | None:
        """Who a refresh token stands for, claiming it; None when it must be refused. A token
        used before revokes its whole session."""
        digest, now = secrets.digest(token), self.clock()
        found = self.store.refresh_token(digest)
        if found is None or found["client_id"] != client_id:
            return None
        claimed = self.store.use_refresh_token(digest, now)
        scope = Scope(found["org_id"], found["member_id"])
        if claimed is None:  # used before: the family is compromised
            self.revoke(scope, found["device_id"], REFRESH_REUSE, missing_ok=True)
            return None
        device = self.store.device(scope, found["device_id"])
        member = self.active_member(scope)
        if found["expires_at"] <= now or device is None or _ended(device, now) or member is None:
            return None
        self.store.touch_device(scope, device["_id"], now)
        return SignedIn(member, device["_id"], scope=found.get("scope", ""))

    # -- sessions -------------------------------------------------------------------------------

    def list(self, scope: Scope) -> list[dict]:
        return self.store.devices(scope)

    def revoke(self, scope: Scope, device_id: str, reason: str, *, missing_ok: bool = False) -> None:
        """End one device session (idempotent); NotFound for a session the member does not have."""
        def attempt():
            doc = self.store.device(scope, device_id)
            if doc is None:
                if missing_ok:
                    return True
                raise not_found("device")
            if doc.get("revoked_at"):
                return doc
            now = self.clock()
            event = new_event("account.device_revoked", org_id=scope.org_id, member_id=scope.member_id,
                              source=SOURCE, data={"member_id": scope.member_id, "device_id": device_id,
                                                   "reason": reason, "revoked_at": clocks.rfc3339(now)})
            return self.store.revoke_device(scope, device_id, doc["version"],
                                            {"revoked_at": now, "revoked_reason": reason}, [event])
        until_written(attempt, detail="the device session changed meanwhile; try again")
        self.store.forget_refresh_tokens(device_id)

    def revoke_all(self, scope: Scope, reason: str) -> int:
        """End every session of the member (offboarding, erasure); how many there were."""
        ids = self.store.active_device_ids(scope)
        for device_id in ids:
            self.revoke(scope, device_id, reason, missing_ok=True)
        return len(ids)

    def revoke_refresh_token(self, token: str, client_id: str) -> None:
        """RFC 7009: revoking a refresh token ends its session (sign-out). An unknown token is
        not an error (the answer is 200 either way)."""
        found = self.store.refresh_token(secrets.digest(token))
        if found is not None and found["client_id"] == client_id:
            self.revoke(Scope(found["org_id"], found["member_id"]), found["device_id"], SIGNED_OUT, missing_ok=True)

    def device_ended(self, device_id: str) -> bool:
        """Whether the session `device_id` has ended (accounts' own revocation check)."""
        doc = self.store.device_status(device_id)
        return bool(doc and _ended(doc, self.clock()))

    def active_member(self, scope: Scope) -> dict | None:
        """The member a grant is for, while they are active (no tokens for one who left)."""
        member = self.accounts.member(scope)
        return member if member is not None and member.get("status") == ACTIVE else None


def _ended(device: dict, now) -> bool:
    """A device session ends when it is revoked or its absolute lifetime is over."""
    return bool(device.get("revoked_at")) or device["expires_at"] <= now
