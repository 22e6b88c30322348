"""Imports (vCard 4.0/3.0, LinkedIn Connections.csv, Rapport CSV) as jobs, and exports.

An import is a job: `POST /v1/imports` stores the file and answers 202 at once; the contacts
followers (`rapport-consume contacts`, between their polls) run queued jobs a chunk of rows at
a time, so a large file never holds a request open. Progress (rows done, created, updated,
unchanged, failed) and every row's error with its line number are visible at
`GET /v1/imports/{id}` while it runs. A runner holds a job by a lease renewed with each chunk
(and keeps the parsed rows between its turns); when it dies, another runner resumes after the
last chunk recorded, once the lease has run out (a chunk done twice only finds its contacts
already there, and each row is counted as its first attempt counted it). A database error ends
a turn, not the job, unless five turns in a row end so.

Every person in the file is kept: rows are validated value by value, and a value that cannot
be used (a phone, an email, a URL, a date, a name too long, ...) is left out of that contact
with a warning naming its line, the file's name for it and the raw value, which is also kept
at the end of the contact's notes so the member can fix it. A row is an error only when
nothing names a person (no name, email or phone). Re-importing a file creates no duplicates:
each row is matched to an existing contact by its import key (vCard UID, LinkedIn profile URL,
...), by our own id, or by the same email, phone or profile URL. A matched contact only gains
what it lacks (lists are united), unless the card's REV is newer than the contact, in which
case the card's values win.

Here: the job (queue, claim, run chunk by chunk, finish) and exports; long because a job's
whole life under its lease reads best in one module. Reading a file into rows and matching
them is `domain/rows.py`; a row as a valid contact is `import_rows.py`.
"""
from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta
from typing import Any

from bson import Binary
from pymongo import ReturnDocument
from pymongo.errors import PyMongoError

from shared import clock
from shared.db import Scope, Scoped
from shared.errors import Busy, Invalid, not_found
from shared.guard import Guarded, GuardBusy

from ..adapters.documents import ImportFile, ImportJob
from ..adapters.store import Batch, collection
from ..domain import tabular, vcard
from ..domain.model import CONTACTS
from ..domain.records import KINDS, FieldErrors, present
from ..domain.rows import Item, Matcher, error_message, marked_rows, parse_file, row_changes, row_id, row_mark
from .import_rows import person, with_dropped_in_notes
from .records import iter_contacts

log = logging.getLogger(__name__)

CHUNK = 200
MAX_MESSAGES = 1000
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


def submit(scope: Scope, content_type: str, body: bytes, filename: str | None,
           correlation_id: str | None, *, max_rows: int) -> dict:
    """Queue an import: the file is kept with the job until a runner has finished it. A file
    with more than `max_rows` rows is refused (413) and nothing is kept."""
    fmt, items, stray = parse_file(content_type, body)
    if len(items) > max_rows:
        raise Invalid(f"an import file may have at most {max_rows} rows (cards or CSV records); this one has "
                      f"{len(items)}: split it", slug="payload-too-large", limit=max_rows, limit_name="import_rows")
    job_id = str(uuid.uuid4())
    Scoped(ImportFile._get_collection(), scope).insert_one(
        {"_id": job_id, "content_type": content_type, "body": Binary(body)})
    counts = {"rows": len(items), "done": 0, "created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    _jobs(scope).insert_one({"_id": job_id, "format": fmt, "filename": filename, "status": "queued", "counts": counts,
                             "errors": [], "warnings": stray[:MAX_MESSAGES], "queued_at": clock.now(),
                             "correlation_id": correlation_id})
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
    now = clock.now()
    # one equality filter per status, which the store answers from its index (FerretDB scans the
    # collection for `$in` and `$or`, and every job ever run stays in it); leases are read here
    open_jobs = [j for status in ("queued", "running")
                 for j in jobs.find({"status": status}).sort("queued_at", 1).limit(50)]
    free = [j for j in open_jobs if j.get("lease_until") is None or j["lease_until"] < now
            or j.get("lease_owner") == owner]
    for job in sorted(free, key=lambda j: j.get("queued_at") or j["started_at"])[:5]:
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
        _, items, _ = parse_file(file["content_type"], bytes(file["body"]))
        live = collection(CONTACTS, scope).find({"deleted": {"$ne": True}}, {"import_keys": 1, "dedupe_keys": 1})
        _prepared[job["_id"]] = (items, Matcher(live))
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
    kept_warnings = len(job.get("warnings") or [])
    start = counts["done"]
    attempts = job.get("attempts", 0)
    if attempts > MAX_ATTEMPTS:  # its runners kept stopping (crashed, killed) before finishing a chunk
        _fail(jobs, held, scope, counts, f"the import was interrupted {attempts - 1} times in a row without progress")
        return 0
    try:
        items, matcher = _prepare(job, scope, continued)
        while start < len(items):
            chunk = items[start:start + CHUNK]
            errors, warnings = _apply_chunk(scope, job["_id"], chunk, matcher, counts, job.get("correlation_id"))
            start += len(chunk)
            push = {}
            errors = errors[:max(0, MAX_MESSAGES - kept_errors)]
            kept_errors += len(errors)
            if errors:
                push["errors"] = {"$each": errors}
            warnings = warnings[:max(0, MAX_MESSAGES - kept_warnings)]
            kept_warnings += len(warnings)
            if warnings:
                push["warnings"] = {"$each": warnings}
            update: dict[str, dict[str, Any]] = {
                "$set": {"counts": dict(counts), "lease_until": clock.now() + LEASE, "attempts": 0}}
            if push:
                update["$push"] = push
            if not jobs.update_one(held, update).modified_count:
                log.warning("import lease lost; another runner goes on", extra={"job": job["_id"]})
                _prepared.pop(job["_id"], None)
                return start - job["counts"]["done"]
            if time.monotonic() >= deadline:
                break  # at least one chunk per turn; the lease keeps the job for the next turn
        if start >= len(items):
            _finish(jobs, held, scope, {"$set": {"status": "done", "finished_at": clock.now(), "counts": counts}})
    except Exception as exc:
        _prepared.pop(job["_id"], None)
        if _retryable(exc) and attempts < MAX_ATTEMPTS:  # the database is struggling: the next turn retries
            log.warning("import turn failed; it will be retried", extra={"job": job["_id"], "attempt": attempts})
        else:
            log.exception("import failed", extra={"job": job["_id"]})
            _fail(jobs, held, scope, counts, "the import stopped on a server error")
    return start - job["counts"]["done"]


