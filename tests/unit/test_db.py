"""shared.db's one test for a refused duplicate key."""
from pymongo.errors import BulkWriteError, DuplicateKeyError, OperationFailure

from shared.db import duplicate_positions, is_duplicate_key


def test_duplicate_keys_alone_and_in_bulk():
    assert is_duplicate_key(DuplicateKeyError("E11000", code=11000))
    assert is_duplicate_key(OperationFailure("E11001", code=11001))
    assert not is_duplicate_key(OperationFailure("bad query", code=2))
    assert not is_duplicate_key(ValueError("no store error"))
    bulk = BulkWriteError({"writeErrors": [{"index": 0, "code": 11000}, {"index": 3, "code": 11000}]})
    assert is_duplicate_key(bulk) and duplicate_positions(bulk) == {0, 3}
    mixed = BulkWriteError({"writeErrors": [{"index": 0, "code": 11000}, {"index": 1, "code": 2}]})
    assert not is_duplicate_key(mixed)
    assert not is_duplicate_key(BulkWriteError({"writeErrors": [], "writeConcernErrors": [{"code": 64}]}))
