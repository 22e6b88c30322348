"""Where organisation sign-in is kept: each organisation's provider (`org_sso`), the email
domains each claims (`sso_domains`, one organisation per domain), sign-ins sent to a provider
and not yet back (`sso_logins`) and which member a provider's subject is (`sso_identities`).
`MongoSsoStore` (MongoDB or FerretDB) and `InMemorySsoStore`, with the same semantics.

- A domain is claimed by inserting it as an `_id`: a second organisation's insert is refused
  by the unique key, so two organisations never hold one domain however they race
  (`claim_domains` gives the claims it made back if any domain was taken).
- A sign-in is taken once: `take_login` marks it used in the same conditional write that
  finds it unused and unexpired (under its write guard), so a replayed `state` finds nothing.
- Configurations, claims and identities are the organisation's (`org_id` in every query but
  the domain lookup that finds the organisation); a sign-in is found by its random `state`.
"""
from __future__ import annotations

import copy
from datetime import datetime
from typing import Protocol

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from shared.guard import Guarded

from . import audit
from .documents import OrgSso, SsoDomain, SsoIdentity, SsoLogin

CONFIG = {"audit_pending": 0, "audit_pending_org": 0}
SECRET_FIELDS = ("issuer", "client_id", "client_secret", "allowed_domains")


class SsoStore(Protocol):
    def config(self, org_id: str) -> dict | None: ...
    def save_config(self, doc: dict, entry: dict) -> None: ...
    def delete_config(self, org_id: str, entry: dict) -> bool: ...
    def claim_domains(self, org_id: str, domains: list[str]) -> list[str]: ...
    def release_domains(self, org_id: str, keep: list[str]) -> None: ...
    def domain_owner(self, domain: str) -> str | None: ...
    def insert_login(self, doc: dict) -> None: ...
    def take_login(self, state: str, now: datetime) -> dict | None: ...
    def sweep_logins(self, before: datetime) -> int: ...
    def identity(self, org_id: str, key: str) -> dict | None: ...
    def link_identity(self, doc: dict) -> None: ...


def _collection(document) -> Guarded:
    """Writes under the write guards (FerretDB's conditional updates are not atomic otherwise:
    shared.guard), each command retried on transient store errors."""
    return Guarded(document._get_collection())


class MongoSsoStore:
    def config(self, org_id: str) -> dict | None:
        return _collection(OrgSso).find_one({"_id": org_id, "removed": {"$ne": True}}, CONFIG)

    def save_config(self, doc: dict, entry: dict) -> None:
        """Write the configuration carrying the audit `entry` of the change, in one write."""
        fields = {k: v for k, v in doc.items() if k != "_id"}
        change = audit.carry(entry)
        change["$set"].update(fields, removed=False)
        _collection(OrgSso).update_one({"_id": doc["_id"]}, {**change, "$inc": {"version": 1}}, upsert=True)

    def delete_config(self, org_id: str, entry: dict) -> bool:
        """Forget the provider (the document stays, `removed`, carrying the audit `entry`)."""
        change = audit.carry(entry)
        change["$set"].update(removed=True, updated_at=entry["at"])
        result = _collection(OrgSso).update_one(
            {"_id": org_id, "removed": {"$ne": True}},
            {**change, "$inc": {"version": 1}, "$unset": {k: "" for k in SECRET_FIELDS}})
        return result.modified_count == 1

    def claim_domains(self, org_id: str, domains: list[str]) -> list[str]:
        """Claim each domain for the organisation; the domains other organisations hold (and then
        no new claim is kept)."""
        collection = _collection(SsoDomain)
        made, taken = [], []
        for domain in domains:
            try:
                collection.insert_one({"_id": domain, "org_id": org_id})
                made.append(domain)
            except DuplicateKeyError:
                owner = collection.find_one({"_id": domain})
                if owner is None or owner["org_id"] != org_id:
                    taken.append(domain)
        if taken and made:
            collection.delete_many({"_id": {"$in": made}, "org_id": org_id})
        return taken

    def release_domains(self, org_id: str, keep: list[str]) -> None:
        _collection(SsoDomain).delete_many({"org_id": org_id, "_id": {"$nin": keep}})

    def domain_owner(self, domain: str) -> str | None:
        doc = _collection(SsoDomain).find_one({"_id": domain})
        return doc["org_id"] if doc else None

    def insert_login(self, doc: dict) -> None:
        _collection(SsoLogin).insert_one(doc)

    def take_login(self, state: str, now: datetime) -> dict | None:
        return _collection(SsoLogin).find_one_and_update(
            {"_id": state, "used": False, "expires_at": {"$gt": now}}, {"$set": {"used": True, "used_at": now}},
            return_document=ReturnDocument.AFTER)

    def sweep_logins(self, before: datetime) -> int:
        return _collection(SsoLogin).delete_many({"expires_at": {"$lt": before}}).deleted_count

    def identity(self, org_id: str, key: str) -> dict | None:
        return _collection(SsoIdentity).find_one({"_id": key, "org_id": org_id})

    def link_identity(self, doc: dict) -> None:
        """Remember which member the subject is; a link made meanwhile by a racing sign-in stands."""
        try:
            _collection(SsoIdentity).insert_one(doc)
        except DuplicateKeyError:
            pass


