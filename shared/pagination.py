"""Opaque, stable cursors for list endpoints: the sort key of the last item, encoded."""
from __future__ import annotations

import base64
import json
from typing import Any

from .errors import Invalid


def encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str | None, size: int) -> list[Any] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise Invalid("the cursor is not one this API issued", slug="invalid-cursor")  # 400 (shared.problems)
    return values


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
