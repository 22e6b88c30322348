"""Which fields of a synced record changed when: what a device's conflicting edit is decided on
(docs/sync-protocol.md, *base_version, merges and conflicts*). Pure.
"""
from __future__ import annotations

from typing import Iterable

FIELD_VERSIONS = "field_versions"


def moved(doc: dict, new: dict, names: Iterable[str]) -> list[str]:
    """The fields among `names` that `new` gives another value than `doc` has."""
    return [n for n in names if n in new and new[n] != doc.get(n)]


def with_field_versions(doc: dict, new: dict, names: Iterable[str]) -> dict:
    """`new` (what a write sets on `doc`) with the version at which each field last changed: the
    fields it moves get the version this write makes. Every write of a synced record goes
    through this, REST or sync, so a device's edit conflicts exactly when a field it changes was
    changed after the version it saw (`field_version`)."""
    stamped = {n: doc["version"] + 1 for n in moved(doc, new, names)}
    return {**new, FIELD_VERSIONS: {**(doc.get(FIELD_VERSIONS) or {}), **stamped}}


def field_version(doc: dict, name: str) -> int:
    """The version at which a field last changed (a record from before this was kept: its first)."""
    return int((doc.get(FIELD_VERSIONS) or {}).get(name, 1))
