"""Where organisations and members are kept: `MongoAccountStore` (MongoDB or FerretDB) and
`InMemoryAccountStore`, the same semantics for use-case tests without a server.

Inserts return None when a unique key is taken (an organisation's slug, a member's email in
the organisation); member changes are compare-and-swap on `version` through
`shared.outbox` and return None when another writer got there first. A member write may carry
an admin action's audit entry (`audit=`), written in the same document write as the change
(adapters/audit.py says why). Changes that may take the admin role from someone run one at a
time per organisation (`admin_removals`), so two admins demoting each other at once cannot
leave it without one.
"""
from __future__ import annotations

import copy
import threading
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Iterable, Iterator, Protocol

from pymongo.errors import DuplicateKeyError

from shared import db, guard, outbox, pagination
from shared.db import Scope, Scoped
from shared.events import Event
from shared.retry import LosesRaces

from . import audit as audit_log
from .documents import Member, Org

PUBLIC = {"outbox": 0, audit_log.PENDING: 0}
ACTIVE_ADMINS = {"status": "active", "roles": "admin"}
REMOVAL_LEASE_SECONDS = 30  # a removal holds its lock for a read and a write: milliseconds


class AccountStore(Protocol):
    def insert_org(self, doc: dict) -> dict | None: ...
    def org(self, slug_or_id: str) -> dict | None: ...
    def insert_member(self, scope: Scope, doc: dict, events: Iterable[Event],
                      audit: dict | None = None) -> dict | None: ...
    def member(self, scope: Scope) -> dict | None: ...
    def member_by_email(self, org_id: str, email: str) -> dict | None: ...
    def member_status(self, member_id: str) -> dict | None: ...
    def members_by_email(self, email: str) -> list[dict]: ...
    def page_members(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]: ...
    def update_member(self, scope: Scope, version: int, events: Iterable[Event], changes: dict,
                      audit: dict | None = None) -> dict | None: ...
    def note_signed_in(self, scope: Scope, at: datetime) -> None: ...
    def active_admins(self, org_id: str, limit: int) -> list[str]: ...
    def admin_removals(self, org_id: str) -> AbstractContextManager[None]: ...


