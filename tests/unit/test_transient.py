"""Transient store errors: retried a bounded number of times where that is safe, then a 503."""
import pytest
from pymongo.errors import (AutoReconnect, DuplicateKeyError, NetworkTimeout, NotPrimaryError, OperationFailure,
                            ServerSelectionTimeoutError)

from shared import transient
from shared.settings import load_settings
from shared.web import create_service_app

from ..keys import TEST_KEYS

BUSY = OperationFailure("database is locked (5) (SQLITE_BUSY)", code=1)


def failing(errors, result="ok"):
    calls = []

    def fn():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return result
    fn.calls = calls
    return fn


def no_sleep(_seconds):
    pass


@pytest.mark.parametrize("error", [BUSY, NotPrimaryError("not primary"), OperationFailure("stepped down", code=189)])
def test_an_error_the_server_refused_is_retried_for_writes_too(error):
    fn = failing([error, error])
    assert transient.retry(fn, sleep=no_sleep) == "ok" and len(fn.calls) == 3


def test_a_persisting_busy_store_becomes_store_unavailable_after_the_bounded_attempts():
    fn = failing([BUSY] * 10)
    with pytest.raises(transient.StoreUnavailable):
        transient.retry(fn, sleep=no_sleep)
    assert len(fn.calls) == transient.ATTEMPTS


def test_a_lost_connection_repeats_a_read_but_never_a_write_that_may_have_run():
    read = failing([AutoReconnect("connection reset")])
    assert transient.retry(read, read=True, sleep=no_sleep) == "ok" and len(read.calls) == 2
    write = failing([NetworkTimeout("timed out")])
    with pytest.raises(transient.StoreUnavailable):
        transient.retry(write, sleep=no_sleep)
    assert len(write.calls) == 1


def test_a_selection_timeout_is_not_waited_for_again():
    fn = failing([ServerSelectionTimeoutError("no servers")])
    with pytest.raises(transient.StoreUnavailable):
        transient.retry(fn, read=True, sleep=no_sleep)
    assert len(fn.calls) == 1


def test_errors_that_are_not_transient_pass_through_at_once():
    fn = failing([DuplicateKeyError("E11000 duplicate key"), OperationFailure("bad query", code=2)])
    with pytest.raises(DuplicateKeyError):
        transient.retry(fn, sleep=no_sleep)
    assert len(fn.calls) == 1
    assert not transient.is_transient(OperationFailure("bad query", code=2))


def test_a_transient_error_reaching_a_view_is_a_503_with_retry_after():
    settings = load_settings("demo", TEST_KEYS.env)
    app, _ = create_service_app(settings, title="demo")

    @app.get("/v1/locked")
    def locked():
        raise BUSY

    @app.get("/v1/gone")
    def gone():
        raise transient.StoreUnavailable("the store is unavailable")

    app.testing = False
    client = app.test_client()
    auth = {"Authorization": f"Bearer {TEST_KEYS.token('o', 'm')}"}
    for path in ("/v1/locked", "/v1/gone"):
        r = client.get(path, headers=auth)
        assert r.status_code == 503 and r.mimetype == "application/problem+json"
        assert r.json["type"] == "/problems/store-unavailable" and r.headers["Retry-After"] == "1"
        assert "SQLITE" not in r.get_data(as_text=True)
