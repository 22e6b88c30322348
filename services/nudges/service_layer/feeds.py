"""A member's open nudges as a calendar feed behind a secret URL.

The secret is shown once, when the feed is created or rotated; only its SHA-256 is
stored, so a database dump reveals no working feed URL. Rotating invalidates the old URL.
"""
from __future__ import annotations

import hashlib
import secrets
from typing import Any

from pymongo.collection import Collection

from shared import clock as clocks
from shared import revocation
from shared.clock import Clock
from shared.db import Scope

from ..adapters.store import NudgeStore
from ..domain.ics import render
from ..domain.model import OPEN

FEED_ITEMS = 500


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Feeds:
    def __init__(self, feeds: Collection, store: NudgeStore, clock: Clock = clocks.now):
        self.feeds = feeds
        self.store = store
        self.clock = clock

    def rotate(self, scope: Scope) -> dict[str, Any]:
        """Create the member's feed, or replace its secret (the old URL stops working)."""
        secret = secrets.token_urlsafe(32)
        now = self.clock()
        self.feeds.insert_one({"_id": digest(secret), "org_id": scope.org_id, "member_id": scope.member_id,
                               "created_at": now})
        self.feeds.delete_many({"org_id": scope.org_id, "member_id": scope.member_id, "_id": {"$ne": digest(secret)}})
        return {"secret": secret, "path": f"/v1/feeds/ics/{secret}.ics", "created_at": now}

    def revoke(self, scope: Scope) -> None:
        self.feeds.delete_many({"org_id": scope.org_id, "member_id": scope.member_id})

    def calendar(self, secret: str) -> str | None:
        """The feed's iCalendar text, or None when no feed has this secret."""
        if not secret or len(secret) > 200:
            return None
        feed = self.feeds.find_one({"_id": digest(secret)})
        if feed is None or revocation.revoked(feed["org_id"], feed["member_id"]):
            return None  # no such feed, or its member left or was erased: the URL stops working
        scope = Scope(feed["org_id"], feed["member_id"])
        docs = self.store.find(scope, {"status": {"$in": list(OPEN)}}, [("due_at", 1), ("_id", 1)], FEED_ITEMS)
        return render(docs, self.clock())
