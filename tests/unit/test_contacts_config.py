"""services.contacts.config: the CONTACTS_* knobs on shared.settings, every bad value named."""
import pytest

from services.contacts.config import KNOBS, ContactsConfig
from shared.settings import SettingsError


def test_defaults_and_overrides():
    assert ContactsConfig.from_env({}) == ContactsConfig()
    assert ContactsConfig.from_env({}).sync_max_mutations == 500
    cfg = ContactsConfig.from_env({"CONTACTS_TOMBSTONE_RETENTION_SECONDS": "60", "CONTACTS_SYNC_MAX_PAGE": "50",
                                   "CONTACTS_SYNC_DEFAULT_PAGE": "20", "CONTACTS_IMPORT_MAX_ROWS": ""})
    assert cfg.tombstone_retention_seconds == 60 and cfg.sync_max_page == 50 and cfg.sync_default_page == 20
    assert cfg.import_max_rows == 30_000  # empty is unset
    assert set(KNOBS) == set(ContactsConfig.__dataclass_fields__)  # every setting declared as a knob


def test_every_bad_value_is_reported_with_its_name_all_at_once():
    with pytest.raises(SettingsError) as exc:
        ContactsConfig.from_env({"CONTACTS_SYNC_MAX_MUTATIONS": "lots", "CONTACTS_SYNC_MAX_PAGE": "0",
                                 "CONTACTS_SYNC_MIN_SCHEMA_VERSION": "99", "CONTACTS_RECEIPTS_PER_DEVICE": "5",
                                 "CONTACTS_IMPORT_MAX_BYTES": "1e6"})
    problems = exc.value.problems
    assert set(problems) == {"CONTACTS_SYNC_MAX_MUTATIONS", "CONTACTS_SYNC_MAX_PAGE",
                             "CONTACTS_SYNC_MIN_SCHEMA_VERSION", "CONTACTS_RECEIPTS_PER_DEVICE",
                             "CONTACTS_IMPORT_MAX_BYTES"}
    assert problems["CONTACTS_SYNC_MAX_MUTATIONS"] == "must be a whole number, got 'lots'"
    assert problems["CONTACTS_SYNC_MAX_PAGE"] == "must be between 1 and 10000, got 0"
    assert "CONTACTS_SYNC_MIN_SCHEMA_VERSION" in str(exc.value) and "CONTACTS_IMPORT_MAX_BYTES" in str(exc.value)


def test_out_of_range_is_an_error_not_clamped():
    for name, raw in (("CONTACTS_SYNC_MAX_MUTATIONS", "10001"), ("CONTACTS_PURGE_INTERVAL_SECONDS", "-1"),
                      ("CONTACTS_IMPORT_MAX_ROWS", "1000001")):
        with pytest.raises(SettingsError) as exc:
            ContactsConfig.from_env({name: raw})
        assert list(exc.value.problems) == [name]
    edge = ContactsConfig.from_env({"CONTACTS_SYNC_MAX_MUTATIONS": "10000", "CONTACTS_PURGE_INTERVAL_SECONDS": "0"})
    assert edge.sync_max_mutations == 10_000 and edge.purge_interval_seconds == 0


def test_the_default_page_may_not_exceed_the_largest():
    with pytest.raises(SettingsError) as exc:
        ContactsConfig.from_env({"CONTACTS_SYNC_MAX_PAGE": "100", "CONTACTS_SYNC_DEFAULT_PAGE": "200"})
    assert exc.value.problems == {"CONTACTS_SYNC_DEFAULT_PAGE": "must not exceed CONTACTS_SYNC_MAX_PAGE"}
    with pytest.raises(SettingsError) as exc:  # a largest page that is itself bad is the one reported
        ContactsConfig.from_env({"CONTACTS_SYNC_MAX_PAGE": "many", "CONTACTS_SYNC_DEFAULT_PAGE": "2000"})
    assert set(exc.value.problems) == {"CONTACTS_SYNC_MAX_PAGE"}
