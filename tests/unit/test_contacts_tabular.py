"""LinkedIn Connections.csv in (notes above the header, lenient dates), Rapport CSV out and back in."""
from datetime import datetime, timezone

import pytest

from services.contacts.domain import tabular

LINKEDIN = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    'You will only see email addresses for connections who have allowed it."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"   # line 4
    "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,Analytical Engines,Programmer,01 Jan 2024\n"
    "Grace,Hopper,https://www.linkedin.com/in/grace,,US Navy,\"Rear Admiral, retired\",\"Mar 5, 2023\"\n"
    ",,https://www.linkedin.com/in/nobody,,,,2024-01-01\n"                     # line 7: no name
    'Alan,Turing,,alan@example.org,"Bletchley\nPark",,sometime\n'              # lines 8-9
    "Katherine,Johnson,,,NASA,,1/15/2024\n"                                    # line 10
)


def test_linkedin_rows_skip_the_notes_and_keep_their_line_numbers():
    fmt, rows = tabular.read(LINKEDIN)
    rows = list(rows)
    assert fmt == tabular.LINKEDIN
    assert [r.line for r in rows] == [5, 6, 7, 8, 10]
    ada, grace, nobody, alan, katherine = rows
    assert ada.fields == {"display_name": "Ada Lovelace", "given_name": "Ada", "family_name": "Lovelace",
                          "company": "Analytical Engines", "title": "Programmer", "emails": ["ada@example.org"],
                          "profile_urls": ["https://www.linkedin.com/in/ada"],
                          "met_at": datetime(2024, 1, 1, tzinfo=timezone.utc)}
    assert ada.key == "linkedin:linkedin.com/in/ada"
    assert grace.fields["title"] == "Rear Admiral, retired"
    assert grace.fields["met_at"] == datetime(2023, 3, 5, tzinfo=timezone.utc)
    assert "display_name" not in nobody.fields and nobody.fields["profile_urls"] == ["https://www.linkedin.com/in/nobody"]
    assert nobody.key == "linkedin:linkedin.com/in/nobody"  # the importer names them (or reports the row)
    assert alan.fields["company"] == "Bletchley\nPark" and "met_at" not in alan.fields
    assert [(n["line"], n["field"], n["value"]) for n in alan.notices] == [(8, "Connected On", "sometime")]
    assert alan.key == "linkedin-email:alan@example.org"
    assert katherine.fields["met_at"] == datetime(2024, 1, 15, tzinfo=timezone.utc)
    assert katherine.key.startswith("linkedin-name:")


@pytest.mark.parametrize("raw, day", [
    ("01 Jan 2024", (2024, 1, 1)), ("1 January 2024", (2024, 1, 1)), ("Jan 1, 2024", (2024, 1, 1)),
    ("January 1,2024", (2024, 1, 1)), ("2024-01-31", (2024, 1, 31)), ("1/31/2024", (2024, 1, 31)),
    ("31/01/2024", (2024, 1, 31)), ("31.01.2024", (2024, 1, 31)), ("5-Mar-23", (2023, 3, 5)),
])
def test_lenient_dates(raw, day):
    assert tabular.lenient_date(raw) == datetime(*day, tzinfo=timezone.utc)


def test_a_file_without_a_known_header_is_one_clear_error():
    with pytest.raises(tabular.TableError, match="no header"):
        tabular.read("name;email\nAda;a@x.org\n")


def test_our_csv_export_guards_formulas_and_reads_back():
    contact = {"id": "c-1", "display_name": "=HYPERLINK(\"evil\")", "emails": ["a@x.org", "b@x.org"],
               "phones": ["+442079460958"], "tags": ["x", "y"], "needs": ["a job; soon", "a mentor"],
               "notes": "line 1\nline 2", "share_with_colleagues": True,
               "met_at": datetime(2024, 1, 1, 9, tzinfo=timezone.utc)}
    text = "".join(tabular.dump([contact]))
    assert "'=HYPERLINK" in text and ",+442079460958," in text
    assert ",2024-01-01T09:00:00.000Z," in text  # instants as the API writes them (shared.clock.rfc3339)
    fmt, rows = tabular.read(text)
    (row,) = list(rows)
    assert fmt == tabular.RAPPORT and row.key == "rapport:c-1" and row.line == 2
    assert row.fields["display_name"] == contact["display_name"]
    assert row.fields["emails"] == ["a@x.org", "b@x.org"] and row.fields["needs"] == contact["needs"]
    assert row.fields["notes"] == "line 1\nline 2" and row.fields["share_with_colleagues"] is True
    assert row.fields["met_at"] == contact["met_at"]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\r\r\n"])
def test_every_line_end_reads_the_same(end):
    text = "\ufeff" + LINKEDIN.replace("\n", end)
    fmt, rows = tabular.read(text)
    rows = list(rows)
    assert fmt == tabular.LINKEDIN and [r.line for r in rows] == [5, 6, 7, 8, 10]
    assert rows[3].fields["company"] == "Bletchley\nPark"


def test_a_record_the_reader_cannot_read_costs_only_that_record():
    import csv
    old = csv.field_size_limit(1000)
    try:
        text = ("First Name,Last Name,Company\nAda,Lovelace,Engines\nBig,Cell," + "x" * 2000 + "\n"
                "Grace,Hopper,Navy\n")
        rows = list(tabular.read(text)[1])
    finally:
        csv.field_size_limit(old)
    assert isinstance(rows[1], tabular.TableError) and rows[1].line == 3 and "unreadable CSV" in rows[1].message
    assert [r.fields["display_name"] for r in (rows[0], rows[2])] == ["Ada Lovelace", "Grace Hopper"]
