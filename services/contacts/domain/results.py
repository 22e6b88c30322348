"""What a sync push answers for each mutation: a result as the answer (and a device's receipt
of it) carries it. The statuses are the protocol's (shared.contracts.sync)."""
from __future__ import annotations

from datetime import datetime

from shared.clock import rfc3339


def mutation_result(m: dict, status: str, **extra) -> dict:
    out = {"mutation_id": m.get("mutation_id"), "collection": m.get("collection"), "id": m.get("id"),
           "status": status}
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def json_value(value):
    return rfc3339(value) if isinstance(value, datetime) else value


def storable(value):
    """`errors` as a document can hold them: marshmallow keys the errors of list items by
    position (`{"tags": {0: [...]}}`), and document keys are strings (as in the JSON answer)."""
    if isinstance(value, dict):
        return {str(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value
