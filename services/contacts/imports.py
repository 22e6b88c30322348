"""Imports (vCard 4.0/3.0, LinkedIn Connections.csv, Rapport CSV) as jobs, and exports.

An import is a job: `POST /v1/imports` stores the file and answers 202 at once; the contacts
followers (`rapport-consume contacts`, between their polls) run queued jobs a chunk of rows at
a time, so a large file never holds a request open. Progress (rows done, created, updated,
unchanged, failed) and every row's error with its line number are visible at
`GET /v1/imports/{id}` while it runs. A runner holds a job by a lease renewed with each chunk
(and keeps the parsed rows between its turns); when it dies, another runner resumes after the
last chunk recorded, once the lease has run out (a chunk done twice only finds its contacts
already there). A database error ends a turn, not the job, unless five turns in a row end so. Rows
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
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable

from bson import Binary
from pymongo import ReturnDocument
from pymongo.errors import PyMongoError

from shared.db import Scope, Scoped
from shared.guard import Guarded, GuardBusy
from shared.problems import Problem, not_found

from .adapters.documents import ImportFile, ImportJob
from .domain import duplicates, merging, normalize, tabular, vcard
from .domain.model import CONTACTS, LIST_FIELDS, empty
from .records import KINDS, Batch, FieldErrors, clean, utcnow
from .schemas import MAX_URL

log = logging.getLogger(__name__)

CHUNK = 200
MAX_MESSAGES = 1000
VCARD_TYPES = {"text/vcard", "text/x-vcard", "text/directory"}
CSV_TYPES = {"text/csv"}
LEASE = timedelta(minutes=5)  # renewed after every chunk; a dead runner's job waits this long
MAX_ATTEMPTS = 5             # turns in a row that may end without a chunk recorded (a database error,
                             # a runner that died) before a job fails
_prepared: dict[str, tuple[list, "Matcher"]] = {}  # jobs this runner is in the middle of


def _jobs(scope: Scope) -> Scoped:
    return Scoped(ImportJob._get_collection(), scope)


def job_view(doc: dict) -> dict:
    return {"id": doc["_id"], "format": doc["format"], "filename": doc.get("filename"), "status": doc["status"],
            "counts": doc["counts"], "errors": doc.get("errors") or [], "warnings": doc.get("warnings") or [],
            "queued_at": doc.get("queued_at") or doc.get("started_at"), "started_at": doc.get("started_at"),
            "finished_at": doc.get("finished_at")}


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
    try:
        for row in rows:
            if isinstance(row, tabular.TableError):
                items.append(Item(row.line, error=row.message))
            else:
                own = row.key.removeprefix("rapport:") if row.key and row.key.startswith("rapport:") else None
                items.append(Item(row.line, row.fields, row.key, own, warnings=row.warnings))
    except tabular.TableError as exc:  # the rest of the file cannot be read
        items.append(Item(exc.line, error=exc.message))
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


def _parse(content_type: str, body: bytes) -> tuple[str, list[Item]]:
    text = _decode(body)
    if content_type in VCARD_TYPES:
        fmt, items = "vcard", _vcard_items(text)
    else:
        fmt, items = _csv_items(text)
    for item in items:
        _drop_unusable_urls(item)
    return fmt, items


def _drop_unusable_urls(item: Item) -> None:
    """A URL we cannot read (`http://[`, not http(s), too long) is left out with a warning:
    it should not cost the member the whole contact."""
    urls = (item.fields or {}).get("profile_urls")
    if not isinstance(urls, list):
        return
    kept = []
    for u in urls:
        try:
            if not isinstance(u, str) or len(u) > MAX_URL:
                raise normalize.NormalisationError(f"{str(u)[:100]!r} is too long for a URL")
            normalize.url(u)
            kept.append(u)
        except normalize.NormalisationError as exc:
            item.warnings.append(f"line {item.line}: {exc}; the contact was imported without it")
    if kept:
        item.fields["profile_urls"] = kept
    else:
        item.fields.pop("profile_urls")


def submit(scope: Scope, content_type: str, body: bytes, filename: str | None,
           correlation_id: str | None, *, max_rows: int) -> dict:
    """Queue an import: the file is kept with the job until a runner has finished it. A file
    with more than `max_rows` rows is refused (413) and nothing is kept."""
    fmt, items = _parse(content_type, body)
    if len(items) > max_rows:
        raise Problem(413, f"an import file may have at most {max_rows} rows (cards or CSV records); this one has "
                           f"{len(items)}: split it", slug="payload-too-large", limit=max_rows,
                      limit_name="import_rows")
    job_id = str(uuid.uuid4())
    Scoped(ImportFile._get_collection(), scope).insert_one(
        {"_id": job_id, "content_type": content_type, "body": Binary(body)})
    counts = {"rows": len(items), "done": 0, "created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    _jobs(scope).insert_one({"_id": job_id, "format": fmt, "filename": filename, "status": "queued", "counts": counts,
                             "errors": [], "warnings": [], "queued_at": utcnow(), "correlation_id": correlation_id})
    return get_job(scope, job_id)


def work(owner: str, budget_seconds: float) -> int:
    """Run queued (or abandoned) import jobs for about `budget_seconds` (at least one chunk
    when there is work); return the rows processed.

    Jobs of every member are visible here: this is the runner, not a request; each job is then
    processed strictly in its own member's scope."""
    deadline = time.monotonic() + budget_seconds
    rows = 0
    while (claimed := _claim(owner)) is not None:
        done = _run(claimed, owner, deadline)
        rows += done
        if time.monotonic() >= deadline or not done:
            break  # out of time, or a turn that got nowhere (a database error): wait for the next
    return rows


