"""The nudges service's settings: declared knobs, every bad value named at once, nothing clamped."""
from datetime import timedelta

import pytest

from services.nudges.config import NudgesConfig
from shared.settings import SettingsError, load_settings


def settings(**extra):
    return load_settings("nudges", {**extra}, require_keys=False)


def test_defaults_and_values():
    assert NudgesConfig.from_settings(settings()) == NudgesConfig()
    cfg = NudgesConfig.from_settings(settings(NUDGES_CONSUMER_GROUP="night-shift", NUDGES_EVAL_LEASE_SECONDS="5",
                                              NUDGES_SYNC_LAG_MS="0", NUDGES_SYNC_RECEIPTS="128",
                                              NUDGES_PARTITIONS="24", NUDGES_PORT="8084"))
    assert (cfg.consumer_group, cfg.eval_lease, cfg.sync_lag, cfg.sync_receipts, cfg.partitions) == (
        "night-shift", timedelta(seconds=5), timedelta(0), 128, 24)


def test_every_bad_value_is_named_at_once_and_none_is_clamped():
    """knob() clamped NUDGES_PARTITIONS=0 to 1 and a 1 s session timeout to 6 s without a word."""
    with pytest.raises(SettingsError) as err:
        NudgesConfig.from_settings(settings(NUDGES_PARTITIONS="0", NUDGES_SESSION_TIMEOUT_MS="1000",
                                            NUDGES_EVAL_BATCH="many", NUDGES_METRICS_PORT="70000",
                                            NUDGES_SYNC_RECEIPTS="10", NUDGES_MAX_POLL_RECORDS="200"))
    assert err.value.problems == {
        "NUDGES_PARTITIONS": "must be between 1 and 10000, got 0",
        "NUDGES_SESSION_TIMEOUT_MS": "must be between 6000 and 300000, got 1000",
        "NUDGES_EVAL_BATCH": "must be a whole number, got 'many'",
        "NUDGES_METRICS_PORT": "must be between 0 and 65535, got 70000",
        "NUDGES_SYNC_RECEIPTS": "must be between 128 and 1000000, got 10"}
    assert "NUDGES_PARTITIONS: must be between 1 and 10000, got 0" in str(err.value)


def test_the_api_and_the_workers_stop_at_start_with_the_names_before_touching_a_server():
    from services.nudges import worker
    from services.nudges.app import create_app
    with pytest.raises(SettingsError, match="NUDGES_SYNC_LAG_MS: must be between 0 and 60000, got -1"):
        create_app(settings(NUDGES_SYNC_LAG_MS="-1"))
    with pytest.raises(SettingsError, match="NUDGES_EVAL_LEASE_SECONDS: must be between 2 and 3600, got 1"):
        worker.build(settings(NUDGES_EVAL_LEASE_SECONDS="1"))
