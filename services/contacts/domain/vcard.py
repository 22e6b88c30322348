"""vCard 4.0 (RFC 6350) and 3.0 (RFC 2426): a small parser and a 4.0 writer.

Parsing reads LF, CRLF, CR and CR CR LF line ends, unfolds lines (a line end followed by a
space or tab), splits `group.NAME;params:value`, reads quoted parameter values, decodes
quoted-printable values of old 2.1/3.0 exports, and unescapes text (`\\n`, `\\,`, `\\;`, `\\\\`).
Every card and property keeps the line number it starts on, so warnings point at the file.
Reading is forgiving: a line that is not a property, a card without END, a value that is not
what it should be cost only that line or value (a `Notice`), never the card. Writing escapes,
folds at 75 octets and ends lines with CRLF.

Long because it is one format whole: the reader (lines, properties, cards), the mapping of a
card to a contact and back, and the writer share its escaping and value rules.
"""
from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Iterable, Iterator

from .model import Notice
from .normalize import line_ends


class VCardError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Property:
    name: str
    params: dict[str, list[str]]
    value: str            # raw (still escaped) value
    line: int

    def types(self) -> set[str]:
        return {t.lower() for t in self.params.get("TYPE", [])}


@dataclass
class Card:
    line: int
    version: str = ""
    properties: list[Property] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)   # lines of the card that were not read

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        found = self.all(name)
        return found[0] if found else None


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, unfolded line); quoted-printable soft breaks (`=` at the end) are joined.
    Linear in the size of the text: a long folded or quoted-printable value (a photo, a long
    note) is collected in parts and joined once."""
    physical = line_ends(text).split("\n")
    parts: list[str] | None = None
    start = 0
    head: str | None = None  # the current line's text before its first ':' once seen

    def quoted_printable(parts: list[str]) -> bool:
        return "QUOTED-PRINTABLE" in (head if head is not None else "".join(parts)).upper()

    for number, line in enumerate(physical, start=1):
        if parts is not None and parts[-1].endswith("=") and quoted_printable(parts):
            parts[-1] = parts[-1][:-1]  # a soft break: the next line is the value's, leading space and all
            parts.append(line)
        elif parts is not None and line[:1] in (" ", "\t"):
            parts.append(line[1:])
        else:
            if parts is not None:
                yield start, "".join(parts)
            parts, start, head = [line], number, None
        if head is None and ":" in parts[-1]:
            head = "".join(parts).split(":", 1)[0]
    if parts is not None:
        yield start, "".join(parts)


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _parse_line(number: int, line: str) -> Property:
    # the value starts at the first ':' outside a quoted parameter value
    quoted, colon = False, -1
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            colon = i
            break
    if colon <= 0:
        raise VCardError(number, f"line {number}: expected NAME:value, got {line[:40]!r}")
    head, value = line[:colon], line[colon + 1:]
    name, *raw_params = _split_unquoted(head, ";")
    name = name.rsplit(".", 1)[-1].strip().upper()  # drop the group prefix
    if not re.fullmatch(r"[A-Z0-9_-]+", name):  # `_` is not RFC 6350's, but exporters use it in X- names
        raise VCardError(number, f"line {number}: {name!r} is not a property name")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, sep, val = raw.partition("=")
        if not sep:  # vCard 2.1/3.0 bare parameter: `TEL;WORK;VOICE:`
            key, val = "TYPE", raw
        values = [v.strip().strip('"') for v in _split_unquoted(val, ",")]
        if key.strip().upper() == "TYPE":  # TYPE="work,pref" is a list too
            values = [t.strip() for v in values for t in v.split(",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    if "QUOTED-PRINTABLE" in (e.upper() for e in params.get("ENCODING", [])):
        value = line_ends(_charset_decode(quopri.decodestring(value.encode("latin-1", "replace")),
                                          params.get("CHARSET")))
    return Property(name, params, value, number)


def _charset_decode(data: bytes, charset: list[str] | None) -> str:
    """Quoted-printable bytes in the property's CHARSET (2.1 exports say ISO-8859-1 or UTF-8);
    UTF-8 when it says none, Windows-1252 when the bytes are not what it says."""
    for name in (*(charset or [])[:1], "utf-8"):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", "replace")


def parse(text: str) -> tuple[list[Card], list[Notice]]:
    """Every card in `text`, and notices about the text between cards (stray lines, an END
    without BEGIN). A card without END ends where the next card or the file begins."""
    cards: list[Card] = []
    stray: list[Notice] = []
    card: Card | None = None
    for number, line in _logical_lines(text.lstrip("\ufeff")):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                _unterminated(card)
            card = Card(number)
            cards.append(card)
            continue
        if upper == "END:VCARD":
            if card is None:
                stray.append(Notice(number, "END", line.strip(), "END:VCARD without BEGIN:VCARD was skipped"))
            card = None
            continue
        if card is None:
            stray.append(Notice(number, "text", line[:200], "text outside BEGIN:VCARD/END:VCARD was skipped"))
            continue
        try:
            prop = _parse_line(number, line)
        except VCardError as exc:
            card.notices.append(Notice(number, "property", line[:200], f"{exc.message.split(': ', 1)[-1]}; "
                                                                       "the contact was imported without this line"))
            continue
        if prop.name == "VERSION":
            card.version = prop.value.strip()
        card.properties.append(prop)
    if card is not None:
        _unterminated(card)
    return cards, stray


def _unterminated(card: Card) -> None:
    card.notices.append(Notice(card.line, "END", "", "the card has no END:VCARD; it was read up to where the "
                                                     "next card or the file begins"))


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def split_escaped(value: str, sep: str) -> list[str]:
    """Split on `sep` not preceded by a backslash, then unescape each part."""
    parts, buf, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            buf.append(value[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append(unescape("".join(buf)))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append(unescape("".join(buf)))
    return parts


def parse_birthday(value: str) -> str | None:
    """`1985-04-12`, `19850412`, `--0412`, `--04-12`, `1985-04-12T00:00:00Z` -> `1985-04-12` / `--04-12`."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", v)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = re.fullmatch(r"--(\d{2})-?(\d{2})", v)
    if m and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31:
        return f"--{m[1]}-{m[2]}"
    return None


