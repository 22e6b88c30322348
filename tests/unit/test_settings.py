import pytest

from shared.settings import SettingsError, load_settings

GOOD = {"MONGO_URI": "mongodb://db:27017/", "KAFKA_BOOTSTRAP": "k1:9092,k2:9092", "RAPPORT_JWT_SECRET": "s" * 32}


def test_defaults_and_prefixes():
    s = load_settings("contacts", {**GOOD, "RAPPORT_DB_PREFIX": "t1_", "RAPPORT_TOPIC_PREFIX": "t1."})
    assert s.mongo_db == "t1_rapport_contacts"
    assert s.topic("rapport.contacts.v1") == "t1.rapport.contacts.v1"
    assert s.jwt_hs256_keys == {"dev": "s" * 32} and s.jwt_signing_kid == "dev"


def test_every_bad_value_is_reported_at_once():
    with pytest.raises(SettingsError) as err:
        load_settings("contacts", {"MONGO_URI": "postgres://x", "KAFKA_BOOTSTRAP": "nohost",
                                   "RAPPORT_JWT_SECRET": "short", "RAPPORT_MAX_BODY_BYTES": "lots",
                                   "RAPPORT_LOG_LEVEL": "LOUD"})
    assert set(err.value.problems) == {"MONGO_URI", "KAFKA_BOOTSTRAP", "RAPPORT_JWT_SECRET",
                                       "RAPPORT_MAX_BODY_BYTES", "RAPPORT_LOG_LEVEL"}
    assert "whole number" in err.value.problems["RAPPORT_MAX_BODY_BYTES"]
    assert "RAPPORT_LOG_LEVEL" in str(err.value)


def test_keys_are_required_unless_waived():
    env = {k: v for k, v in GOOD.items() if k != "RAPPORT_JWT_SECRET"}
    with pytest.raises(SettingsError) as err:
        load_settings("contacts", env)
    assert "RAPPORT_JWT_SECRET" in err.value.problems
    assert load_settings("contacts", env, require_keys=False).jwt_hs256_keys == {}


def test_rotation_keys_parse_and_range_checks():
    s = load_settings("goals", {**GOOD, "RAPPORT_JWT_HS256_KEYS": f"k1:{'a' * 32},k2:{'b' * 32}",
                                "RAPPORT_JWT_SIGNING_KID": "k2"})
    assert set(s.jwt_hs256_keys) == {"k1", "k2", "dev"} and s.jwt_signing_kid == "k2"
    with pytest.raises(SettingsError) as err:
        load_settings("goals", {**GOOD, "RAPPORT_JWT_HS256_KEYS": "broken", "RAPPORT_JWT_TTL_SECONDS": "5"})
    assert set(err.value.problems) == {"RAPPORT_JWT_HS256_KEYS", "RAPPORT_JWT_TTL_SECONDS"}


def test_declared_knobs_default_parse_and_report_every_bad_value_by_name():
    from shared.settings import Choice, Int, Url, read_knobs

    knobs = {"batch": Int(200, 1, 10_000), "mode": Choice("auto", ("auto", "on", "off")), "peer": Url("http://a:1")}
    assert read_knobs({"X_BATCH": ""}, "X_", knobs) == {"batch": 200, "mode": "auto", "peer": "http://a:1"}
    assert read_knobs({"X_BATCH": "7", "X_MODE": "ON", "X_PEER": "https://b/"}, "X_", knobs) == {
        "batch": 7, "mode": "on", "peer": "https://b"}
    with pytest.raises(SettingsError) as err:  # out of bounds is an error, never clamped
        read_knobs({"X_BATCH": "0", "X_MODE": "sometimes", "X_PEER": "b:1"}, "X_", knobs)
    assert set(err.value.problems) == {"X_BATCH", "X_MODE", "X_PEER"}
    assert err.value.problems["X_BATCH"] == "must be between 1 and 10000, got 0"
    problems = {}
    read_knobs({"X_BATCH": "many"}, "X_", knobs, problems)  # collected for the caller to raise with its own
    assert problems == {"X_BATCH": "must be a whole number, got 'many'"}
