"""Validation and normalisation of record fields (the same rules for REST and sync)."""
from datetime import datetime, timezone

import pytest

from services.contacts.domain.records import KINDS, FieldErrors, present
from services.contacts.service_layer.fields import clean
from services.contacts.service_layer.sync import decode_cursor, encode_cursor
from shared.errors import Invalid
from shared.problems import status_of

CONTACTS, INTERACTIONS, GATHERINGS = KINDS["contacts"], KINDS["interactions"], KINDS["gatherings"]


def test_a_new_contact_is_validated_whole_and_normalised():
    data = clean(CONTACTS, {"display_name": " Ada ", "emails": ["ADA@x.org", "ada@x.org"], "country": "gb",
                            "phones": ["020 7946 0958"], "tags": ["Math", "math "],
                            "profile_urls": ["linkedin.com/in/ada/"], "met_at": "2026-05-01T10:00:00+02:00"})
    assert data == {"display_name": "Ada", "emails": ["ada@x.org"], "country": "GB", "phones": ["+442079460958"],
                    "tags": ["math"], "profile_urls": ["https://linkedin.com/in/ada"],
                    "met_at": datetime(2026, 5, 1, 8, tzinfo=timezone.utc)}


def test_every_bad_field_is_named_and_unknown_fields_are_refused():
    with pytest.raises(FieldErrors) as exc:
        clean(CONTACTS, {"emails": ["nope"], "tier": "best friend", "colour": "red", "met_at": "2026-05-01T10:00:00",
                         "country": "XX", "birthday": "12/10"})
    assert set(exc.value.errors) == {"display_name", "emails", "tier", "colour", "met_at", "country", "birthday"}
    assert exc.value.errors["colour"] == ["Unknown field."]
    assert "time zone" in exc.value.errors["met_at"][0]


def test_normalisation_errors_name_the_value():
    with pytest.raises(FieldErrors) as exc:
        clean(CONTACTS, {"display_name": "A", "phones": ["12"], "country": "GB", "profile_urls": ["ftp://x.org"]})
    assert exc.value.errors == {"phones": ["'12' is not a possible phone number in GB"],
                                "profile_urls": ["'ftp://x.org' is not an http(s) URL"]}


def test_an_update_is_partial_and_a_new_country_renormalises_stored_phones():
    existing = {"phones": ["020 7946 0958"], "country": None}
    assert clean(CONTACTS, {"country": "GB"}, existing) == {"country": "GB", "phones": ["+442079460958"]}
    with pytest.raises(FieldErrors) as exc:
        clean(CONTACTS, {"display_name": None}, existing)
    assert set(exc.value.errors) == {"display_name"}


def test_interactions_and_gatherings():
    with pytest.raises(FieldErrors) as exc:
        clean(INTERACTIONS, {"kind": "lunch", "direction": "sideways"})
    assert set(exc.value.errors) == {"contact_id", "kind", "occurred_at", "direction"}
    g = clean(GATHERINGS, {"name": "PyCon", "kind": "conference", "starts_on": "2026-05-01",
                           "ends_on": "2026-05-03", "link": "us.pycon.org"})
    assert g["starts_on"] == "2026-05-01" and g["link"] == "https://us.pycon.org"
    with pytest.raises(FieldErrors) as exc:
        clean(GATHERINGS, {"ends_on": "2026-04-01"}, {"starts_on": "2026-05-01"})
    assert exc.value.errors == {"ends_on": ["must not be before starts_on"]}


def test_present_fills_defaults_and_formats_times():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = present(CONTACTS, {"_id": "c", "version": 2, "display_name": "A", "created_at": now, "updated_at": now},
                  iso=True)
    assert out["emails"] == [] and out["share_with_colleagues"] is False and out["source"] == "capture"
    assert out["created_at"] == "2026-01-01T00:00:00.000Z" and out["id"] == "c"


def test_cursors_are_opaque_bound_to_the_member_and_checked():
    key = "abcdef0123456789"
    assert decode_cursor(encode_cursor(42, key), key) == 42
    for bad in ("zzz", encode_cursor(42, "another-member"), "W1sxXV0"):
        with pytest.raises(Invalid) as exc:
            decode_cursor(bad, key)
        assert status_of(exc.value) == 400 and exc.value.slug == "invalid-cursor"
