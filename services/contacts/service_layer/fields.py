"""Validating what clients send: the REST schemas (POST's for a new record, PATCH's for a
change), then the domain's normalisation rules. REST bodies, sync mutations, imported rows
and consumed events go through here alike."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from ..domain.records import FieldErrors, Kind, normalise
from ..schemas import FIELD_SCHEMAS, PATCH_SCHEMAS

# one instance of each schema: building one costs about 0.5 ms (a push of 500 built 1,000), and
# loading keeps no state in the instance
_CREATE = {name: schema() for name, schema in FIELD_SCHEMAS.items()}
_PATCH = {name: schema() for name, schema in PATCH_SCHEMAS.items()}


def clean(kind: Kind, raw: Any, existing: dict | None = None) -> dict:
    """Validate `raw` fields with the REST schemas (POST's when `existing` is None, else PATCH's)
    and normalise them; REST bodies and sync mutations go through here alike."""
    _object(raw)
    try:
        data = (_CREATE if existing is None else _PATCH)[kind.name].load(raw)
    except ValidationError as exc:
        raise FieldErrors(exc.messages_dict) from None  # a schema's load: per field, always a dict
    return normalise(kind, data, existing or {})


def cleaned(kind: Kind, loaded: dict | None, existing: dict | None = None) -> dict:
    """`clean` of fields the same schema already loaded (a REST body its route validated), so a
    body is validated once; None (no body sent) is refused as `clean` refuses it. `loaded` itself
    is left as it is: a retry normalises it again against the record it then finds."""
    return normalise(kind, dict(_object(loaded)), existing or {})


def _object(raw: Any) -> dict:
    """`raw`, if it is an object (a dict); else FieldErrors."""
    if not isinstance(raw, dict):
        raise FieldErrors({"_schema": ["fields must be an object"]})
    return raw
