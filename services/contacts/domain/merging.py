"""Decisions about concurrent edits and about merging two contacts. Pure functions.

Field-level merge: a record keeps, per field, the version at which that field last changed
(`field_versions`). A device edits on top of `base_version`; a field it sends conflicts
only if the server changed *that field* after `base_version` to a different value. Server
order decides (versions are the server's); device clocks are never consulted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shared.contracts.sync import APPLIED, CONFLICT, MERGED, REJECTED

from .model import CONTACT_FIELDS, LIST_FIELDS, empty



@dataclass(frozen=True)
class Decision:
    status: str                       # applied | merged | conflict | rejected
    changes: dict[str, Any] = field(default_factory=dict)
    conflicts: tuple[str, ...] = ()
    reason: str = ""

    @property
    def writes(self) -> bool:
        return self.status in (APPLIED, MERGED) and bool(self.changes)


def same(a: Any, b: Any) -> bool:
    """Equality as stored values compare (datetimes by instant, lists by content)."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a == b
    if empty(a) and empty(b):
        return True
    return a == b


def field_version(record: dict, name: str) -> int:
    """The version at which `name` last changed (1 = since creation)."""
    return (record.get("field_versions") or {}).get(name, 1)


def decide(record: dict, base_version: int | None, incoming: dict[str, Any]) -> Decision:
    """What to do with an edit of `incoming` fields made on top of `base_version`."""
    version = record["version"]
    base = base_version or 0  # no base: the device never saw this record, so nothing is its edit
    if base > version:
        return Decision(REJECTED, reason="base_version_ahead")
    changes = {k: v for k, v in incoming.items() if not same(record.get(k), v)}
    conflicts = tuple(sorted(k for k in changes if field_version(record, k) > base))
    if conflicts:
        return Decision(CONFLICT, conflicts=conflicts)
    return Decision(APPLIED if base == version else MERGED, changes=changes)


# -- merging two contacts -------------------------------------------------------------------

_SCALARS = tuple(f for f in CONTACT_FIELDS if f not in LIST_FIELDS and f not in ("notes", "met_at", "gathering_id",
                                                                                    "share_with_colleagues"))
NOTES_MAX = 10_000


def combine(winner: dict, loser: dict) -> tuple[dict[str, Any], dict[str, Any]]:
    """The winner's new field values after absorbing the loser, and what came from the loser.

    Set fields of the winner stay; the loser fills the gaps; lists are united (winner first);
    notes are kept from both; the earlier meeting (with its gathering) is kept; sharing with
    colleagues stays on only if both agreed.
    """
    changes: dict[str, Any] = {}
    took: dict[str, Any] = {}
    for name in _SCALARS:
        if empty(winner.get(name)) and not empty(loser.get(name)):
            changes[name] = took[name] = loser[name]
    for name in LIST_FIELDS:
        mine = list(winner.get(name) or [])
        added = [v for v in loser.get(name) or [] if v not in mine]
        if added:
            changes[name] = mine + added
            took[name] = added
    notes_w, notes_l = winner.get("notes") or "", loser.get("notes") or ""
    if notes_l and notes_l not in notes_w:
        combined = f"{notes_w}\n\n{notes_l}".strip() if notes_w else notes_l
        changes["notes"] = combined[:NOTES_MAX]
        took["notes"] = notes_l
    met_w, met_l = winner.get("met_at"), loser.get("met_at")
    if met_l is not None and (met_w is None or met_l < met_w):
        changes["met_at"] = took["met_at"] = met_l
        if loser.get("gathering_id") or not winner.get("gathering_id"):
            changes["gathering_id"] = took["gathering_id"] = loser.get("gathering_id")
    elif met_w is None and empty(winner.get("gathering_id")) and loser.get("gathering_id"):
        changes["gathering_id"] = took["gathering_id"] = loser["gathering_id"]
    if winner.get("share_with_colleagues") and not loser.get("share_with_colleagues"):
        changes["share_with_colleagues"] = False
        took["share_with_colleagues"] = False
    changes = {k: v for k, v in changes.items() if not same(winner.get(k), v)}
    return changes, took
