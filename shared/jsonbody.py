"""The one reader of JSON request bodies: parsed once per request, bounded in depth.

Every service reads bodies through here — Flask's `request.get_json()` (the app's request
class) and flask-smorest's `@blp.arguments` (the webargs parser of `shared.web.Blueprint`)
alike — so hostile JSON is refused the same way everywhere, before any schema sees it:

- not JSON, not UTF-8, or `NaN`/`Infinity` (not JSON, and unstorable) → 400 `malformed-json`;
- objects and arrays nested deeper than `MAX_DEPTH` → 400 `json-too-deep` (a body nested
  10,000 deep would otherwise exhaust the parser's recursion).
"""
from __future__ import annotations

import json
from typing import Any, Iterable

import flask
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from .problems import Problem

MAX_DEPTH = 32
_ATTR = "_rapport_json"
_EMPTY = object()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def depth(value: Any) -> int:
    """How deeply objects and arrays nest in a parsed value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def parse(data: bytes | str) -> Any:
    """The JSON value of a body; raises Problem 400 for anything that is not acceptable JSON."""
    try:
        value = json.loads(data, parse_constant=_refuse_constant)
    except RecursionError:
        raise _too_deep() from None
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "the request body is not valid JSON", slug="malformed-json") from None
    if depth(value) > MAX_DEPTH:
        raise _too_deep()
    return value


def _too_deep() -> Problem:
    return Problem(400, f"the JSON body nests objects or arrays deeper than {MAX_DEPTH} levels",
                   slug="json-too-deep", max_depth=MAX_DEPTH)


def load(request: flask.Request) -> Any:
    """The request's JSON body, parsed once (later calls return the same value); `None` when
    the body is empty."""
    cached = getattr(request, _ATTR, _EMPTY)
    if cached is _EMPTY:
        data = request.get_data(cache=True)
        cached = parse(data) if data.strip() else None
        setattr(request, _ATTR, cached)
    return cached


class Request(flask.Request):
    """Flask's request whose `get_json()` is `load()` for JSON bodies."""

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        if not (force or self.is_json):
            return super().get_json(force=force, silent=silent, cache=cache)
        try:
            return load(self)
        except Problem:
            if silent:
                return None
            raise


class Parser(FlaskParser):
    """webargs' Flask parser reading JSON bodies through `load()`."""

    def _raw_load_json(self, req: flask.Request) -> Any:
        if not is_json_request(req):
            return core.missing
        value = load(req)
        return core.missing if value is None else value
