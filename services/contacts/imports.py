"""Imports (vCard 4.0/3.0, LinkedIn Connections.csv, Rapport CSV) as jobs, and exports.

An import is a job: its progress (rows done, created, updated, unchanged, failed) and every
row's error with its line number are visible at `GET /v1/imports/{id}` while it runs. Rows
are validated one by one; a broken row is reported and skipped, never stored in part, and
never stops the rest. Re-importing a file creates no duplicates: each row is matched to an
existing contact by its import key (vCard UID, LinkedIn profile URL, ...), by our own id, or
by the same email, phone or profile URL. A matched contact only gains what it lacks (lists
are united), unless the card's REV is newer than the contact, in which case the card's
values win.
"""
from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from shared.db import Scope, Scoped
from shared.problems import Problem, not_found

from .adapters.documents import ImportJob
from .domain import duplicates, merging, normalize, tabular, vcard
from .domain.model import CONTACTS, LIST_FIELDS, empty
from .records import KINDS, Batch, FieldErrors, clean, utcnow

log = logging.getLogger(__name__)

CHUNK = 200
MAX_MESSAGES = 1000
VCARD_TYPES = {"text/vcard", "text/x-vcard", "text/directory"}
CSV_TYPES = {"text/csv"}


def _jobs(scope: Scope) -> Scoped:
    return Scoped(ImportJob._get_collection(), scope)


def job_view(doc: dict) -> dict:
    return {"id": doc["_id"], "format": doc["format"], "filename": doc.get("filename"), "status": doc["status"],
            "counts": doc["counts"], "errors": doc.get("errors") or [], "warnings": doc.get("warnings") or [],
            "started_at": doc["started_at"], "finished_at": doc.get("finished_at")}


def get_job(scope: Scope, job_id: str) -> dict:
    doc = _jobs(scope).find_one({"_id": job_id})
    if doc is None:
        raise not_found("import")
    return job_view(doc)


def list_jobs(scope: Scope, limit: int, cursor: str | None):
    from shared import pagination
    items, next_cursor = pagination.page_by_id(_jobs(scope), {}, limit, cursor)
    return [job_view(d) for d in items], next_cursor


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


@dataclass
class Item:
    line: int
    fields: dict | None = None
    key: str | None = None
    own_id: str | None = None
    rev: datetime | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def _vcard_items(text: str) -> list[Item]:
    cards, errors = vcard.parse(text)
    items = [Item(e.line, error=e.message) for e in errors]
    for card in cards:
        try:
            imported = vcard.to_contact(card)
        except vcard.VCardError as exc:
            items.append(Item(exc.line, error=exc.message))
            continue
        own = None
        if imported.uid:
            uid = imported.uid.removeprefix("urn:uuid:")
            key = f"vcard:{imported.uid}"
            own = uid
        else:
            f = imported.fields
            basis = "|".join([normalize.search_text(f.get("display_name")), *(f.get("emails") or []),
                              *(f.get("phones") or [])])
            key = "vcard-fp:" + hashlib.sha256(basis.encode()).hexdigest()[:32]
        items.append(Item(imported.line, imported.fields, key, own, imported.rev))
    return sorted(items, key=lambda i: i.line)


def _csv_items(text: str) -> tuple[str, list[Item]]:
    try:
        fmt, rows = tabular.read(text)
    except tabular.TableError as exc:
        return "csv", [Item(exc.line, error=exc.message)]
    items = []
    for row in rows:
        if isinstance(row, tabular.TableError):
            items.append(Item(row.line, error=row.message))
        else:
            own = row.key.removeprefix("rapport:") if row.key and row.key.startswith("rapport:") else None
            items.append(Item(row.line, row.fields, row.key, own, warnings=row.warnings))
    return fmt, items


def _messages(line: int, errors: dict) -> str:
    parts = []
    for name, msgs in errors.items():
        if isinstance(msgs, dict):
            msgs = [m for v in msgs.values() for m in (v if isinstance(v, list) else [v])]
        parts.append(f"{name}: {'; '.join(str(m) for m in msgs)}")
    return f"line {line}: " + ", ".join(parts)


class Matcher:
    """Finds the contact a row already is: import key, our own id, or a strong duplicate key."""

    def __init__(self, scope: Scope):
        self.by_key: dict[str, str] = {}
        self.ids: set[str] = set()
        for doc in KINDS[CONTACTS].collection(scope).find({"deleted": {"$ne": True}},
                                                           {"import_keys": 1, "dedupe_keys": 1}):
            self.add(doc["_id"], doc.get("import_keys") or [], doc.get("dedupe_keys") or [])

    def add(self, cid: str, import_keys: Iterable[str], dedupe_keys: Iterable[str]) -> None:
        self.ids.add(cid)
        for k in import_keys:
            self.by_key.setdefault(f"i:{k}", cid)
        for k in dedupe_keys:
            if k.split(":", 1)[0] in duplicates.STRONG:
                self.by_key.setdefault(f"d:{k}", cid)

    def find(self, item: Item, data: dict) -> str | None:
        if item.key and f"i:{item.key}" in self.by_key:
            return self.by_key[f"i:{item.key}"]
        if item.own_id and item.own_id in self.ids:
            return item.own_id
        for k in duplicates.keys(data):
            if f"d:{k}" in self.by_key:
                return self.by_key[f"d:{k}"]
        return None


