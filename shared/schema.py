"""marshmallow building blocks: strict for API input, lenient for consumed events.

API input rejects unknown fields (they would otherwise be silently dropped or stored);
event payloads ignore them, so a producer can add fields without breaking consumers.
Every string and list has a length limit; every datetime is timezone-aware UTC. Text is
valid Unicode without NUL characters, and every free-form mapping a client sends (`FreeForm`)
has keys a document store can hold: no leading `$`, no `.`, no NUL, bounded length and count.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from .clock import rfc3339

MAX_SHORT = 200       # names, titles, tags
MAX_TEXT = 10_000     # notes
MAX_LIST = 100        # emails, phones, tags, milestones per request
MAX_KEY = 100         # characters in a key of a free-form mapping
MAX_KEYS = 100        # keys in one free-form mapping (each nested mapping counts on its own)
MAX_DEPTH = 8         # nesting of mappings and lists inside a free-form mapping


class ApiSchema(Schema):
    """Request bodies and query strings: unknown fields are errors."""

    class Meta:
        unknown = RAISE
        ordered = True


class EventSchema(Schema):
    """Consumed event payloads: unknown fields are ignored."""

    class Meta:
        unknown = EXCLUDE


class UtcDateTime(fields.AwareDateTime):
    """RFC 3339 with an explicit offset in; UTC with `Z` out. Naive datetimes are rejected."""

    default_error_messages = {"invalid_awareness": "must include a time zone offset, e.g. 2026-05-01T09:00:00Z"}

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> datetime:
        return super()._deserialize(value, attr, data, **kwargs).astimezone(timezone.utc)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else rfc3339(value)


def Text(max_length: int = MAX_SHORT, min_length: int = 0, **kwargs) -> fields.String:
    """A string with a length limit (and, by default, no surrounding whitespace kept)."""
    return Trimmed(max_length, validate=validate.Length(min=min_length, max=max_length), **kwargs)


class Trimmed(fields.String):
    """Text stored without surrounding whitespace; the limit holds for what was sent, too (a
    value padded past it is refused, as the documented maxLength says)."""

    def __init__(self, max_sent: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.max_sent = max_sent

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = text_problem(text)
        if problem:
            raise ValidationError(problem)
        if self.max_sent is not None and len(text) > self.max_sent:
            raise ValidationError(f"Longer than maximum length {self.max_sent}.")
        return text.strip()


class Bool(fields.Boolean):
    """JSON `true` or `false` only (marshmallow's Boolean also takes 1, "yes", "on", …)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored as it is (NUL, unpaired surrogates), or None."""
    if "\x00" in text:
        return "must not contain NUL characters"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "must be valid Unicode (an unpaired surrogate was sent)"
    return None


def _key_problem(key, max_length: int) -> str | None:
    """What is wrong with one key of a client's mapping, or None."""
    if not isinstance(key, str):
        return "keys must be strings"
    if not key:
        return "must not be empty"
    if key.startswith("$"):
        return "must not start with '$'"
    if "." in key:
        return "must not contain '.'"
    if len(key) > max_length:
        return f"at most {max_length} characters"
    return text_problem(key)


def key_problems(value, *, max_keys: int = MAX_KEYS, max_key_length: int = MAX_KEY,
                 max_depth: int = MAX_DEPTH) -> list[str]:
    """What is wrong with the keys of a client's mapping (and of the mappings inside it) for
    storing it as a document: each message names the key in its text, never as a key itself
    (an error document keyed by the bad key could not be stored either)."""
    problems: list[str] = []

    def shown(path: list[str]) -> str:
        return "'" + ".".join(ascii(p)[1:-1][:max_key_length] for p in path) + "'"

    def walk(node, path: list[str], depth: int) -> None:
        if len(problems) >= 10:
            return
        if depth > max_depth:
            problems.append(f"{shown(path)}: nested more than {max_depth} levels deep")
            return
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, path + [str(i)], depth + 1)
            return
        if not isinstance(node, dict):
            return
        if len(node) > max_keys:
            problems.append(f"{shown(path) if path else 'the mapping'}: at most {max_keys} keys, got {len(node)}")
            return
        for key, item in node.items():
            problem = _key_problem(key, max_key_length)
            if problem:
                problems.append(f"key {shown(path + [str(key)])}: {problem}")
                if len(problems) >= 10:
                    return
            elif max_depth:
                walk(item, path + [key], depth + 1)

    walk(value, [], 0)
    return problems


class FreeForm(fields.Dict):
    """A free-form mapping from a client that may end up in a stored document: an object whose
    keys (and those of every mapping inside it) have no leading `$`, no `.`, no NUL, at most
    MAX_KEY characters, at most MAX_KEYS per mapping, nested at most MAX_DEPTH deep. Use it
    instead of `fields.Dict`/`fields.Raw` for every mapping a client sends."""

    def __init__(self, *, max_keys: int = MAX_KEYS, max_key_length: int = MAX_KEY, max_depth: int = MAX_DEPTH,
                 **kwargs):
        """`max_depth=0`: only the mapping's own keys are checked, for a mapping whose values a
        strict schema validates next (which takes no mappings, so names each bad value itself)."""
        super().__init__(**kwargs)
        self.limits = {"max_keys": max_keys, "max_key_length": max_key_length, "max_depth": max_depth}

    def _deserialize(self, value, attr, data, **kwargs):
        mapping = super()._deserialize(value, attr, data, **kwargs)
        problems = key_problems(mapping, **self.limits)
        if problems:
            raise ValidationError(problems)
        return mapping


def TextList(max_items: int = MAX_LIST, max_length: int = MAX_SHORT, **kwargs) -> fields.List:
    return fields.List(Text(max_length, min_length=1), validate=validate.Length(max=max_items), **kwargs)


MAX_ID = 64
_ID_CHARS = r"\A[A-Za-z0-9_-]+\Z"  # \Z: "abc\n" is no id (`$` would allow it)


def Id(**kwargs) -> fields.String:
    """A client- or server-generated identifier: UUID-ish, URL-safe, bounded."""
    return fields.String(validate=[validate.Length(min=1, max=MAX_ID),
                                   validate.Regexp(_ID_CHARS, error="must be letters, digits, - or _")],
                         **kwargs)


def is_id(value) -> bool:
    """Whether `value` is what `Id()` accepts (for ids read before or outside a schema, e.g. a path)."""
    return isinstance(value, str) and 0 < len(value) <= MAX_ID and re.match(_ID_CHARS, value) is not None


class PageArgs(ApiSchema):
    """`?limit=&cursor=` on every list endpoint."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = fields.String(load_default=None, validate=validate.Length(max=512))


__all__ = ["ApiSchema", "EventSchema", "UtcDateTime", "Text", "TextList", "Id", "PageArgs", "FreeForm", "is_id",
           "key_problems", "text_problem", "ValidationError", "fields", "validate"]