def parse_timestamp(value: str) -> datetime | None:
    v = value.strip()
    for fmt in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S%z", "%Y-%m-%dT%H:%M:%SZ", "%Y%m%d"):
        try:
            dt = datetime.strptime(v, fmt)
            return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    except ValueError:
        return None


Origin = tuple[int, str, str]   # (line, the file's name for the value, the value as the file has it)


@dataclass
class Imported:
    """A card read as contact fields (not yet validated: the importer does that, value by
    value), where each value came from, and what identifies the card across imports."""
    fields: dict
    origins: dict[str, list[Origin]]   # per field, one per value (a list field: one per element)
    notices: list[Notice]
    uid: str | None
    rev: datetime | None
    line: int


KNOWN_VERSIONS = ("4.0", "3.0", "2.1")


class _Reading:
    """What `to_contact` gathers from one card: the fields, where each value came from, and
    the notices."""

    def __init__(self, notices: list[Notice]):
        self.fields: dict = {}
        self.origins: dict[str, list[Origin]] = {}
        self.notices = notices

    def put(self, name: str, value, prop: Property) -> None:
        """A single-valued field, from `prop`."""
        self.fields[name] = value
        self.origins[name] = [(prop.line, prop.name, unescape(prop.value).strip())]

    def add(self, name: str, value: str, prop: Property) -> None:
        """One more value of a list field (an empty one is no value)."""
        if value:
            self.fields.setdefault(name, []).append(value)
            self.origins.setdefault(name, []).append((prop.line, prop.name, value))


def to_contact(card: Card) -> Imported:
    """Map a card's properties to contact fields. Nothing here refuses a card: a value that
    cannot be read is a notice; a card without a name is left for the importer to name."""
    got = _Reading(list(card.notices))
    if card.version and card.version not in KNOWN_VERSIONS:
        got.notices.append(Notice(card.line, "VERSION", card.version,
                                  f"vCard version {card.version!r} is not one we know (4.0, 3.0, 2.1); the card "
                                  "was read as 4.0"))
    _read_names(card, got)
    _read_work(card, got)
    _read_lists(card, got)
    _read_notes(card, got)
    _read_birthday(card, got)
    uid = card.first("UID")
    rev = card.first("REV")
    return Imported(fields=got.fields, origins=got.origins, notices=got.notices,
                    uid=unescape(uid.value).strip() if uid is not None and uid.value.strip() else None,
                    rev=parse_timestamp(rev.value) if rev is not None else None, line=card.line)


