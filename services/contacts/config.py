"""The contacts service's own settings (environment variables `CONTACTS_*`), validated at start-up.

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

from dataclasses import dataclass, fields
from typing import Mapping

from shared.settings import Settings, SettingsError

SCHEMA_VERSION = 1  # the sync schema this server speaks


@dataclass(frozen=True)
class ContactsConfig:
    sync_max_mutations: int = 500
    sync_max_push_bytes: int = 4 << 20
    sync_max_page: int = 1000
    sync_default_page: int = 200
    sync_min_schema_version: int = 1
    tombstone_retention_seconds: int = 30 * 86400
    purge_interval_seconds: int = 3600
    repair_after_seconds: int = 30
    receipts_per_device: int = 2000
    import_max_bytes: int = 8 << 20
    import_max_rows: int = 30_000

    @classmethod
    def from_settings(cls, settings: Settings) -> "ContactsConfig":
        return cls.from_env(settings.extra)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "ContactsConfig":
        limits = {"sync_max_mutations": (1, 10_000), "sync_max_push_bytes": (1024, 64 << 20),
                  "sync_max_page": (1, 10_000), "sync_default_page": (1, 10_000),
                  "sync_min_schema_version": (1, SCHEMA_VERSION),
                  "tombstone_retention_seconds": (0, 10 * 365 * 86400),
                  "purge_interval_seconds": (0, 30 * 86400), "repair_after_seconds": (0, 86400),
                  "receipts_per_device": (10, 1_000_000), "import_max_bytes": (1024, 256 << 20),
                  "import_max_rows": (1, 1_000_000)}
        values, problems = {}, {}
        for f in fields(cls):
            name = f"CONTACTS_{f.name.upper()}"
            raw = env.get(name)
            if raw in (None, ""):
                continue
            lo, hi = limits[f.name]
            try:
                value = int(raw)
            except ValueError:
                problems[name] = f"must be a whole number, got {raw!r}"
                continue
            if not lo <= value <= hi:
                problems[name] = f"must be between {lo} and {hi}, got {value}"
                continue
            values[f.name] = value
        config = cls(**values)
        if config.sync_default_page > config.sync_max_page:
            problems["CONTACTS_SYNC_DEFAULT_PAGE"] = "must not exceed CONTACTS_SYNC_MAX_PAGE"
        if problems:
            raise SettingsError(problems)
        return config
