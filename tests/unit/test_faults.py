"""Which errors a long-running process waits out, which stop it, which are a message's own;
and the liveness heartbeat."""
import subprocess
import sys

import pytest
from kafka import errors as kafka_errors
from pymongo import errors as mongo_errors

from shared import faults, process
from shared.guard import GuardBusy
from shared.problems import Problem
from shared.settings import SettingsError


@pytest.mark.parametrize("exc", [
    mongo_errors.AutoReconnect("connection closed"), mongo_errors.NetworkTimeout("timed out"),
    mongo_errors.ServerSelectionTimeoutError("no servers"), mongo_errors.OperationFailure("database is locked", code=1),
    mongo_errors.OperationFailure("SQLITE_BUSY: database table is locked", code=1),
    mongo_errors.OperationFailure("not primary", code=10107), mongo_errors.ExecutionTimeout("slow", code=50),
    mongo_errors.BulkWriteError({"writeErrors": [{"code": 1, "errmsg": "database is locked"}]}),
    GuardBusy({"x"}, 35.0), Problem(503, "busy", slug="record-busy"),
    kafka_errors.CommitFailedError("kicked out"), kafka_errors.KafkaTimeoutError("no broker"),
    kafka_errors.RebalanceInProgressError(), kafka_errors.NodeNotReadyError(),
])
def test_transient_faults_are_waited_out(exc):
    assert faults.transient(exc) and not faults.fatal(exc)


@pytest.mark.parametrize("exc", [
    ValueError("bad payload"), KeyError("display_name"), mongo_errors.DuplicateKeyError("dup", code=11000),
    mongo_errors.BulkWriteError({"writeErrors": [{"code": 11000, "errmsg": "dup"}]}),
    mongo_errors.OperationFailure("bad query", code=2), Problem(422, "invalid"),
])
def test_a_messages_own_failure_is_not_transient(exc):
    assert not faults.transient(exc) and not faults.fatal(exc)


@pytest.mark.parametrize("exc", [
    SettingsError({"KAFKA_BOOTSTRAP": "bad"}), mongo_errors.ConfigurationError("bad uri"),
    mongo_errors.OperationFailure("Authentication failed.", code=18), kafka_errors.KafkaConfigurationError("x"),
    kafka_errors.TopicAuthorizationFailedError(),
])
def test_configuration_errors_are_fatal(exc):
    assert faults.fatal(exc) and not faults.transient(exc)


def test_backoff_doubles_up_to_its_cap_and_resets():
    b = faults.Backoff(first=1.0, cap=8.0)
    delays = [b.next() for _ in range(6)]
    assert all(0.5 * lim <= d <= lim for d, lim in zip(delays, [1, 2, 4, 8, 8, 8]))
    b.reset()
    assert b.next() <= 1.0


def test_the_heartbeat_and_its_liveness_check(tmp_path, monkeypatch):
    path = tmp_path / "beat"
    check = [sys.executable, "-m", "shared.process", "alive", "--file", str(path), "--max-age", "60"]
    assert subprocess.run(check, capture_output=True).returncode == 1  # no heartbeat yet
    monkeypatch.setenv(process.HEARTBEAT_VARIABLE, str(path))
    monkeypatch.setattr(process, "_last_beat", 0.0)
    process.beat()
    assert process.heartbeat_age(str(path)) < 5
    assert subprocess.run(check, capture_output=True).returncode == 0
    stale = [*check[:-1], "0"]
    assert subprocess.run(stale, capture_output=True).returncode == 1


def test_a_fatal_configuration_error_ends_the_process_with_ex_config():
    import signal

    def run(stop):
        raise SettingsError({"NUDGES_MAX_POLL_RECORDS": "must be a whole number"})
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        assert process.run_until_signalled(run) == process.EX_CONFIG
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def test_a_store_that_stayed_unavailable_through_the_retries_is_a_store_fault():
    from shared.transient import StoreUnavailable
    exc = StoreUnavailable("the store is unavailable: ServerSelectionTimeoutError")
    assert faults.transient(exc) and faults.kind(exc) == "store"