def _read_names(card: Card, got: _Reading) -> None:
    """N (given and family name) and FN; without FN the display name is made from N."""
    n = card.first("N")
    if n is not None:
        parts = split_escaped(n.value, ";") + [""] * 5
        if parts[1].strip():
            got.put("given_name", parts[1].strip(), n)
        if parts[0].strip():
            got.put("family_name", parts[0].strip(), n)
    fn = card.first("FN")
    if fn is not None and unescape(fn.value).strip():
        got.put("display_name", unescape(fn.value).strip(), fn)
    elif n is not None and (got.fields.get("given_name") or got.fields.get("family_name")):
        name = " ".join(filter(None, (got.fields.get("given_name"), got.fields.get("family_name"))))
        got.put("display_name", name, n)


def _read_work(card: Card, got: _Reading) -> None:
    """ORG (its first part: the company) and TITLE."""
    org = card.first("ORG")
    if org is not None and split_escaped(org.value, ";")[0].strip():
        got.put("company", split_escaped(org.value, ";")[0].strip(), org)
    title = card.first("TITLE")
    if title is not None and unescape(title.value).strip():
        got.put("title", unescape(title.value).strip(), title)


def _read_lists(card: Card, got: _Reading) -> None:
    """The list fields: EMAIL, TEL, URL and CATEGORIES (each category a tag)."""
    for p in card.all("EMAIL"):
        got.add("emails", unescape(p.value).strip().removeprefix("mailto:"), p)
    for p in card.all("TEL"):
        got.add("phones", unescape(p.value).strip().removeprefix("tel:"), p)
    for p in card.all("URL"):
        got.add("profile_urls", unescape(p.value).strip(), p)
    for p in card.all("CATEGORIES"):
        for t in split_escaped(p.value, ","):
            got.add("tags", t.strip(), p)


def _read_notes(card: Card, got: _Reading) -> None:
    """Every non-empty NOTE, joined by blank lines into the one notes field."""
    notes = [p for p in card.all("NOTE") if unescape(p.value).strip()]
    if notes:
        got.fields["notes"] = "\n\n".join(unescape(p.value).strip() for p in notes)
        got.origins["notes"] = [(notes[0].line, "NOTE", got.fields["notes"])]


def _read_birthday(card: Card, got: _Reading) -> None:
    """BDAY, when it is a date (or a month and day); else a notice."""
    bday = card.first("BDAY")
    if bday is not None and bday.value.strip():
        parsed = parse_birthday(bday.value)
        if parsed is None:
            got.notices.append(Notice.dropped(bday.line, "BDAY", bday.value.strip(), "is not a date"))
        else:
            got.put("birthday", parsed, bday)


# -- writing ---------------------------------------------------------------------------------

def escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character; continuation lines start with a space."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n".join(out)


def _bday(value: str) -> str:
    """`1985-04-12` -> `19850412`; `--04-12` -> `--0412` (RFC 6350 basic format)."""
    return "--" + value[2:].replace("-", "") if value.startswith("--") else value.replace("-", "")


def _stamp(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def dump_card(contact: dict) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:urn:uuid:{contact['id']}" if _is_uuid(contact["id"])
             else f"UID:{escape(contact['id'])}", f"FN:{escape(contact['display_name'])}"]
    if contact.get("given_name") or contact.get("family_name"):
        lines.append(f"N:{escape(contact.get('family_name') or '')};{escape(contact.get('given_name') or '')};;;")
    if contact.get("company"):
        lines.append(f"ORG:{escape(contact['company'])}")
    if contact.get("title"):
        lines.append(f"TITLE:{escape(contact['title'])}")
    lines += [f"EMAIL:{escape(e)}" for e in contact.get("emails") or []]
    for p in contact.get("phones") or []:
        lines.append(f"TEL;VALUE=uri:tel:{p}" if p.startswith("+") else f"TEL;VALUE=text:{escape(p)}")
    lines += [f"URL:{u}" for u in contact.get("profile_urls") or []]
    if contact.get("tags"):
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in contact["tags"]))
    if contact.get("notes"):
        lines.append(f"NOTE:{escape(contact['notes'])}")
    if contact.get("birthday"):
        lines.append(f"BDAY:{_bday(contact['birthday'])}")
    if contact.get("updated_at"):
        lines.append(f"REV:{_stamp(contact['updated_at'])}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def dump(contacts: Iterable[dict]) -> Iterator[str]:
    for contact in contacts:
        yield dump_card(contact)


def _is_uuid(value: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value))