def _changes(existing: dict, data: dict, newer: bool) -> dict:
    """What an imported row adds to an existing contact."""
    out = {}
    for name, value in data.items():
        current = existing.get(name)
        if name in LIST_FIELDS:
            added = [v for v in value if v not in (current or [])]
            if added:
                out[name] = list(current or []) + added
        elif empty(current) or (newer and not empty(value)):
            out[name] = value
    return {k: v for k, v in out.items() if not merging.same(existing.get(k), v)}


def run_import(scope: Scope, content_type: str, body: bytes, filename: str | None,
               correlation_id: str | None) -> dict:
    text = _decode(body)
    if content_type in VCARD_TYPES:
        fmt, items = "vcard", _vcard_items(text)
    else:
        fmt, items = _csv_items(text)
    now = utcnow()
    jobs = _jobs(scope)
    job_id = str(uuid.uuid4())
    counts = {"rows": len(items), "done": 0, "created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    jobs.insert_one({"_id": job_id, "format": fmt, "filename": filename, "status": "running", "counts": counts,
                     "errors": [], "warnings": [], "started_at": now})
    kept_errors = 0
    try:
        matcher = Matcher(scope)
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            errors, warnings = _apply_chunk(scope, chunk, matcher, counts, correlation_id)
            push = {}
            errors = errors[:max(0, MAX_MESSAGES - kept_errors)]
            kept_errors += len(errors)
            if errors:
                push["errors"] = {"$each": errors}
            if warnings:
                push["warnings"] = {"$each": warnings[:MAX_MESSAGES]}
            update = {"$set": {"counts": dict(counts)}}
            if push:
                update["$push"] = push
            jobs.update_one({"_id": job_id}, update)
        jobs.update_one({"_id": job_id}, {"$set": {"status": "done", "finished_at": utcnow(), "counts": counts}})
    except Exception:
        log.exception("import failed", extra={"job": job_id})
        jobs.update_one({"_id": job_id}, {"$set": {"status": "failed", "finished_at": utcnow(), "counts": counts},
                                          "$push": {"errors": {"line": 0, "message":
                                                               "the import stopped on a server error; rows after "
                                                               f"{counts['done']} were not processed"}}})
    return get_job(scope, job_id)


def _apply_chunk(scope: Scope, chunk: list[Item], matcher: Matcher, counts: dict,
                 correlation_id: str | None) -> tuple[list[dict], list[dict]]:
    kind = KINDS[CONTACTS]
    errors, warnings = [], []
    with Batch(scope, correlation_id=correlation_id) as b:
        planned = []
        for item in chunk:
            warnings += [{"line": item.line, "message": w} for w in item.warnings]
            if item.error:
                errors.append({"line": item.line, "message": item.error})
                continue
            try:
                data = clean(kind, item.fields)
            except FieldErrors as exc:
                errors.append({"line": item.line, "message": _messages(item.line, exc.errors)})
                continue
            if data.get("gathering_id"):
                data.pop("gathering_id")
            planned.append((item, data, matcher.find(item, data)))
        b.prefetch(CONTACTS, {cid for _, _, cid in planned if cid})
        for item, data, cid in planned:
            if cid is None:
                cid = matcher.find(item, data)  # an earlier row of this chunk may be the same person
            if cid is None:
                new_id = str(uuid.uuid4())
                doc = b.create(kind, new_id, data, extra={"source": "import",
                                                          "import_keys": [item.key] if item.key else []})
                matcher.add(new_id, doc["import_keys"], doc["dedupe_keys"])
                counts["created"] += 1
                continue
            if b.buffered(CONTACTS, cid):
                b.flush()
            existing = b.get(CONTACTS, cid)
            if existing is None or existing.get("deleted"):
                errors.append({"line": item.line, "message": f"line {item.line}: the matching contact was deleted "
                                                             "during the import"})
                continue
            newer = bool(item.rev and existing["updated_at"] < item.rev)
            changes = _changes(existing, data, newer)
            keys = list(existing.get("import_keys") or [])
            server = {"import_keys": keys + [item.key]} if item.key and item.key not in keys else None
            if not changes and not server:
                counts["unchanged"] += 1
                continue
            done = b.update(kind, existing, changes, server=server)
            if done is None:
                errors.append({"line": item.line, "message": f"line {item.line}: the contact changed during the "
                                                             "import; import the file again"})
                continue
            matcher.add(cid, done.get("import_keys") or [], done.get("dedupe_keys") or [])
            counts["updated" if changes else "unchanged"] += 1
        if b.flush():
            raise Problem(503, "could not store imported contacts; try again")
    counts["failed"] += len(errors)
    counts["done"] += len(chunk)
    return errors, warnings


def export(scope: Scope, args: dict, fmt: str):
    from .service import iter_contacts
    from .records import present

    contacts = (present(KINDS[CONTACTS], doc) for doc in iter_contacts(scope, args))
    return vcard.dump(contacts) if fmt == "vcard" else tabular.dump(contacts)
