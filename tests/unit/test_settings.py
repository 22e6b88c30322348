import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from shared.settings import SettingsError, load_settings

from ..keys import TEST_KEYS

JWKS = "http://accounts:8000/.well-known/jwks.json"
GOOD = {"MONGO_URI": "mongodb://db:27017/", "KAFKA_BOOTSTRAP": "k1:9092,k2:9092", "RAPPORT_JWKS_URL": JWKS}


def test_defaults_and_prefixes():
    s = load_settings("contacts", {**GOOD, "RAPPORT_DB_PREFIX": "t1_", "RAPPORT_TOPIC_PREFIX": "t1."})
    assert s.mongo_db == "t1_rapport_contacts"
    assert s.topic("rapport.contacts.v1") == "t1.rapport.contacts.v1"
    assert (s.jwks_url, s.jwks_cache_seconds, s.jwt_public_keys) == (JWKS, 300, {})
    assert (s.jwt_ttl_seconds, s.jwt_max_ttl_seconds) == (900, 900)


def test_every_bad_value_is_reported_at_once():
    with pytest.raises(SettingsError) as err:
        load_settings("contacts", {"MONGO_URI": "postgres://x", "KAFKA_BOOTSTRAP": "nohost",
                                   "RAPPORT_JWKS_URL": "accounts/jwks", "RAPPORT_MAX_BODY_BYTES": "lots",
                                   "RAPPORT_LOG_LEVEL": "LOUD"})
    assert set(err.value.problems) == {"MONGO_URI", "KAFKA_BOOTSTRAP", "RAPPORT_JWKS_URL",
                                       "RAPPORT_MAX_BODY_BYTES", "RAPPORT_LOG_LEVEL"}
    assert "whole number" in err.value.problems["RAPPORT_MAX_BODY_BYTES"]
    assert "http://" in err.value.problems["RAPPORT_JWKS_URL"]
    assert "RAPPORT_LOG_LEVEL" in str(err.value)


def test_keys_are_required_unless_waived():
    env = {k: v for k, v in GOOD.items() if k != "RAPPORT_JWKS_URL"}
    with pytest.raises(SettingsError) as err:
        load_settings("contacts", env)
    assert set(err.value.problems) == {"RAPPORT_JWKS_URL"}
    assert "RAPPORT_JWT_PUBLIC_KEYS" in err.value.problems["RAPPORT_JWKS_URL"]
    assert load_settings("contacts", env, require_keys=False).jwks_url == ""
    assert load_settings("contacts", {**env, **TEST_KEYS.env}).jwt_public_keys == {"test": str(TEST_KEYS.public_pem)}


def test_the_hs256_variables_are_refused_by_name_everywhere():
    removed = {"RAPPORT_JWT_SECRET": "s" * 40, "RAPPORT_JWT_HS256_KEYS": f"k1:{'a' * 32}",
               "RAPPORT_JWT_SIGNING_KID": "k1", "RAPPORT_JWT_PRIVATE_KEY_FILE": "/keys/accounts.pem"}
    for require_keys in (True, False):
        with pytest.raises(SettingsError) as err:
            load_settings("relay", {**GOOD, **removed}, require_keys=require_keys)
        assert set(err.value.problems) == set(removed)
        assert all("RAPPORT_JWKS_URL" in why for why in err.value.problems.values())


def _pem(tmp_path, name, key):
    path = tmp_path / f"{name}.pem"
    path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


@pytest.mark.parametrize("make_file, why", [
    (lambda tmp: tmp / "missing.pem", "not found"),
    (lambda tmp: (tmp / "junk.pem").write_text("junk") and tmp / "junk.pem", "PEM"),
    (lambda tmp: _pem(tmp, "p384", ec.generate_private_key(ec.SECP384R1())), "P-256"),
    (lambda tmp: _pem(tmp, "rsa", rsa.generate_private_key(public_exponent=65537, key_size=1024)), "2048 bits"),
])
def test_a_pinned_key_that_cannot_verify_es256_or_rs256_is_a_settings_error(tmp_path, make_file, why):
    path = make_file(tmp_path)
    with pytest.raises(SettingsError) as err:
        load_settings("goals", {**GOOD, "RAPPORT_JWT_PUBLIC_KEYS": f"k1:{path}"})
    assert why in err.value.problems["RAPPORT_JWT_PUBLIC_KEYS"] and "'k1'" in err.value.problems["RAPPORT_JWT_PUBLIC_KEYS"]


def test_key_lists_and_lifetimes_parse_and_range_check():
    with pytest.raises(SettingsError) as err:
        load_settings("goals", {**GOOD, "RAPPORT_JWT_PUBLIC_KEYS": "broken", "RAPPORT_JWT_TTL_SECONDS": "5",
                                "RAPPORT_JWKS_CACHE_SECONDS": "1"})
    assert set(err.value.problems) == {"RAPPORT_JWT_PUBLIC_KEYS", "RAPPORT_JWT_TTL_SECONDS", "RAPPORT_JWKS_CACHE_SECONDS"}
    # accounts may not issue device tokens every service refuses as too long-lived
    with pytest.raises(SettingsError) as err:
        load_settings("accounts", {**GOOD, "RAPPORT_JWT_TTL_SECONDS": "3600"})
    assert "RAPPORT_JWT_MAX_TTL_SECONDS" in err.value.problems["RAPPORT_JWT_TTL_SECONDS"]
    s = load_settings("accounts", {**GOOD, "RAPPORT_JWT_TTL_SECONDS": "3600", "RAPPORT_JWT_MAX_TTL_SECONDS": "3600"})
    assert (s.jwt_ttl_seconds, s.jwt_max_ttl_seconds) == (3600, 3600)


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