def _retryable(exc: Exception) -> bool:
    """Whether a turn ended on what the next turn may not meet: the database struggling, or a
    transient state a use case said is worth waiting out (`Busy`, e.g. a write that kept losing
    its race)."""
    return isinstance(exc, (GuardBusy, PyMongoError, Busy))


def _fail(jobs: Scoped, held: dict, scope: Scope, counts: dict, reason: str) -> None:
    _finish(jobs, held, scope, {"$set": {"status": "failed", "finished_at": clock.now(), "counts": counts},
                                "$push": {"errors": {"line": 0, "message": f"{reason}; rows after {counts['done']} "
                                                                          "were not processed"}}})


def _apply_chunk(scope: Scope, job_id: str, chunk: list[Item], matcher: Matcher, counts: dict,
                 correlation_id: str | None) -> tuple[list[dict], list[dict]]:
    kind = KINDS[CONTACTS]
    errors: list[dict] = []
    warnings: list[dict] = []  # the rows' notices
    created: dict[str, Item] = {}  # contacts this chunk creates, by id
    with Batch(scope, correlation_id=correlation_id) as b:
        planned = []
        for item in chunk:
            if item.error:
                errors.append({"line": item.line, "message": item.error})
                continue
            try:
                data, notices = person(kind, item)
            except FieldErrors as exc:
                warnings += item.notices  # they may say why nothing names the person (a broken FN line)
                errors.append({"line": item.line, "message": error_message(item.line, exc.errors)})
                continue
            except Exception:  # noqa: BLE001 - a bug in reading one row must never end the job (no I/O here)
                log.exception("an import row could not be read", extra={"job": job_id, "line": item.line})
                errors.append({"line": item.line, "message": f"line {item.line}: the row could not be read"})
                continue
            notices = sorted(item.notices + notices, key=lambda n: n["line"])
            warnings += notices
            with_dropped_in_notes(data, notices)
            data.pop("gathering_id", None)
            mine = row_id(job_id, item.line)
            planned.append((item, data, mine, mine if mine in matcher.ids else matcher.find(item, data)))
        b.prefetch(CONTACTS, {cid for *_, cid in planned if cid})
        for item, data, mine, cid in planned:
            if cid is None:
                cid = matcher.find(item, data)  # an earlier row of this chunk may be the same person
            if cid is None:
                doc = b.create(kind, mine, data, extra={"source": "import",
                                                        "import_keys": [item.key] if item.key else [],
                                                        "import_mark": row_mark(None, job_id, item.line, "created")})
                matcher.add(mine, doc["import_keys"], doc["dedupe_keys"])
                created[mine] = item
                counts["created"] += 1
                continue
            if b.buffered(CONTACTS, cid):
                _flush(b, created, errors, counts)
            existing = b.get(CONTACTS, cid)
            if existing is None or existing.get("deleted"):
                errors.append({"line": item.line, "message": f"line {item.line}: the matching contact was deleted "
                                                             "during the import"})
                continue
            earlier = marked_rows(existing, job_id).get(str(item.line))  # how a first attempt counted it
            newer = bool(item.rev and existing["updated_at"] < item.rev)
            changes = row_changes(existing, data, newer)
            keys = list(existing.get("import_keys") or [])
            server = {"import_keys": keys + [item.key]} if item.key and item.key not in keys else {}
            outcome = earlier or ("updated" if changes else "unchanged")
            if changes or server:
                done = b.update(kind, existing, changes,
                                server={**server, "import_mark": row_mark(existing, job_id, item.line, outcome)})
                if done is None:
                    errors.append({"line": item.line, "message": f"line {item.line}: the contact changed during "
                                                                 "the import; import the file again"})
                    continue
                matcher.add(cid, done.get("import_keys") or [], done.get("dedupe_keys") or [])
            counts[outcome] += 1
        _flush(b, created, errors, counts)
    counts["failed"] += len(errors)
    counts["done"] += len(chunk)
    return errors, warnings


def _flush(b: Batch, created: dict[str, Item], errors: list[dict], counts: dict) -> None:
    """Insert the chunk's new contacts. An id already taken is the contact an earlier attempt at
    this chunk made, deleted or merged by the member since: that row is reported, not redone."""
    for _, rid in b.flush():
        doc = b.get(CONTACTS, rid, fresh=True)
        item = created.get(rid)
        if item is None or doc is None or not doc.get("deleted"):
            raise Busy("could not store imported contacts; try again")
        counts["created"] -= 1
        errors.append({"line": item.line, "message": f"line {item.line}: the contact this row made was deleted "
                                                     "during the import"})


def export(scope: Scope, args: dict, fmt: str):
    contacts = (present(KINDS[CONTACTS], doc) for doc in iter_contacts(scope, args))
    return vcard.dump(contacts) if fmt == "vcard" else tabular.dump(contacts)
