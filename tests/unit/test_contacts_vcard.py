"""vCard 4.0/3.0: unfolding, parameters, escaping, line numbers, errors; writing 4.0."""
from datetime import datetime, timezone

import pytest

from services.contacts.domain import vcard

V4 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
    "FN:Ada King\\, Countess of Lovelace\r\n"
    "N:King;Augusta Ada;;Countess;\r\n"
    "ORG:Analytical Engines;R&D\r\n"
    "TITLE:Programmer\r\n"
    'EMAIL;TYPE="work,pref":ada@example.org\r\n'
    "TEL;VALUE=uri;TYPE=voice:tel:+44-20-7946-0958\r\n"
    "URL:https://www.linkedin.com/in/ada\r\n"
    "NOTE:First programmer.\\nWrote notes on the engine\\; long ones. Backslash: \\\\ \r\n"
    "  and a folded tail\r\n"
    "CATEGORIES:math,engines\\, analytical\r\n"
    "BDAY:--1210\r\n"
    "REV:20260102T030405Z\r\n"
    "END:VCARD\r\n"
)


def test_a_vcard_4_is_read_field_by_field():
    cards, errors = vcard.parse(V4)
    assert errors == [] and len(cards) == 1
    imported = vcard.to_contact(cards[0])
    f = imported.fields
    assert f["display_name"] == "Ada King, Countess of Lovelace"
    assert (f["given_name"], f["family_name"]) == ("Augusta Ada", "King")
    assert f["company"] == "Analytical Engines" and f["title"] == "Programmer"
    assert f["emails"] == ["ada@example.org"] and f["phones"] == ["+44-20-7946-0958"]
    assert f["profile_urls"] == ["https://www.linkedin.com/in/ada"]
    assert f["notes"] == "First programmer.\nWrote notes on the engine; long ones. Backslash: \\  and a folded tail"
    assert f["tags"] == ["math", "engines, analytical"]
    assert f["birthday"] == "--12-10"
    assert imported.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert imported.rev == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert cards[0].first("EMAIL").types() == {"work", "pref"}


def test_a_vcard_3_with_bare_parameters_groups_and_quoted_printable():
    text = ("BEGIN:VCARD\nVERSION:3.0\nN:Hopper;Grace;;;\nitem1.EMAIL;TYPE=INTERNET;TYPE=WORK:grace@navy.mil\n"
            "TEL;WORK;VOICE:(415) 555-0100\n"
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 talk about =\nnanoseconds\n"
            "BDAY:1906-12-09\nEND:VCARD\n")
    cards, errors = vcard.parse(text)
    assert errors == []
    f = vcard.to_contact(cards[0]).fields
    assert f["display_name"] == "Grace Hopper"  # no FN: built from N
    assert f["emails"] == ["grace@navy.mil"] and f["phones"] == ["(415) 555-0100"]
    assert f["notes"] == "Café talk about nanoseconds"
    assert f["birthday"] == "1906-12-09"
    assert cards[0].first("TEL").types() == {"work", "voice"}


def test_a_broken_line_costs_that_line_and_every_named_card_is_kept():
    text = ("BEGIN:VCARD\nVERSION:4.0\nFN:Good One\nEND:VCARD\n"      # lines 1-4
            "BEGIN:VCARD\nVERSION:4.0\nthis line has no colon\nFN:Broken\nEND:VCARD\n"  # 5-9
            "BEGIN:VCARD\nVERSION:4.0\nEMAIL:nobody@x.org\nEND:VCARD\n"  # 10-13: no FN/N
            "stray text\n"                                               # 14
            "BEGIN:VCARD\nFN:Unterminated\n")                          # 15-16
    cards, stray = vcard.parse(text)
    assert [c.line for c in cards] == [1, 5, 10, 15]
    assert [(n["line"], n["field"]) for n in stray] == [(14, "text")]
    broken = vcard.to_contact(cards[1])
    assert broken.fields["display_name"] == "Broken"
    assert [(n["line"], n["field"], n["value"]) for n in broken.notices] == [(7, "property", "this line has no colon")]
    nameless = vcard.to_contact(cards[2])
    assert "display_name" not in nameless.fields and nameless.fields["emails"] == ["nobody@x.org"]
    unterminated = vcard.to_contact(cards[3])
    assert unterminated.fields["display_name"] == "Unterminated"
    assert [(n["line"], n["field"]) for n in unterminated.notices] == [(15, "END")]


