"""The contacts service's own settings (environment variables `CONTACTS_*`), declared as knobs on
`shared.settings` and validated at start-up: every bad value is reported by name, all at once
(`SettingsError`), none clamped; a value out of its range is an error.

| variable | default | meaning |
|---|---|---|
| CONTACTS_SYNC_MAX_MUTATIONS | 500 | mutations per push (more: 413) |
| CONTACTS_SYNC_MAX_PUSH_BYTES | 4194304 | bytes per push body (more: 413) |
| CONTACTS_SYNC_MAX_PAGE | 1000 | changes per pull page (more: 413) |
| CONTACTS_SYNC_DEFAULT_PAGE | 200 | changes per pull page when `limit` is not given |
| CONTACTS_SYNC_MIN_SCHEMA_VERSION | 1 | oldest app schema version served (older: 426) |
| CONTACTS_TOMBSTONE_RETENTION_SECONDS | 2592000 (30 days) | how long deletes and merges are kept for devices |
| CONTACTS_PURGE_INTERVAL_SECONDS | 3600 | how often a member's expired tombstones are purged |
| CONTACTS_REPAIR_AFTER_SECONDS | 30 | when an interrupted write is logged for sync by a pull |
| CONTACTS_RECEIPTS_PER_DEVICE | 2000 | first results kept per device for retried mutations |
| CONTACTS_IMPORT_MAX_BYTES | 8388608 | bytes per import file (more: 413) |
| CONTACTS_IMPORT_MAX_ROWS | 30000 | rows (cards, CSV records) per import file (more: 413) |
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from shared.settings import Int, Settings, SettingsError, read_knobs

SCHEMA_VERSION = 1  # the sync schema this server speaks

KNOBS = {
    "sync_max_mutations": Int(500, 1, 10_000),
    "sync_max_push_bytes": Int(4 << 20, 1024, 64 << 20),
    "sync_max_page": Int(1000, 1, 10_000),
    "sync_default_page": Int(200, 1, 10_000),
    "sync_min_schema_version": Int(1, 1, SCHEMA_VERSION),
    "tombstone_retention_seconds": Int(30 * 86400, 0, 10 * 365 * 86400),
    "purge_interval_seconds": Int(3600, 0, 30 * 86400),
    "repair_after_seconds": Int(30, 0, 86400),
    "receipts_per_device": Int(2000, 10, 1_000_000),
    "import_max_bytes": Int(8 << 20, 1024, 256 << 20),
    "import_max_rows": Int(30_000, 1, 1_000_000),
}


@dataclass(frozen=True)
class ContactsConfig:
    sync_max_mutations: int = KNOBS["sync_max_mutations"].default
    sync_max_push_bytes: int = KNOBS["sync_max_push_bytes"].default
    sync_max_page: int = KNOBS["sync_max_page"].default
    sync_default_page: int = KNOBS["sync_default_page"].default
    sync_min_schema_version: int = KNOBS["sync_min_schema_version"].default
    tombstone_retention_seconds: int = KNOBS["tombstone_retention_seconds"].default
    purge_interval_seconds: int = KNOBS["purge_interval_seconds"].default
    repair_after_seconds: int = KNOBS["repair_after_seconds"].default
    receipts_per_device: int = KNOBS["receipts_per_device"].default
    import_max_bytes: int = KNOBS["import_max_bytes"].default
    import_max_rows: int = KNOBS["import_max_rows"].default

    @classmethod
    def from_settings(cls, settings: Settings) -> "ContactsConfig":
        return cls.from_env(settings.extra)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "ContactsConfig":
        """The settings `CONTACTS_*` of `env` (the process environment when None); every bad
        value named at once in one `SettingsError`, none clamped."""
        env = os.environ if env is None else env
        problems: dict[str, str] = {}
        values = read_knobs(env, "CONTACTS_", KNOBS, problems)
        pages = ("CONTACTS_SYNC_DEFAULT_PAGE", "CONTACTS_SYNC_MAX_PAGE")
        if values["sync_default_page"] > values["sync_max_page"] and not problems.keys() & set(pages):
            problems["CONTACTS_SYNC_DEFAULT_PAGE"] = "must not exceed CONTACTS_SYNC_MAX_PAGE"
        if problems:
            raise SettingsError(problems)
        return cls(**values)