def _claim(owner: str) -> tuple[dict, bool] | None:
    """Take the oldest job that is queued or whose runner's lease ran out (or ours); also
    say whether this runner held it without a break (then its prepared rows still hold)."""
    jobs = Guarded(ImportJob._get_collection())
    now = utcnow()
    free = [{"lease_until": None}, {"lease_until": {"$lt": now}}, {"lease_owner": owner}]
    for job in list(jobs.find({"status": {"$in": ["queued", "running"]}, "$or": free}).sort("queued_at", 1).limit(5)):
        claimed = jobs.find_one_and_update(
            {"_id": job["_id"], "status": job["status"], "lease_owner": job.get("lease_owner"),
             "lease_until": job.get("lease_until")},
            {"$set": {"status": "running", "lease_owner": owner, "lease_until": now + LEASE,
                      "started_at": job.get("started_at") or now},
             "$inc": {"attempts": 1}},   # a recorded chunk sets it back to 0
            return_document=ReturnDocument.AFTER)
        if claimed is not None:
            return claimed, job.get("lease_owner") == owner
    return None


def _prepare(job: dict, scope: Scope, continued: bool) -> tuple[list, "Matcher"]:
    """The job's rows and a matcher of the member's contacts, kept while this runner holds it."""
    if not (continued and job["_id"] in _prepared):
        file = Scoped(ImportFile._get_collection(), scope).find_one({"_id": job["_id"]})
        if file is None:
            raise LookupError("the import file is gone")
        _, items = _parse(file["content_type"], bytes(file["body"]))
        _prepared[job["_id"]] = (items, Matcher(scope))
    return _prepared[job["_id"]]


def _finish(jobs: Scoped, held: dict, scope: Scope, update: dict) -> None:
    """End the job (if this runner still holds it) and drop its file."""
    _prepared.pop(held["_id"], None)
    update.setdefault("$unset", {}).update(lease_owner="", lease_until="")
    if jobs.update_one(held, update).modified_count:
        Scoped(ImportFile._get_collection(), scope).delete_many({"_id": held["_id"]})


def _run(claimed: tuple[dict, bool], owner: str, deadline: float) -> int:
    """Process chunks of a claimed job until it is finished or the time is up."""
    job, continued = claimed
    scope = Scope(job["org_id"], job["member_id"])
    jobs = _jobs(scope)
    held = {"_id": job["_id"], "lease_owner": owner}
    counts = dict(job["counts"])
    kept_errors = len(job.get("errors") or [])
    start = counts["done"]
    attempts = job.get("attempts", 0)
    if attempts > MAX_ATTEMPTS:  # its runners kept stopping (crashed, killed) before finishing a chunk
        _fail(jobs, held, scope, counts, f"the import was interrupted {attempts - 1} times in a row without progress")
        return 0
    try:
        items, matcher = _prepare(job, scope, continued)
        while start < len(items):
            chunk = items[start:start + CHUNK]
            errors, warnings = _apply_chunk(scope, chunk, matcher, counts, job.get("correlation_id"))
            start += len(chunk)
            push = {}
            errors = errors[:max(0, MAX_MESSAGES - kept_errors)]
            kept_errors += len(errors)
            if errors:
                push["errors"] = {"$each": errors}
            if warnings:
                push["warnings"] = {"$each": warnings[:MAX_MESSAGES]}
            update = {"$set": {"counts": dict(counts), "lease_until": utcnow() + LEASE, "attempts": 0}}
            if push:
                update["$push"] = push
            if not jobs.update_one(held, update).modified_count:
                log.warning("import lease lost; another runner goes on", extra={"job": job["_id"]})
                _prepared.pop(job["_id"], None)
                return start - job["counts"]["done"]
            if time.monotonic() >= deadline:
                break  # at least one chunk per turn; the lease keeps the job for the next turn
        if start >= len(items):
            _finish(jobs, held, scope, {"$set": {"status": "done", "finished_at": utcnow(), "counts": counts}})
    except Exception as exc:
        _prepared.pop(job["_id"], None)
        transient = isinstance(exc, (GuardBusy, PyMongoError)) or (isinstance(exc, Problem) and exc.status == 503)
        if transient and attempts < MAX_ATTEMPTS:  # the database is struggling: the next turn retries
            log.warning("import turn failed; it will be retried", extra={"job": job["_id"], "attempt": attempts})
        else:
            log.exception("import failed", extra={"job": job["_id"]})
            _fail(jobs, held, scope, counts, "the import stopped on a server error")
    return start - job["counts"]["done"]


def _fail(jobs: Scoped, held: dict, scope: Scope, counts: dict, reason: str) -> None:
    _finish(jobs, held, scope, {"$set": {"status": "failed", "finished_at": utcnow(), "counts": counts},
                                "$push": {"errors": {"line": 0, "message": f"{reason}; rows after {counts['done']} "
                                                                          "were not processed"}}})


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