def test_unknown_versions_are_read_and_bad_birthdays_left_out_with_their_line():
    cards, _ = vcard.parse("BEGIN:VCARD\nVERSION:5.0\nFN:X\nEND:VCARD\n"
                           "BEGIN:VCARD\nVERSION:4.0\nFN:Y\nBDAY:19723101\nEND:VCARD\n")
    x, y = (vcard.to_contact(c) for c in cards)
    assert x.fields == {"display_name": "X"} and "version '5.0'" in x.notices[0]["message"]
    assert "birthday" not in y.fields
    assert [(n["line"], n["field"], n["value"]) for n in y.notices] == [(8, "BDAY", "19723101")]
    assert y.notices[0].kept


def test_every_value_knows_its_own_line():
    cards, _ = vcard.parse("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEMAIL:a@x.org\nTEL:+44 20 7946 0958\n"
                           "EMAIL:bad@\nCATEGORIES:math,engines\nEND:VCARD\n")
    ada = vcard.to_contact(cards[0])
    assert ada.origins["emails"] == [(4, "EMAIL", "a@x.org"), (6, "EMAIL", "bad@")]
    assert ada.origins["phones"] == [(5, "TEL", "+44 20 7946 0958")]
    assert ada.origins["tags"] == [(7, "CATEGORIES", "math"), (7, "CATEGORIES", "engines")]
    assert ada.origins["display_name"] == [(3, "FN", "Ada")]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\r\r\n"])
def test_every_line_end_unfolds_the_same(end):
    card = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ada Lovelace", "PHOTO;ENCODING=b;TYPE=JPEG:AAgAAgESAAMAAAAB",
            " AAEAAAEaAAUAAAABAAAA", " YgEbAAUAAAABAAAAag==", "NOTE:first", "  program", "END:VCARD", ""]
    cards, stray = vcard.parse("\ufeff" + end.join(card))
    assert not stray and not cards[0].notices
    assert cards[0].first("PHOTO").value == "AAgAAgESAAMAAAABAAEAAAEaAAUAAAABAAAAYgEbAAUAAAABAAAAag=="
    assert cards[0].first("NOTE").line == 7 and vcard.to_contact(cards[0]).fields["notes"] == "first program"


@pytest.mark.parametrize("raw, parsed", [
    ("19850412", "1985-04-12"), ("1985-04-12", "1985-04-12"), ("--0412", "--04-12"), ("--04-12", "--04-12"),
    ("1985-04-12T00:00:00Z", "1985-04-12"), ("1985-02-30", None), ("--13-01", None),
])
def test_birthdays(raw, parsed):
    assert vcard.parse_birthday(raw) == parsed


def test_written_vcards_fold_at_75_octets_escape_and_read_back():
    contact = {"id": "4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", "display_name": "Zoë; the, \\ tester",
               "given_name": "Zoë", "family_name": "Tester", "company": "Ωmega", "title": None,
               "emails": ["z@x.org"], "phones": ["+442079460958", "555 0100"],
               "profile_urls": ["https://ada.dev"], "tags": ["a,b", "c"], "notes": "é" * 100 + "\nline two",
               "birthday": "--04-12", "updated_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)}
    text = vcard.dump_card(contact)
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:4fbe8971")
    assert "TEL;VALUE=uri:tel:+442079460958" in text and "BDAY:--0412" in text and "REV:20260102T030405Z" in text
    (card,), errors = vcard.parse(text)
    back = vcard.to_contact(card)
    assert errors == []
    assert back.fields["display_name"] == contact["display_name"]
    assert back.fields["notes"] == contact["notes"]
    assert back.fields["tags"] == ["a,b", "c"]
    assert back.fields["phones"] == ["+442079460958", "555 0100"]
    assert back.fields["birthday"] == "--04-12"


def test_long_quoted_printable_and_folded_values_parse_in_linear_time():
    import time

    qp = "=\r\n".join(["abc=3Ddef" * 8] * 20000)   # 1.5 MB of soft line breaks (was quadratic: ~10 s)
    folded = "\r\n ".join(["QUJD" * 18] * 20000)     # a 1.4 MB folded photo
    text = (f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ada\r\nNOTE;ENCODING=QUOTED-PRINTABLE:{qp}\r\n"
            f"PHOTO;ENCODING=b:{folded}\r\nEND:VCARD\r\n")
    started = time.monotonic()
    (card,), errors = vcard.parse(text)
    assert time.monotonic() - started < 2 and errors == []
    assert card.first("NOTE").value == "abc=def" * 8 * 20000
    assert card.first("PHOTO").value == "QUJD" * 18 * 20000


def test_a_soft_break_only_joins_quoted_printable_values():
    (card,), _ = vcard.parse("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada=\r\nNOTE:x\r\nEND:VCARD\r\n")
    assert card.first("FN").value == "Ada=" and card.first("NOTE").value == "x"
