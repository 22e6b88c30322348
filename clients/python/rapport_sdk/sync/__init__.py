"""Offline-first sync (docs/sync-protocol.md): a SQLite store of the member's records with an outbox
of changes, and an engine that pushes the outbox and pulls each scope.

    store = Store("~/.local/share/rapport/sync.db")
    store.save("contacts", contact_id, {"display_name": "Grace Hopper"})
    report = SyncEngine(HttpTransport(http), lambda: device_id, store).run()
"""
from .engine import SyncEngine
from .model import SCOPES, Conflict, FieldConflict, Mutation, Rejection, Report, ScopeCounts, SyncStopped, scope_of
from .store import Store
from .transport import SCHEMA_VERSION, HttpTransport, Transport

__all__ = [
    "SCHEMA_VERSION", "SCOPES", "Conflict", "FieldConflict", "HttpTransport", "Mutation", "Rejection", "Report",
    "ScopeCounts", "Store", "SyncEngine", "SyncStopped", "Transport", "scope_of",
]