class InMemorySsoStore:
    """The same store in dictionaries."""

    def __init__(self) -> None:
        self.configs: dict[str, dict] = {}
        self.domains: dict[str, str] = {}
        self.logins: dict[str, dict] = {}
        self.identities: dict[str, dict] = {}

    def config(self, org_id: str) -> dict | None:
        found = self.configs.get(org_id)
        return None if found is None or found.get("removed") else copy.deepcopy(found)

    def save_config(self, doc: dict, entry: dict) -> None:
        before = self.configs.get(doc["_id"]) or {}
        saved = audit.carry_into({**copy.deepcopy(before), **copy.deepcopy(doc), "removed": False}, entry)
        self.configs[doc["_id"]] = {**saved, "version": before.get("version", 0) + 1}

    def delete_config(self, org_id: str, entry: dict) -> bool:
        found = self.configs.get(org_id)
        if found is None or found.get("removed"):
            return False
        kept = {k: v for k, v in found.items() if k not in SECRET_FIELDS}
        self.configs[org_id] = {**audit.carry_into(kept, entry), "removed": True, "version": found["version"] + 1}
        return True

    def claim_domains(self, org_id: str, domains: list[str]) -> list[str]:
        taken = [d for d in domains if self.domains.get(d, org_id) != org_id]
        if not taken:
            self.domains.update(dict.fromkeys(domains, org_id))
        return taken

    def release_domains(self, org_id: str, keep: list[str]) -> None:
        self.domains = {d: o for d, o in self.domains.items() if o != org_id or d in keep}

    def domain_owner(self, domain: str) -> str | None:
        return self.domains.get(domain)

    def insert_login(self, doc: dict) -> None:
        assert doc["_id"] not in self.logins
        self.logins[doc["_id"]] = copy.deepcopy(doc)

    def take_login(self, state: str, now: datetime) -> dict | None:
        doc = self.logins.get(state)
        if doc is None or doc["used"] or doc["expires_at"] <= now:
            return None
        doc.update(used=True, used_at=now)
        return copy.deepcopy(doc)

    def sweep_logins(self, before: datetime) -> int:
        old = [s for s, d in self.logins.items() if d["expires_at"] < before]
        for state in old:
            del self.logins[state]
        return len(old)

    def identity(self, org_id: str, key: str) -> dict | None:
        doc = self.identities.get(key)
        return copy.deepcopy(doc) if doc and doc["org_id"] == org_id else None

    def link_identity(self, doc: dict) -> None:
        self.identities.setdefault(doc["_id"], copy.deepcopy(doc))
