"""CSV in and out: LinkedIn's Connections.csv, and Rapport's own CSV export (which imports back).

LinkedIn puts a few note lines above the header; the header is found by its column names,
dates are read leniently ("01 Jan 2024", "Jan 1, 2024", "2024-01-01", "1/15/2024", ...),
and every row keeps the line number it starts on.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterator

from shared.clock import rfc3339

from . import normalize
from .model import Notice

LINKEDIN, RAPPORT = "linkedin", "rapport"

_LINKEDIN_COLUMNS = {
    "first name": "given_name", "last name": "family_name", "url": "profile_url", "profile url": "profile_url",
    "email address": "email", "email": "email", "company": "company", "position": "title",
    "connected on": "connected_on",
}

EXPORT_COLUMNS = ("id", "display_name", "given_name", "family_name", "emails", "phones", "country", "company",
                  "title", "profile_urls", "tags", "tier", "needs", "offers", "can_help_with", "goal_links",
                  "notes", "gathering_id", "met_at", "birthday", "share_with_colleagues", "source",
                  "created_at", "updated_at")
_SEMI_LISTS = {"emails", "phones", "profile_urls", "tags", "goal_links"}
_LINE_LISTS = {"needs", "offers"}
_PLAIN = {"emails", "phones", "profile_urls", "id", "gathering_id", "met_at", "birthday", "created_at",
          "updated_at", "share_with_colleagues", "source", "tier", "country", "goal_links"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

_DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%Y-%m-%d", "%m/%d/%Y",
                 "%d/%m/%Y", "%d.%m.%Y", "%m/%d/%y", "%d-%b-%Y", "%d-%b-%y", "%Y/%m/%d", "%d %b %y")


class TableError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def lenient_date(value: str) -> datetime | None:
    v = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(v, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    except ValueError:
        return None


@dataclass
class Row:
    line: int
    fields: dict
    key: str | None                 # identifies the person across imports of the same source
    notices: list[Notice]           # values left out (a date that cannot be read)


def _rows(text: str) -> Iterator[tuple[int, list[str] | TableError]]:
    """(line number, cells) of each record; a record the csv module cannot read (a field over
    its size limit) is a TableError naming its line, and reading goes on after it."""
    reader = csv.reader(io.StringIO(normalize.line_ends(text.lstrip("\ufeff"))))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, TableError(start, f"line {start}: unreadable CSV ({exc}); this row was not imported")
        else:
            yield start, cells
        start = reader.line_num + 1


def detect(text: str) -> str | None:
    for _, cells in _rows(text):
        if isinstance(cells, TableError):
            continue
        names = {c.strip().lower() for c in cells}
        if {"first name", "last name"} <= names:
            return LINKEDIN
        if {"display_name"} <= names:
            return RAPPORT
    return None


def read(text: str) -> tuple[str, Iterator[Row | TableError]]:
    """The format found and its rows; a broken row is a TableError in the stream, not an exception."""
    fmt = detect(text)
    if fmt is None:
        raise TableError(1, "no header found: expected LinkedIn's 'First Name,Last Name,...' "
                            "or Rapport's 'id,display_name,...' columns")
    return fmt, (_linkedin(text) if fmt == LINKEDIN else _rapport(text))


def _header(text: str, marker: str) -> tuple[Iterator[tuple[int, list[str] | TableError]], list[str]]:
    rows = _rows(text)
    for _, cells in rows:
        if isinstance(cells, TableError):
            continue
        lowered = [c.strip().lower() for c in cells]
        if marker in lowered:
            return rows, lowered
    raise TableError(1, "no header found")  # detect() made sure there is one


def _linkedin(text: str) -> Iterator[Row | TableError]:
    rows, header = _header(text, "first name")
    columns = [_LINKEDIN_COLUMNS.get(h) for h in header]
    for line, cells in rows:
        if isinstance(cells, TableError):
            yield cells
            continue
        if not any(c.strip() for c in cells):
            continue
        values = {col: cells[i].strip() for i, col in enumerate(columns) if col and i < len(cells) and cells[i].strip()}
        fields = _linkedin_fields(values)
        notices = []
        if values.get("connected_on"):
            connected = lenient_date(values["connected_on"])
            if connected is None:
                notices.append(Notice.dropped(line, "Connected On", values["connected_on"], "is not a date we know"))
            else:
                fields["met_at"] = connected
        yield Row(line, fields, _linkedin_key(values, fields), notices)


def _linkedin_fields(values: dict[str, str]) -> dict:
    """A connection's contact fields from its non-empty cells (by column name), all but the date."""
    given, family = values.get("given_name", ""), values.get("family_name", "")
    fields: dict = {}
    if given or family:  # else the importer names the person by their email, or reports the row
        fields["display_name"] = " ".join(filter(None, (given, family)))
    if given:
        fields["given_name"] = given
    if family:
        fields["family_name"] = family
    for src, dst in (("company", "company"), ("title", "title")):
        if values.get(src):
            fields[dst] = values[src]
    if values.get("email"):
        fields["emails"] = [values["email"]]
    if values.get("profile_url"):
        fields["profile_urls"] = [values["profile_url"]]
    return fields


def _linkedin_key(values: dict[str, str], fields: dict) -> str | None:
    """What identifies a connection across LinkedIn imports: its profile URL, else its email,
    else its name and company."""
    if values.get("profile_url"):
        try:
            return "linkedin:" + normalize.url_key(normalize.url(values["profile_url"]))
        except normalize.NormalisationError:
            return None  # validation reports the bad URL
    if values.get("email"):
        return "linkedin-email:" + normalize.email(values["email"])
    return "linkedin-name:" + normalize.search_text(fields.get("display_name"), values.get("company"))


def _unformula(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in _FORMULA else value


def _rapport(text: str) -> Iterator[Row | TableError]:
    rows, header = _header(text, "display_name")
    for line, cells in rows:
        if isinstance(cells, TableError):
            yield cells
            continue
        if not any(c.strip() for c in cells):
            continue
        raw = {h: _unformula(cells[i]) for i, h in enumerate(header) if i < len(cells)}
        fields: dict = {}
        notices = []
        for name, value in raw.items():
            if name in ("id", "source", "created_at", "updated_at") or name not in EXPORT_COLUMNS:
                continue
            value = value.strip() if name not in ("notes",) else value
            if value == "":
                continue
            if name in _SEMI_LISTS:
                fields[name] = [v.strip() for v in value.split(";") if v.strip()]
            elif name in _LINE_LISTS:
                fields[name] = [v.strip() for v in value.split("\n") if v.strip()]
            elif name == "share_with_colleagues":
                fields[name] = value.lower() in ("true", "yes", "1")
            elif name == "met_at":
                parsed = lenient_date(value)
                if parsed is None:
                    notices.append(Notice.dropped(line, "met_at", value, "is not a date"))
                else:
                    fields[name] = parsed
            else:
                fields[name] = value
        rid = (raw.get("id") or "").strip()
        yield Row(line, fields, f"rapport:{rid}" if rid else None, notices)


def _cell(name: str, value) -> str:
    if value is None:
        return ""
    if name in _SEMI_LISTS:
        return "; ".join(value)
    if name in _LINE_LISTS:
        return "\n".join(value)
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if name not in _PLAIN and text.startswith(_FORMULA):
        return "'" + text  # keep spreadsheets from running a contact's name as a formula
    return text


def dump(contacts) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    yield buf.getvalue()
    for contact in contacts:
        buf.seek(0)
        buf.truncate()
        writer.writerow([_cell(name, contact.get(name)) for name in EXPORT_COLUMNS])
        yield buf.getvalue()
