"""A member's open nudges as an iCalendar feed of to-dos (RFC 5545 VTODO).

Content lines end in CRLF and are folded at 75 octets (a fold never splits a UTF-8
character); TEXT values escape backslash, semicolon, comma and newlines (§3.3.11).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from .timing import UTC

PRODID = "-//Rapport//Nudges 1.0//EN"
LINE_OCTETS = 75
# our priority 1 (most) … 5 (least) → iCalendar 1 (highest) … 9 (lowest)
PRIORITY = {1: 1, 2: 3, 3: 5, 4: 7, 5: 9}
STATUS = {"pending": "NEEDS-ACTION", "snoozed": "NEEDS-ACTION", "done": "COMPLETED", "dismissed": "CANCELLED",
          "withdrawn": "CANCELLED"}


def escape_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold one content line: at most 75 octets per physical line, continuation lines
    start with a single space, and multi-octet characters stay whole."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space counts
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def stamp(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vtodo(n: dict[str, Any], now: datetime, domain: str) -> list[str]:
    due = n["snoozed_until"] if n.get("status") == "snoozed" and n.get("snoozed_until") else n["due_at"]
    why = (n.get("why") or {}).get("summary") or ""
    lines = [
        "BEGIN:VTODO",
        f"UID:{n['_id']}@{domain}",
        f"DTSTAMP:{stamp(now)}",
        f"CREATED:{stamp(n['created_at'])}",
        f"LAST-MODIFIED:{stamp(n['updated_at'])}",
        f"SEQUENCE:{max(0, int(n.get('version') or 1) - 1)}",
        f"SUMMARY:{escape_text(n['sentence'])}",
    ]
    if why:
        lines.append(f"DESCRIPTION:{escape_text(why)}")
    lines += [
        f"DUE:{stamp(due)}",
        f"PRIORITY:{PRIORITY.get(int(n.get('priority') or 3), 5)}",
        f"STATUS:{STATUS.get(n.get('status') or 'pending', 'NEEDS-ACTION')}",
        f"CATEGORIES:{escape_text(n.get('kind') or 'nudge')}",
        "END:VTODO",
    ]
    return lines


def render(nudges: Iterable[dict[str, Any]], now: datetime, *, name: str = "Rapport nudges",
           domain: str = "rapport") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}", f"NAME:{escape_text(name)}",
             "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"]
    for n in nudges:
        lines += _vtodo(n, now, domain)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
