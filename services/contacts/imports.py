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
from shared.schema import MAX_SHORT

from .adapters.documents import ImportFile, ImportJob
from .domain import duplicates, merging, normalize, tabular, vcard
from .domain.model import CONTACTS, LIST_FIELDS, Notice, empty
from .adapters.store import Batch, collection, utcnow
from .domain.records import KINDS, FieldErrors
from .service_layer.fields import clean
from .schemas import MAX_NOTES

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


ROW_IDS = uuid.UUID("6f1d3c2e-8a4b-4f0e-9c47-2b5d8e1a7f30")  # uuid5 namespace of contacts made by imports


def _decode(body: bytes) -> str:
    """UTF-8 (a BOM or not), UTF-16 with its BOM (as some Windows exports are), else Windows-1252;
    NUL characters, which no contact file means and no store keeps, are left out."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = body.decode("utf-16", errors="replace")
    else:
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = body.decode("cp1252", errors="replace")
    return text.replace("\x00", "")


@dataclass
class Item:
    line: int
    fields: dict | None = None
    key: str | None = None
    own_id: str | None = None
    rev: datetime | None = None
    error: str | None = None
    notices: list[Notice] = field(default_factory=list)
    origins: dict[str, list[vcard.Origin]] = field(default_factory=dict)  # else each value is on `line`

    def origin(self, name: str, index: int, value) -> vcard.Origin:
        known = self.origins.get(name) or []
        return known[index] if index < len(known) else (self.line, name, value if isinstance(value, str) else str(value))


def _vcard_items(text: str) -> tuple[list[Item], list[Notice]]:
    cards, stray = vcard.parse(text)
    items = []
    for card in cards:
        imported = vcard.to_contact(card)
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
        items.append(Item(imported.line, imported.fields, key, own, imported.rev, notices=imported.notices,
                          origins=imported.origins))
    return items, stray


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
            items.append(Item(row.line, row.fields, row.key, own, notices=row.notices))
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
        for doc in collection(CONTACTS, scope).find({"deleted": {"$ne": True}},
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


def _parse(content_type: str, body: bytes) -> tuple[str, list[Item], list[Notice]]:
    """The file's format, its rows, and notices about text that is not part of any row."""
    text = _decode(body)
    if content_type in VCARD_TYPES:
        items, stray = _vcard_items(text)
        return "vcard", items, stray
    fmt, items = _csv_items(text)
    return fmt, items, []


def _flat(messages) -> str:
    if isinstance(messages, dict):
        return "; ".join(_flat(m) for m in messages.values())
    if isinstance(messages, list):
        return "; ".join(_flat(m) for m in messages)
    return str(messages)


def _person(kind, item: Item) -> tuple[dict, list[Notice]]:
    """The row as a valid contact: every value that cannot be used is left out with a notice
    (a list keeps its good elements, up to its limit). FieldErrors only when nothing names
    the person: no name, and no usable email or phone to call them by."""
    fields = dict(item.fields or {})
    name = fields.pop("display_name", None)
    notices: list[Notice] = []
    while True:  # the schema's errors come first, then normalisation's (phones, URLs): go until none is left
        try:
            data = clean(kind, {**fields, "display_name": "-"})
            break
        except FieldErrors as exc:
            bad = {n: messages for n, messages in exc.errors.items() if n in fields}
            if not bad:
                raise
            before = len(notices)
        # scalars first: a list (phones) is judged with the scalars (country) that are kept
        for field_name in sorted(bad, key=lambda n: n in LIST_FIELDS):
            value = fields.pop(field_name)
            if not isinstance(value, list):
                notices.append(_dropped(item, field_name, 0, value, bad[field_name]))
                continue
            kept = []
            for i, element in enumerate(value):
                try:
                    clean(kind, {**{k: v for k, v in fields.items() if k not in LIST_FIELDS},
                                 "display_name": "-", field_name: kept + [element]})
                    kept.append(element)
                except FieldErrors as one:
                    notices.append(_dropped(item, field_name, i, element, one.errors.get(field_name, one.errors)))
            if kept:
                fields[field_name] = kept
        if len(notices) == before:  # nothing could be singled out: the row is an error, never a loop
            raise FieldErrors(bad)
    data["display_name"] = _name(kind, item, name, data, notices)
    return data, notices


def _name(kind, item: Item, name, data: dict, notices: list[Notice]) -> str:
    """What the contact is called: the file's name (cut to the limit if too long), else the
    given and family names, else their first email or phone."""
    if isinstance(name, str) and name.strip():
        try:
            return clean(kind, {"display_name": name})["display_name"]
        except FieldErrors:  # too long: what else could be wrong with text is gone since _decode
            cut = name.strip()[:MAX_SHORT].strip()
            line, label, _ = item.origin("display_name", 0, name)
            notices.append(Notice(line, label, cut + "…", f"{label} is longer than {MAX_SHORT} characters; the "
                                                          f"contact was named by its first {MAX_SHORT}"))
            return cut
    for candidate in (" ".join(filter(None, (data.get("given_name"), data.get("family_name")))),
                      *(data.get("emails") or [])[:1], *(data.get("phones") or [])[:1],
                      *(data.get("profile_urls") or [])[:1]):
        if candidate:
            notices.append(Notice(item.line, "name", candidate, f"the row has no name; the contact was named "
                                                                f"{candidate!r}"))
            return candidate
    raise FieldErrors({"display_name": ["nothing names the person: no name, email or phone"]})


