"""Imports of files as real software writes them: every card with a name is kept, and each
value that cannot be used is a warning on its own line, with the raw value kept in the notes.

`exports/` holds one file per kind of exporter, written for these tests after the shape each
one produces (its PRODID, parameters, encodings and line ends): Android's contacts app (2.1,
quoted-printable UTF-8, a base64 photo), an iPhone (3.0, grouped labels, stored with CR CR LF
line ends), Lotus Notes (2.1, ISO-8859-1 quoted-printable, soft line breaks, `_` in X- names),
DAVx5 and Thunderbird CardBook (4.0), Gmail (3.0, escaped `\\:` in URLs, a card without a
name), Outlook (2.1 with a BOM, a folded quoted-printable note), macOS Contacts (3.0, a company
card) and Evolution (3.0, LF line ends). `.gitattributes` keeps their bytes as they are.
"""
from pathlib import Path

import pytest

from .conftest import imported

EXPORTS = Path(__file__).parent / "exports"

# file: {kept display name: [(line, field, raw value) of each warning about that card]}
EXPECTED = {
    "android.vcf": {"Jürgen Müller": [(6, "TEL", "+1-800-MYFAX")], "Chidi Okafor": [(27, "BDAY", "19723101")]},
    "iphone.vcf": {"Yuki Tanaka": [(10, "TEL", "+1 (212) 204-34456"), (11, "URL", "[http://example.com]")]},
    "lotus-notes.vcf": {"Renée Lefèvre": [(8, "EMAIL", "renee.lefevre(at)example.fr")]},
    "davx5.vcf": {"Priya Raman": [(10, "URL", "http://[object Object]")], "Open Source Initiative": []},
    "cardbook.vcf": {"Sven Lindqvist": [(8, "EMAIL", "sven at home"), (10, "BDAY", "1980-02-30")]},
    "gmail.vcf": {"María José García": [],
                  "just.an.address@example.com": [(11, "name", "just.an.address@example.com")]},
    "outlook.vcf": {"John Doe": [(8, "TEL", "+1 425 555 0199 ext. MOBILE")]},
    "macos.vcf": {"Acme, Inc.": [], "Ken Nakamura": []},
    "evolution.vcf": {"Olu Adeyemi": [(8, "EMAIL", "olu@@example.ng")]},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_named_card_of_a_real_export_is_kept_with_warnings_for_exactly_the_values_dropped(member, name):
    m = member()
    expected = EXPECTED[name]
    job = imported(m, (EXPORTS / name).read_bytes(), "text/vcard", filename=name)
    assert job["status"] == "done" and not job["errors"], job
    assert job["counts"]["created"] == len(expected) == job["counts"]["rows"]
    assert sorted((w["line"], w["field"], w["value"]) for w in job["warnings"]) == \
        sorted(w for ws in expected.values() for w in ws)

    contacts = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert set(contacts) == set(expected)
    for person, warnings in expected.items():
        dropped = [f"{field}: {value}" for _, field, value in warnings if field != "name"]
        notes = contacts[person]["notes"] or ""
        if dropped:  # the raw values wait at the end of the notes, to be fixed by hand
            assert notes.endswith("Not imported (could not be used): " + "; ".join(dropped)), notes
        else:
            assert "Not imported" not in notes

    again = imported(m, (EXPORTS / name).read_bytes(), "text/vcard")
    assert again["counts"]["created"] == 0 and again["counts"]["unchanged"] == len(expected), again


def test_what_each_export_says_is_read_as_it_means(member):
    m = member()
    for name in sorted(EXPECTED):
        imported(m, (EXPORTS / name).read_bytes(), "text/vcard")
    c = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert c["Jürgen Müller"]["phones"] == ["+4915123456789"] and c["Jürgen Müller"]["family_name"] == "Müller"
    assert c["Yuki Tanaka"]["company"] == "Sakura Labs" and c["Yuki Tanaka"]["phones"] == ["+819012345678"]
    assert c["Renée Lefèvre"]["company"] == "Société Générale"
    assert c["Renée Lefèvre"]["notes"].startswith("Met at the Lyon offsite;\nwants an intro to the data team.")
    assert c["María José García"]["profile_urls"] == ["https://www.linkedin.com/in/mjgarcia"]
    assert c["María José García"]["tags"] == ["mycontacts", "madrid meetup"]
    assert c["John Doe"]["notes"].startswith("Prefers calls before noon.\nAsked about the Q3 roadmap and pricing.")
    assert c["Acme, Inc."]["phones"] == ["+14155550100"] and c["Ken Nakamura"]["birthday"] == "1975-06-21"
    assert c["Sven Lindqvist"]["notes"].startswith("Maintains the build farm, likes ferries.")
    assert c["Priya Raman"]["tags"] == ["conference", "ml"] and c["Priya Raman"]["profile_urls"] == []


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\r\r\n"])
def test_every_line_end_imports_the_same(member, end):
    m = member()
    vcf = end.join(["BEGIN:VCARD", "VERSION:3.0", "FN:Ada Lovelace", "PHOTO;ENCODING=b;TYPE=JPEG:AAgAAgESAAMAAAAB",
                    " AAEAAAEaAAUAAAABAAAA", "TEL:+44 20 7946 0958", "END:VCARD", ""])
    csv = end.join(["First Name,Last Name,Company", "Grace,Hopper,\"US\nNavy\"", ""])
    assert imported(m, "\ufeff" + vcf, "text/vcard")["counts"]["created"] == 1
    assert imported(m, "\ufeff" + csv, "text/csv")["counts"]["created"] == 1
    c = {c["display_name"]: c for c in m.get("/v1/contacts").json_body["items"]}
    assert c["Ada Lovelace"]["phones"] == ["+442079460958"] and c["Grace Hopper"]["company"] == "US\nNavy"


def test_utf16_exports_with_their_bom_are_read(member):
    m = member()
    vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n"
    job = imported(m, b"\xff\xfe" + vcf.encode("utf-16-le"), "text/vcard")
    assert job["counts"]["created"] == 1
    assert [c["display_name"] for c in m.get("/v1/contacts").json_body["items"]] == ["Zoë Ångström"]
