"""Does one document match a filter? The part of MongoDB's query language the services use.

FerretDB 1.x hands a query to its SQLite table only when the filter is exactly
`{_id: <string or ObjectId>}`; any other field in the filter (a version, the member's scope)
makes it read and decode the whole collection in its own process. `shared.guard` therefore fetches the one
document by `_id` and checks the rest of the filter here. Anything this module does not
know answers `None` ("cannot tell"), and the caller sends the whole filter to the server.

Semantics follow MongoDB: `None` matches a missing field or null; comparisons (`$lt`, …) only
match values of the same kind (numbers, strings, dates, …) and never a missing field;
`$ne`/`$not` match a missing field; arrays and embedded documents as operands are left to
the server.
"""
from __future__ import annotations

from datetime import datetime
from numbers import Real
from typing import Any

from bson import ObjectId

_MISSING = object()


class _Unknown(Exception):
    pass


def matches(doc: dict, filter: dict) -> bool | None:
    """True or False when this module can tell, else None."""
    try:
        return _all(doc, filter)
    except _Unknown:
        return None


def _all(doc: dict, filter: dict) -> bool:
    for key, cond in filter.items():
        if key == "$or" or key == "$and":
            results = [_all(doc, f) for f in cond]
            if not (any(results) if key == "$or" else all(results)):
                return False
        elif key.startswith("$"):
            raise _Unknown(key)
        elif not _condition(_get(doc, key), cond):
            return False
    return True


def _get(doc: dict, path: str) -> Any:
    value: Any = doc
    for part in path.split("."):
        if isinstance(value, list):
            raise _Unknown(path)  # array traversal: the server's job
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _condition(value: Any, cond: Any) -> bool:
    if isinstance(cond, dict) and cond and all(k.startswith("$") for k in cond):
        return all(_operator(value, op, arg) for op, arg in cond.items())
    return _equal(value, cond)


def _operator(value: Any, op: str, arg: Any) -> bool:
    if op == "$eq":
        return _equal(value, arg)
    if op == "$ne":
        return not _equal(value, arg)
    if op == "$in":
        return any(_equal(value, a) for a in arg)
    if op == "$nin":
        return not any(_equal(value, a) for a in arg)
    if op == "$exists":
        return (value is not _MISSING) == bool(arg)
    if op == "$not":
        if not isinstance(arg, dict):
            raise _Unknown(op)  # a regular expression
        return not _condition(value, arg)
    if op in ("$lt", "$lte", "$gt", "$gte"):
        return _compare(value, op, arg)
    raise _Unknown(op)


def _kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, Real):
        return "number"
    for kind, types in (("string", str), ("date", datetime), ("objectid", ObjectId)):
        if isinstance(value, types):
            return kind
    return None


def _equal(value: Any, arg: Any) -> bool:
    if isinstance(value, list):
        raise _Unknown("equality on an array field")  # it matches any element
    if arg is None:
        return value is _MISSING or value is None
    if value is _MISSING or value is None:
        return False
    kind = _kind(arg)
    if kind is None or isinstance(value, dict):
        raise _Unknown("equality with arrays or documents")
    return _kind(value) == kind and _same(value, arg)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and a != a or isinstance(b, float) and b != b:
        raise _Unknown("NaN")
    if isinstance(a, datetime) and (a.tzinfo is None) != (b.tzinfo is None):
        raise _Unknown("naive and aware times")
    return a == b


def _compare(value: Any, op: str, arg: Any) -> bool:
    if arg is None or isinstance(arg, float) and arg != arg:
        raise _Unknown("comparison with null or NaN")
    if value is _MISSING or value is None:
        return False
    if isinstance(value, (list, dict)):
        raise _Unknown("comparison on arrays or documents")
    kind = _kind(arg)
    if kind is None:
        raise _Unknown("comparison operand")
    if kind == "bool":
        raise _Unknown("ordering of booleans")
    if _kind(value) != kind:
        return False
    if kind == "date" and (value.tzinfo is None) != (arg.tzinfo is None):
        raise _Unknown("naive and aware times")
    return {"$lt": value < arg, "$lte": value <= arg, "$gt": value > arg, "$gte": value >= arg}[op]