class MongoAccountStore:
    def _members(self, scope: Scope) -> Scoped:
        return Scoped(Member._get_collection(), scope)

    def insert_org(self, doc: dict) -> dict | None:
        """An organisation is no member's: it is written unscoped, with its outbox in `doc`."""
        try:
            Org._get_collection().insert_one(doc)
        except DuplicateKeyError:
            return None
        return doc

    def org(self, slug_or_id: str) -> dict | None:
        return Org._get_collection().find_one({"$or": [{"_id": slug_or_id}, {"slug": slug_or_id}]}, PUBLIC)

    def insert_member(self, scope: Scope, doc: dict, events: Iterable[Event],
                      audit: dict | None = None) -> dict | None:
        if audit is not None:
            audit_log.carry_into(doc, audit)
        try:
            return outbox.insert(self._members(scope), doc, events)
        except DuplicateKeyError:
            return None

    def member(self, scope: Scope) -> dict | None:
        return self._members(scope).find_one({"_id": scope.member_id}, PUBLIC)

    def member_by_email(self, org_id: str, email: str) -> dict | None:
        return Member._get_collection().find_one({"org_id": org_id, "email": email}, PUBLIC)

    def members_by_email(self, email: str) -> list[dict]:
        """Every membership of one address, in any organisation (sign-in finds a person by it)."""
        return list(Member._get_collection().find({"email": email}, PUBLIC).limit(50))

    def member_status(self, member_id: str) -> dict | None:
        """The organisation and status of a member, by id alone (the revocation check)."""
        return Member._get_collection().find_one({"_id": member_id}, {"org_id": 1, "status": 1})

    def page_members(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        return pagination.page_by_id(Member._get_collection(), {"org_id": org_id}, limit, cursor, PUBLIC)

    def update_member(self, scope: Scope, version: int, events: Iterable[Event], changes: dict,
                      audit: dict | None = None) -> dict | None:
        return outbox.update(self._members(scope), {"_id": scope.member_id}, version, events, set=changes,
                             extra=audit_log.carry(audit) if audit is not None else None)

    def note_signed_in(self, scope: Scope, at: datetime) -> None:
        """The member's first sign-in, kept once (invitations are resent only before it)."""
        self._members(scope).update_one({"_id": scope.member_id, "signed_in_at": None}, {"$set": {"signed_in_at": at}})

    def active_admins(self, org_id: str, limit: int) -> list[str]:
        """Ids of up to `limit` active admins of the organisation."""
        found = guard.Guarded(Member._get_collection()).find({"org_id": org_id, **ACTIVE_ADMINS}, {"_id": 1})
        return [d["_id"] for d in found.limit(limit)]

    @contextmanager
    def admin_removals(self, org_id: str) -> Iterator[None]:
        """Hold the organisation's admin-removal lock: a lease in `write_guards` (shared.guard,
        on every server, MongoDB too: it spans a read of other documents and a write), given
        back at the end, expired after the lease if its holder dies; busy after lease + 5 s
        (503 record-busy)."""
        with guard.WriteGuards(db.database(), REMOVAL_LEASE_SECONDS).hold([f"admin-removals:{org_id}"]):
            yield


class InMemoryAccountStore(LosesRaces):
    """The same store in dictionaries; `lose_races` makes the next N member changes lose."""

    def __init__(self) -> None:
        self.orgs: dict[str, dict] = {}
        self.members: dict[str, dict] = {}
        self.events: list[Event] = []
        self._removals: dict[str, threading.Lock] = {}

    def insert_org(self, doc: dict) -> dict | None:
        if doc["_id"] in self.orgs or any(o["slug"] == doc["slug"] for o in self.orgs.values()):
            return None
        self.orgs[doc["_id"]] = copy.deepcopy(doc)
        self.events += [Event.from_dict(e) for e in doc.get("outbox", [])]
        return doc

    def org(self, slug_or_id: str) -> dict | None:
        found = self.orgs.get(slug_or_id) or next((o for o in self.orgs.values() if o["slug"] == slug_or_id), None)
        return {k: v for k, v in copy.deepcopy(found).items() if k != "outbox"} if found else None

    def insert_member(self, scope: Scope, doc: dict, events: Iterable[Event],
                      audit: dict | None = None) -> dict | None:
        if doc["_id"] in self.members or self.member_by_email(scope.org_id, doc["email"]):
            return None
        if audit is not None:
            audit_log.carry_into(doc, copy.deepcopy(audit))
        doc.update(org_id=scope.org_id, member_id=scope.member_id, version=1)
        self.members[doc["_id"]] = copy.deepcopy(doc)
        self.events += list(events)
        return doc

    def member(self, scope: Scope) -> dict | None:
        doc = self.members.get(scope.member_id)
        return copy.deepcopy(doc) if doc and doc["org_id"] == scope.org_id else None

    def member_by_email(self, org_id: str, email: str) -> dict | None:
        return next((copy.deepcopy(m) for m in self.members.values()
                     if m["org_id"] == org_id and m["email"] == email), None)

    def members_by_email(self, email: str) -> list[dict]:
        return [copy.deepcopy(m) for m in self.members.values() if m["email"] == email]

    def member_status(self, member_id: str) -> dict | None:
        doc = self.members.get(member_id)
        return {"_id": member_id, "org_id": doc["org_id"], "status": doc["status"]} if doc else None

    def page_members(self, org_id: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
        after = pagination.decode(cursor, 1)
        found = sorted((m for m in self.members.values() if m["org_id"] == org_id
                        and (after is None or m["_id"] > after[0])), key=lambda m: m["_id"])
        more = len(found) > limit
        return [copy.deepcopy(m) for m in found[:limit]], pagination.encode([found[limit - 1]["_id"]]) if more else None

    def update_member(self, scope: Scope, version: int, events: Iterable[Event], changes: dict,
                      audit: dict | None = None) -> dict | None:
        doc = self.member(scope)
        if doc is None or doc["version"] != version or self.lost_race():
            return None
        doc.update(copy.deepcopy(changes), version=version + 1)
        if audit is not None:
            audit_log.carry_into(doc, copy.deepcopy(audit))
        self.members[scope.member_id] = doc
        self.events += list(events)
        return copy.deepcopy(doc)

    def note_signed_in(self, scope: Scope, at: datetime) -> None:
        doc = self.members.get(scope.member_id)
        if doc is not None and doc["org_id"] == scope.org_id:
            doc.setdefault("signed_in_at", at)

    def active_admins(self, org_id: str, limit: int) -> list[str]:
        return sorted(m["_id"] for m in self.members.values() if m["org_id"] == org_id
                      and m.get("status") == "active" and "admin" in m.get("roles", []))[:limit]

    @contextmanager
    def admin_removals(self, org_id: str) -> Iterator[None]:
        with self._removals.setdefault(org_id, threading.Lock()):
            yield
