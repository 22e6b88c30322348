"""Opaque, stable cursors for list endpoints: the sort key of the last item, encoded."""
from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from .clock import parse_instant, rfc3339
from .errors import Invalid


def encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str | None, size: int | tuple[int, ...]) -> list[Any] | None:
    """The values `encode` wrote (None without a cursor): `size` of them, or one of the sizes
    given; `Invalid` (400 invalid-cursor) for anything else."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(values) not in ((size,) if isinstance(size, int) else size):
        raise Invalid("the cursor is not one this API issued", slug="invalid-cursor")  # 400 (shared.problems)
    return values


def encode_instant(moment: datetime, record_id: str) -> str:
    """A cursor after (instant, id) of an order by a time, then id: the instant in RFC 3339 at
    milliseconds (the store's precision, so the cursor compares equal to what is stored)."""
    return encode([rfc3339(moment), record_id])


def decode_instant(cursor: str | None) -> tuple[datetime, str] | None:
    """What `encode_instant` wrote (None without a cursor; one written with an offset or
    without milliseconds reads too); `Invalid` (400 invalid-cursor) for anything else."""
    values = decode(cursor, 2)
    return None if values is None else instant(values)


def instant(values: list[Any]) -> tuple[datetime, str]:
    """The (instant, id) of a decoded instant cursor's values; `Invalid` when they are not."""
    try:
        moment = parse_instant(values[0]) if isinstance(values[0], str) else None
    except ValueError:
        moment = None
    if moment is None or not isinstance(values[1], str):
        raise Invalid("the cursor is not one this API issued", slug="invalid-cursor")
    return moment, values[1]


def page_by_id(collection, filter: dict, limit: int, cursor: str | None,
               projection=None) -> tuple[list[dict], str | None]:
    """Page through `filter` in `_id` order: stable while documents are added or removed."""
    after = decode(cursor, 1)
    query = dict(filter)
    if after is not None:
        query["_id"] = {"$gt": after[0]}
    docs = list(collection.find(query, projection).sort("_id", 1).limit(limit + 1))
    next_cursor = encode([docs[limit - 1]["_id"]]) if len(docs) > limit else None
    return docs[:limit], next_cursor
