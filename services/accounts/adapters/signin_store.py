"""Where sign-in keeps its state (MongoDB or FerretDB), one method per question or change.

Every "use once" is one guarded conditional update (shared.guard): claiming a one-time code,
an authorization code, a device grant or a refresh token sets `used_at` only where it is
still unset, so of two requests racing with the same secret exactly one wins — on FerretDB
too, whose own conditional updates are not atomic. Device sessions carry their events in
their own outbox (shared.outbox), so a session and its `account.device_*` event are one write.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from shared import outbox
from shared.db import Scope, Scoped
from shared.events import Event
from shared.guard import Guarded

from .signin_documents import (AuthorizationCode, Device, DeviceGrant, RefreshToken, SigninChallenge, SigninLimit,
                               SigningKey)

AFTER = ReturnDocument.AFTER


def _guarded(document) -> Guarded:
    return Guarded(document._get_collection())


class SigninStore:
    # -- signing keys ---------------------------------------------------------------------------

    def keys_published(self, now: datetime) -> list[dict]:
        return list(SigningKey._get_collection().find({"publish_until": {"$gt": now}}).sort("created_at", -1))

    def key_for_period(self, period: int) -> dict | None:
        return SigningKey._get_collection().find_one({"period": period})

    def insert_key(self, doc: dict) -> dict | None:
        """None when another process made this period's key first (`period` is unique)."""
        try:
            SigningKey._get_collection().insert_one(doc)
        except DuplicateKeyError:
            return None
        return doc

    # -- rate limits ----------------------------------------------------------------------------

    def count(self, key: str, expires_at: datetime) -> int:
        """Add one to the counter `key` (made if missing) and return its new value."""
        doc = _guarded(SigninLimit).find_one_and_update(
            {"_id": key}, {"$inc": {"count": 1}, "$setOnInsert": {"expires_at": expires_at}},
            upsert=True, return_document=AFTER)
        return int(doc["count"])

    # -- one-time codes -------------------------------------------------------------------------

    def insert_challenge(self, doc: dict) -> None:
        SigninChallenge._get_collection().insert_one(doc)

    def challenge(self, challenge_id: str) -> dict | None:
        return SigninChallenge._get_collection().find_one({"_id": challenge_id})

    def add_try(self, challenge_id: str, now: datetime, max_tries: int) -> dict | None:
        """Count one attempt at an unused, unexpired, unlocked code; None when there is none
        to try (gone, used, expired or locked)."""
        return _guarded(SigninChallenge).find_one_and_update(
            {"_id": challenge_id, "used_at": None, "expires_at": {"$gt": now}, "tries": {"$lt": max_tries}},
            {"$inc": {"tries": 1}}, return_document=AFTER)

    def use_challenge(self, challenge_id: str, now: datetime) -> dict | None:
        """Mark the code used; None when it was used (or expired) already."""
        return _guarded(SigninChallenge).find_one_and_update(
            {"_id": challenge_id, "used_at": None, "expires_at": {"$gt": now}},
            {"$set": {"used_at": now}}, return_document=AFTER)

    # -- authorization codes --------------------------------------------------------------------

    def insert_code(self, doc: dict) -> None:
        AuthorizationCode._get_collection().insert_one(doc)

    def code(self, code_hash: str, client_id: str) -> dict | None:
        return AuthorizationCode._get_collection().find_one({"_id": code_hash, "client_id": client_id})

    def code_gave(self, code_hash: str, device_id: str) -> None:
        """The device session the code's redemption started (a second redemption ends it)."""
        _guarded(AuthorizationCode).update_one({"_id": code_hash}, {"$set": {"device_id": device_id}})

    def use_code(self, code_hash: str, now: datetime) -> dict | None:
        return _guarded(AuthorizationCode).find_one_and_update(
            {"_id": code_hash, "used_at": None}, {"$set": {"used_at": now}}, return_document=AFTER)

    # -- device grants (RFC 8628) ---------------------------------------------------------------

    def insert_device_grant(self, doc: dict) -> None:
        DeviceGrant._get_collection().insert_one(doc)

    def device_grant(self, device_code_hash: str) -> dict | None:
        return DeviceGrant._get_collection().find_one({"_id": device_code_hash})

    def device_grant_by_user_code(self, user_code: str) -> dict | None:
        return DeviceGrant._get_collection().find_one({"user_code": user_code})

    def decide_device_grant(self, grant_id: str, now: datetime, decision: str, scope: Scope | None) -> dict | None:
        """Approve (for `scope`'s member) or deny a grant that is still undecided and unexpired."""
        owner = {"org_id": scope.org_id, "member_id": scope.member_id} if scope else {}
        return _guarded(DeviceGrant).find_one_and_update(
            {"_id": grant_id, "decision": None, "expires_at": {"$gt": now}},
            {"$set": {"decision": decision, **owner}}, return_document=AFTER)

    def poll_device_grant(self, grant_id: str, now: datetime) -> dict | None:
        """Note this poll; the document as it was before (its previous `polled_at`)."""
        return _guarded(DeviceGrant).find_one_and_update(
            {"_id": grant_id}, {"$set": {"polled_at": now}}, return_document=ReturnDocument.BEFORE)

    def use_device_grant(self, grant_id: str, now: datetime) -> dict | None:
        return _guarded(DeviceGrant).find_one_and_update(
            {"_id": grant_id, "used_at": None, "decision": "approved"}, {"$set": {"used_at": now}},
            return_document=AFTER)

    # -- device sessions and refresh tokens -----------------------------------------------------

    def _devices(self, scope: Scope) -> Scoped:
        return Scoped(Device._get_collection(), scope)

    def insert_device(self, scope: Scope, doc: dict, events: Iterable[Event]) -> dict:
        return outbox.insert(self._devices(scope), doc, events)

    def device(self, scope: Scope, device_id: str) -> dict | None:
        return self._devices(scope).find_one({"_id": device_id}, {"outbox": 0})

    def devices(self, scope: Scope) -> list[dict]:
        return list(self._devices(scope).find({"revoked_at": None}, {"outbox": 0}).sort("created_at", -1))

    def active_device_ids(self, scope: Scope) -> list[str]:
        return [d["_id"] for d in self._devices(scope).find({"revoked_at": None}, {"_id": 1})]

    def touch_device(self, scope: Scope, device_id: str, now: datetime) -> None:
        self._devices(scope).update_one({"_id": device_id}, {"$set": {"last_used_at": now}})

    def revoke_device(self, scope: Scope, device_id: str, version: int, changes: dict,
                      events: Iterable[Event]) -> dict | None:
        return outbox.update(self._devices(scope), {"_id": device_id, "revoked_at": None}, version, events,
                             set=changes)

    def device_status(self, device_id: str) -> dict | None:
        """A device session's owner and whether it ended, by id alone (the revocation check)."""
        return Device._get_collection().find_one({"_id": device_id},
                                                 {"org_id": 1, "member_id": 1, "revoked_at": 1, "expires_at": 1})

    def insert_refresh_token(self, doc: dict) -> None:
        RefreshToken._get_collection().insert_one(doc)

    def refresh_token(self, token_hash: str) -> dict | None:
        return RefreshToken._get_collection().find_one({"_id": token_hash})

    def use_refresh_token(self, token_hash: str, now: datetime) -> dict | None:
        """Claim an unused refresh token; None when it was used already (or is gone)."""
        return _guarded(RefreshToken).find_one_and_update(
            {"_id": token_hash, "used_at": None}, {"$set": {"used_at": now}}, return_document=AFTER)

    def forget_refresh_tokens(self, device_id: str) -> int:
        return RefreshToken._get_collection().delete_many({"device_id": device_id}).deleted_count

    def purge_expired(self, now: datetime) -> dict[str, Any]:
        """Delete what has expired; how many of each."""
        done = {}
        for document in (SigninChallenge, AuthorizationCode, DeviceGrant, SigninLimit, RefreshToken):
            done[document._meta["collection"]] = document._get_collection().delete_many(
                {"expires_at": {"$lte": now}}).deleted_count
        return done
