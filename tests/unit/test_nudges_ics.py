"""The calendar feed is valid RFC 5545: CRLF lines, folded at 75 octets, TEXT escaped."""
from datetime import datetime, timezone

from services.nudges.domain.ics import escape_text, fold, render

UTC = timezone.utc
NOW = datetime(2026, 5, 6, 10, 0, tzinfo=UTC)


def nudge(**kw):
    doc = {"_id": "n1", "sentence": "Follow up with Grace", "why": {"summary": "You met at PyCon."},
           "due_at": datetime(2026, 5, 7, 7, 0, tzinfo=UTC), "created_at": NOW, "updated_at": NOW, "version": 3,
           "priority": 1, "status": "pending", "kind": "follow_up"}
    doc.update(kw)
    return doc


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_escaping_of_text_values():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_folding_keeps_lines_within_75_octets_and_multibyte_characters_whole():
    line = "SUMMARY:" + "Grüße an Zoë — “quoted” ünïcödé " * 10
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    assert fold("SHORT:line") == "SHORT:line"


def test_a_feed_of_vtodos_with_due_priority_and_sequence():
    text = render([nudge(), nudge(_id="n2", status="snoozed", snoozed_until=datetime(2026, 5, 8, 9, 0, tzinfo=UTC),
                                  sentence="Keep in touch; say hi, Ada", priority=3)], NOW)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and lines[-2] == "END:VCALENDAR"
    assert lines.count("BEGIN:VTODO") == 2 and lines.count("END:VTODO") == 2
    assert "UID:n1@rapport" in lines and "DUE:20260507T070000Z" in lines and "PRIORITY:1" in lines
    assert "SEQUENCE:2" in lines and "DTSTAMP:20260506T100000Z" in lines and "STATUS:NEEDS-ACTION" in lines
    assert "DUE:20260508T090000Z" in lines  # a snoozed nudge is due when it returns
    assert "SUMMARY:Keep in touch\\; say hi\\, Ada" in lines and "PRIORITY:5" in lines
    assert "DESCRIPTION:You met at PyCon." in lines


def test_an_empty_feed_is_still_a_calendar():
    lines = unfold(render([], NOW))
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and "BEGIN:VTODO" not in lines
