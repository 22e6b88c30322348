"""A row as a contact: every value that cannot be used is left out with a notice on its own
line; only a row that names nobody is refused."""
import pytest

from services.contacts.domain.rows import Item
from services.contacts.domain.records import KINDS, FieldErrors
from services.contacts.service_layer.import_rows import person as row_person, with_dropped_in_notes

CONTACTS = KINDS["contacts"]


def person(fields, origins=None, line=5):
    return row_person(CONTACTS, Item(line, fields, origins=origins or {}))


def test_a_list_keeps_its_good_values_up_to_its_limit():
    emails = ["bad@"] + [f"p{i}@x.org" for i in range(25)]
    data, notices = person({"display_name": "Ada", "emails": emails})
    assert data["emails"] == [f"p{i}@x.org" for i in range(20)]
    assert [n["value"] for n in notices] == ["bad@"] + [f"p{i}@x.org" for i in range(20, 25)]
    assert all(n["line"] == 5 and n["field"] == "emails" and n.kept for n in notices)


def test_phones_are_judged_with_the_country_kept():
    data, notices = person({"display_name": "Ada", "country": "GB", "phones": ["020 7946 0958", "12"]})
    assert data["phones"] == ["+442079460958"] and [n["value"] for n in notices] == ["12"]
    data, notices = person({"display_name": "Ada", "country": "Narnia", "phones": ["020 7946 0958"]})
    assert "country" not in data and data["phones"] == ["020 7946 0958"] and notices[0]["field"] == "country"


def test_each_value_is_reported_on_the_line_the_file_has_it():
    origins = {"emails": [(7, "EMAIL", "a@x.org"), (9, "EMAIL", "not an email")], "title": [(8, "TITLE", "x" * 300)]}
    data, notices = person({"display_name": "Ada", "emails": ["a@x.org", "not an email"], "title": "x" * 300}, origins)
    assert data["emails"] == ["a@x.org"] and "title" not in data
    assert sorted((n["line"], n["field"]) for n in notices) == [(8, "TITLE"), (9, "EMAIL")]
    assert next(n for n in notices if n["field"] == "TITLE")["value"] == "x" * 200 + "…"


@pytest.mark.parametrize("fields, name", [
    ({"given_name": "Ada", "family_name": "Lovelace", "emails": ["ada@x.org"]}, "Ada Lovelace"),
    ({"emails": ["bad@", "ada@x.org"], "phones": ["+44 20 7946 0958"]}, "ada@x.org"),
    ({"phones": ["+44 20 7946 0958"]}, "+442079460958"),
    ({"profile_urls": ["https://www.linkedin.com/in/ada"]}, "https://www.linkedin.com/in/ada"),
    ({"display_name": "   ", "emails": ["ada@x.org"]}, "ada@x.org"),
])
def test_a_row_without_a_name_is_called_by_what_it_has(fields, name):
    data, notices = person(fields)
    assert data["display_name"] == name
    assert any(n["field"] == "name" and n["value"] == name for n in notices)


def test_a_name_too_long_is_cut_and_a_row_that_names_nobody_is_refused():
    data, notices = person({"display_name": "A" * 250})
    assert data["display_name"] == "A" * 200 and "longer than 200" in notices[0]["message"]
    with pytest.raises(FieldErrors, match="nothing names the person"):
        person({"company": "Nobody Inc", "emails": ["bad@"]})


def test_left_out_values_wait_at_the_end_of_the_notes():
    data, notices = person({"display_name": "Ada", "notes": "Met at PyCon", "emails": ["bad@"]},
                           {"emails": [(9, "EMAIL", "bad@")]})
    with_dropped_in_notes(data, notices)
    assert data["notes"] == "Met at PyCon\n\nNot imported (could not be used): EMAIL: bad@"


def test_bad_values_the_schema_and_the_normalisation_find_are_all_left_out():
    # the schema refuses the email first; the phone is found impossible only after that
    data, notices = person({"display_name": "Ada", "emails": ["ada@x.org", "ada(at)x"],
                            "phones": ["+1 (212) 204-34456", "+44 20 7946 0958"], "profile_urls": ["http://[x"]})
    assert data["emails"] == ["ada@x.org"] and data["phones"] == ["+442079460958"] and "profile_urls" not in data
    assert sorted(n["value"] for n in notices) == ["+1 (212) 204-34456", "ada(at)x", "http://[x"]
