"""Imported files as rows: the text of a file whatever its encoding, its cards or CSV records
as rows (each with its line, its import key and the notices about it), what a row adds to a
contact it matches, the contact a row already is, and the mark a row leaves on the contact it
wrote so a redone chunk counts the row as its first attempt did. Pure: no store."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from . import duplicates, merging, normalize, tabular, vcard
from .model import LIST_FIELDS, Notice, empty

VCARD_TYPES = {"text/vcard", "text/x-vcard", "text/directory"}
CSV_TYPES = {"text/csv"}
ROW_IDS = uuid.UUID("6f1d3c2e-8a4b-4f0e-9c47-2b5d8e1a7f30")  # uuid5 namespace of contacts made by imports


def decode(body: bytes) -> str:
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
        if index < len(known):
            return known[index]
        return (self.line, name, value if isinstance(value, str) else str(value))


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


def row_changes(existing: dict, data: dict, newer: bool) -> dict:
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


def parse_file(content_type: str, body: bytes) -> tuple[str, list[Item], list[Notice]]:
    """The file's format, its rows, and notices about text that is not part of any row."""
    text = decode(body)
    if content_type in VCARD_TYPES:
        items, stray = _vcard_items(text)
        return "vcard", items, stray
    fmt, items = _csv_items(text)
    return fmt, items, []


def error_message(line: int, errors: dict) -> str:
    parts = []
    for name, msgs in errors.items():
        if isinstance(msgs, dict):
            msgs = [m for v in msgs.values() for m in (v if isinstance(v, list) else [v])]
        parts.append(f"{name}: {'; '.join(str(m) for m in msgs)}")
    return f"line {line}: " + ", ".join(parts)


class Matcher:
    """Finds the contact a row already is: import key, our own id, or a strong duplicate key."""

    def __init__(self, contacts: Iterable[dict]):
        """`contacts`: the member's live contacts, each with its `import_keys` and `dedupe_keys`."""
        self.by_key: dict[str, str] = {}
        self.ids: set[str] = set()
        for doc in contacts:
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


def row_id(job_id: str, line: int) -> str:
    """The id of the contact a row creates: the same on every attempt at its chunk."""
    return str(uuid.uuid5(ROW_IDS, f"{job_id}:{line}"))


def marked_rows(existing: dict | None, job_id: str) -> dict[str, str]:
    """The rows of this job that wrote the contact, by line, with how each was counted."""
    mark = (existing or {}).get("import_mark") or {}
    return dict(mark.get("rows") or {}) if mark.get("job") == job_id else {}


def row_mark(existing: dict | None, job_id: str, line: int, outcome: str) -> dict:
    """The contact's record of the rows of this job that wrote it, written with it: a redone
    chunk counts each row as its first attempt did."""
    return {"job": job_id, "rows": {**marked_rows(existing, job_id), str(line): outcome}}
