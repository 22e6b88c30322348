import pytest

from services.contacts.config import ContactsConfig
from shared.settings import SettingsError


def test_defaults_and_overrides():
    assert ContactsConfig.from_env({}).sync_max_mutations == 500
    cfg = ContactsConfig.from_env({"CONTACTS_TOMBSTONE_RETENTION_SECONDS": "60", "CONTACTS_SYNC_MAX_PAGE": "50",
                                   "CONTACTS_SYNC_DEFAULT_PAGE": "20"})
    assert cfg.tombstone_retention_seconds == 60 and cfg.sync_max_page == 50 and cfg.sync_default_page == 20


def test_every_bad_value_is_reported_with_its_name():
    with pytest.raises(SettingsError) as exc:
        ContactsConfig.from_env({"CONTACTS_SYNC_MAX_MUTATIONS": "lots", "CONTACTS_SYNC_MAX_PAGE": "0",
                                 "CONTACTS_SYNC_MIN_SCHEMA_VERSION": "99"})
    assert set(exc.value.problems) == {"CONTACTS_SYNC_MAX_MUTATIONS", "CONTACTS_SYNC_MAX_PAGE",
                                       "CONTACTS_SYNC_MIN_SCHEMA_VERSION"}
