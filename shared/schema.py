"""marshmallow building blocks: strict for API input, lenient for consumed events.

API input rejects unknown fields (they would otherwise be silently dropped or stored);
event payloads ignore them, so a producer can add fields without breaking consumers.
Every string and list has a length limit; every datetime is timezone-aware UTC.
"""
from __future__ import annotations

from datetime import datetime, timezone

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

MAX_SHORT = 200       # names, titles, tags
MAX_TEXT = 10_000     # notes
MAX_LIST = 100        # emails, phones, tags, milestones per request


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
        if value is None:
            return None
        if value.tzinfo is None:  # stored values are UTC; the driver hands them back naive
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def Text(max_length: int = MAX_SHORT, min_length: int = 0, **kwargs) -> fields.String:
    """A string with a length limit (and, by default, no surrounding whitespace kept)."""
    return Trimmed(validate=validate.Length(min=min_length, max=max_length), **kwargs)


class Trimmed(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def TextList(max_items: int = MAX_LIST, max_length: int = MAX_SHORT, **kwargs) -> fields.List:
    return fields.List(Text(max_length, min_length=1), validate=validate.Length(max=max_items), **kwargs)


def Id(**kwargs) -> fields.String:
    """A client- or server-generated identifier: UUID-ish, URL-safe, bounded."""
    return fields.String(validate=[validate.Length(min=1, max=64),
                                   validate.Regexp(r"^[A-Za-z0-9_-]+$", error="must be letters, digits, - or _")],
                         **kwargs)


class PageArgs(ApiSchema):
    """`?limit=&cursor=` on every list endpoint."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = fields.String(load_default=None, validate=validate.Length(max=512))


__all__ = ["ApiSchema", "EventSchema", "UtcDateTime", "Text", "TextList", "Id", "PageArgs",
           "ValidationError", "fields", "validate"]
