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


def test_every_document_class_has_a_name_of_its_own():
    """mongoengine keeps documents by class name: two services' `SyncReceipt` would share one
    entry, and reconnecting would leave the other holding a closed client."""
    import importlib
    from collections import Counter

    names = Counter()
    for service in ("accounts", "goals", "contacts", "nudges"):
        module = importlib.import_module(f"services.{service}.adapters.documents")
        names.update({cls.__name__ for cls in module.ALL_DOCUMENTS})
    assert [n for n, k in names.items() if k > 1] == []