def _dropped(item: Item, name: str, index: int, value, messages) -> Notice:
    line, label, raw = item.origin(name, index, value)
    return Notice.dropped(line, label, raw, f"could not be used ({_flat(messages)})")


def _with_dropped_in_notes(data: dict, notices: list[Notice]) -> None:
    """Keep the raw values left out at the end of the notes, so the member can fix them."""
    left_out = [f"{n['field']}: {n['value']}" for n in notices if n.kept]
    if not left_out:
        return
    tail = "Not imported (could not be used): " + "; ".join(left_out)
    notes = (data.get("notes") or "").rstrip()
    data["notes"] = ((notes + "\n\n" if notes else "") + tail)[:MAX_NOTES]


def submit(scope: Scope, content_type: str, body: bytes, filename: str | None,
           correlation_id: str | None, *, max_rows: int) -> dict:
    """Queue an import: the file is kept with the job until a runner has finished it. A file
    with more than `max_rows` rows is refused (413) and nothing is kept."""
    fmt, items, stray = _parse(content_type, body)
    if len(items) > max_rows:
        raise Problem(413, f"an import file may have at most {max_rows} rows (cards or CSV records); this one has "
                           f"{len(items)}: split it", slug="payload-too-large", limit=max_rows,
                      limit_name="import_rows")
    job_id = str(uuid.uuid4())
    Scoped(ImportFile._get_collection(), scope).insert_one(
        {"_id": job_id, "content_type": content_type, "body": Binary(body)})
    counts = {"rows": len(items), "done": 0, "created": 0, "updated": 0, "unchanged": 0, "failed": 0}
    _jobs(scope).insert_one({"_id": job_id, "format": fmt, "filename": filename, "status": "queued", "counts": counts,
                             "errors": [], "warnings": stray[:MAX_MESSAGES], "queued_at": utcnow(), "correlation_id": correlation_id})
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
        _, items, _ = _parse(file["content_type"], bytes(file["body"]))
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


def row_id(job_id: str, line: int) -> str:
    """The id of the contact a row creates: the same on every attempt at its chunk."""
    return str(uuid.uuid5(ROW_IDS, f"{job_id}:{line}"))


def _marked_rows(existing: dict | None, job_id: str) -> dict[str, str]:
    """The rows of this job that wrote the contact, by line, with how each was counted."""
    mark = (existing or {}).get("import_mark") or {}
    return dict(mark.get("rows") or {}) if mark.get("job") == job_id else {}


def _mark(existing: dict | None, job_id: str, line: int, outcome: str) -> dict:
    """The contact's record of the rows of this job that wrote it, written with it: a redone
    chunk counts each row as its first attempt did."""
    return {"job": job_id, "rows": {**_marked_rows(existing, job_id), str(line): outcome}}


def _apply_chunk(scope: Scope, job_id: str, chunk: list[Item], matcher: Matcher, counts: dict,
                 correlation_id: str | None) -> tuple[list[dict], list[dict]]:
    kind = KINDS[CONTACTS]
    errors, warnings = [], []
    created: dict[str, Item] = {}  # contacts this chunk creates, by id
    with Batch(scope, correlation_id=correlation_id) as b:
        planned = []
        for item in chunk:
            if item.error:
                errors.append({"line": item.line, "message": item.error})
                continue
            try:
                data, notices = _person(kind, item)
            except FieldErrors as exc:
                warnings += item.notices  # they may say why nothing names the person (a broken FN line)
                errors.append({"line": item.line, "message": _messages(item.line, exc.errors)})
                continue
            except Exception:  # noqa: BLE001 - a bug in reading one row must never end the job (no I/O here)
                log.exception("an import row could not be read", extra={"job": job_id, "line": item.line})
                errors.append({"line": item.line, "message": f"line {item.line}: the row could not be read"})
                continue
            notices = sorted(item.notices + notices, key=lambda n: n["line"])
            warnings += notices
            _with_dropped_in_notes(data, notices)
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
                                                        "import_mark": _mark(None, job_id, item.line, "created")})
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
            earlier = _marked_rows(existing, job_id).get(str(item.line))  # how a first attempt counted it
            newer = bool(item.rev and existing["updated_at"] < item.rev)
            changes = _changes(existing, data, newer)
            keys = list(existing.get("import_keys") or [])
            server = {"import_keys": keys + [item.key]} if item.key and item.key not in keys else {}
            outcome = earlier or ("updated" if changes else "unchanged")
            if changes or server:
                done = b.update(kind, existing, changes,
                                server={**server, "import_mark": _mark(existing, job_id, item.line, outcome)})
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
            raise Problem(503, "could not store imported contacts; try again")
        counts["created"] -= 1
        errors.append({"line": item.line, "message": f"line {item.line}: the contact this row made was deleted "
                                                     "during the import"})


def export(scope: Scope, args: dict, fmt: str):
    from .service_layer.records import iter_contacts
    from .domain.records import present

    contacts = (present(KINDS[CONTACTS], doc) for doc in iter_contacts(scope, args))
    return vcard.dump(contacts) if fmt == "vcard" else tabular.dump(contacts)
