"""Upkeep of a member's sync state, run by pulls: repair interrupted writes (log the versions
an intent left behind meant to change) and purge tombstones older than retention with their
change-log slots (`changelog.py` says why this keeps pulls exact)."""
from __future__ import annotations

import logging
from datetime import timedelta

from shared import clock
from shared.db import Scope

from ..config import ContactsConfig
from ..domain.model import COLLECTIONS
from .changelog import ChangeLog
from .store import collection

log = logging.getLogger(__name__)

_INTENT_FORGET_AFTER = timedelta(minutes=10)


def maintain(scope: Scope, cfg: ContactsConfig, changelog: ChangeLog) -> None:
    for intent in changelog.stale_intents(timedelta(seconds=cfg.repair_after_seconds)):
        repair(scope, changelog, intent)
    head = changelog.head()
    purged_at = head.get("purged_at")
    if purged_at is None or purged_at < clock.now() - timedelta(seconds=cfg.purge_interval_seconds):
        purge(scope, cfg, changelog)


def repair(scope: Scope, changelog: ChangeLog, intent: dict) -> None:
    """Log the current versions of the records an interrupted write meant to change."""
    entries = []
    for coll, rid in changelog.intended(intent):
        doc = collection(coll, scope).find_one({"_id": rid}, {"version": 1})
        if doc is not None:
            entries.append((coll, rid, doc["version"]))
    changelog.append(entries)
    at = intent["at"]
    if at < clock.now() - _INTENT_FORGET_AFTER:
        changelog.done(intent["_id"])
    log.info("repaired an interrupted write", extra={"intent": intent["_id"], "records": len(entries)})


def purge(scope: Scope, cfg: ContactsConfig, changelog: ChangeLog) -> int:
    """Remove tombstones older than retention (and their slots), and slots of superseded
    versions that old. Cursors from before a removed tombstone then get 410."""
    cutoff = clock.now() - timedelta(seconds=cfg.tombstone_retention_seconds)
    head = changelog.head()
    removed = 0
    tombs: dict[str, list[str]] = {}
    for coll in COLLECTIONS:
        ids = [d["_id"] for d in collection(coll, scope).find(
            {"deleted": True, "deleted_at": {"$lt": cutoff}}, {"_id": 1}).limit(5000)]
        if ids:
            tombs[coll] = ids
    slot_ids: list[str] = []
    highest = 0
    for coll, ids in tombs.items():
        for s in changelog.slots_of(coll, ids):
            slot_ids.append(s["_id"])
            highest = max(highest, s["seq"])
    changelog.mark_purged(highest)  # first: from now on older cursors get 410
    head_seq = head.get("seq", 0)
    changelog.remove([s for s in slot_ids if s != changelog.slot_id(head_seq)])  # the head's number stays taken
    for coll, ids in tombs.items():
        removed += collection(coll, scope).delete_many({"_id": {"$in": ids}, "deleted": True}).deleted_count
    # slots of versions that were superseded long ago
    old = changelog.old_slots(cutoff, head_seq)
    by_coll: dict[str, list[dict]] = {}
    for s in old:
        by_coll.setdefault(s["coll"], []).append(s)
    stale = []
    for coll, group in by_coll.items():
        versions = {d["_id"]: d["version"] for d in collection(coll, scope).find(
            {"_id": {"$in": sorted({s["rid"] for s in group})}}, {"version": 1})}
        stale += [s["_id"] for s in group if versions.get(s["rid"], -1) != s["v"] and s["rid"] in versions]
    changelog.remove(stale)
    return removed
