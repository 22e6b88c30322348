"""Integration events: the envelope (CloudEvents-like) and the contract registry.

Envelope fields: id, type, schema_version, occurred_at (UTC RFC 3339), org_id, member_id,
source, correlation_id, causation_id, data. On Kafka the body is the JSON envelope, the
key is the member id (the org id for organisation-level events), and `ce_*` headers carry
id, type, source and time so tools can route without parsing bodies.

Each (type, schema_version) has one contract: a lenient marshmallow schema for `data` and
one sample. Producers validate what they emit against it; consumers read with it, ignoring
unknown fields; a newer version than a consumer knows is read with the newest schema it
knows; an unknown type is skipped.
"""
from __future__ import annotations

import functools
import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Type

from marshmallow import Schema
from . import clock


class EventError(ValueError):
    """A message is not a valid envelope, or data breaks its contract."""




@dataclass(frozen=True)
class Event:
    type: str
    org_id: str
    member_id: str | None
    data: dict[str, Any]
    source: str
    schema_version: int = 1
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: clock.rfc3339(clock.now()))
    correlation_id: str | None = None
    causation_id: str | None = None

    @property
    def key(self) -> str:
        """Partition key: one member's events stay in order on one partition."""
        return self.member_id or self.org_id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":")).encode()

    def headers(self) -> list[tuple[str, bytes]]:
        return [("ce_specversion", b"1.0"), ("ce_id", self.id.encode()), ("ce_type", self.type.encode()),
                ("ce_source", self.source.encode()), ("ce_time", self.occurred_at.encode()),
                ("content-type", b"application/json")]

    @classmethod
    def from_dict(cls, raw: Any) -> "Event":
        if not isinstance(raw, dict):
            raise EventError("envelope must be a JSON object")
        missing = [k for k in ("id", "type", "org_id", "source", "occurred_at") if not raw.get(k)]
        if missing:
            raise EventError(f"envelope lacks {', '.join(missing)}")
        version = raw.get("schema_version", 1)
        if not isinstance(version, int) or version < 1:
            raise EventError("schema_version must be a positive integer")
        data = raw.get("data") or {}
        if not isinstance(data, dict):
            raise EventError("data must be a JSON object")
        return cls(type=str(raw["type"]), org_id=str(raw["org_id"]),
                   member_id=(str(raw["member_id"]) if raw.get("member_id") else None),
                   data=data, source=str(raw["source"]), schema_version=version, id=str(raw["id"]),
                   occurred_at=str(raw["occurred_at"]), correlation_id=raw.get("correlation_id"),
                   causation_id=raw.get("causation_id"))

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Event":
        try:
            decoded = json.loads(raw)
        except (ValueError, TypeError) as exc:
            raise EventError(f"body is not JSON: {exc}") from None
        return cls.from_dict(decoded)


@dataclass(frozen=True)
class Contract:
    type: str
    version: int
    schema: Type[Schema]  # not `type[...]`: in this class body `type` is the field above
    sample: dict[str, Any]

    @functools.cached_property
    def checker(self) -> Schema:
        """One instance of the schema for every event (building one costs about 0.5 ms; a
        push of 500 contacts builds 500 events, a worker reads thousands a second)."""
        return self.schema()


_CONTRACTS: dict[tuple[str, int], Contract] = {}


def contract(type_: str, version: int, sample: dict[str, Any]):
    """Class decorator: register a data schema as the contract of (type, version)."""
    def register(schema: type[Schema]) -> type[Schema]:
        key = (type_, version)
        if key in _CONTRACTS:
            raise RuntimeError(f"contract {type_} v{version} registered twice")
        _CONTRACTS[key] = Contract(type_, version, schema, sample)
        return schema
    return register


def contracts() -> list[Contract]:
    _load_all()
    return sorted(_CONTRACTS.values(), key=lambda c: (c.type, c.version))


def _load_all() -> None:
    from . import contracts as _  # noqa: F401  (registers every contract module)


def contract_for(type_: str, version: int) -> Contract | None:
    _load_all()
    if (type_, version) in _CONTRACTS:
        return _CONTRACTS[(type_, version)]
    known = [v for (t, v) in _CONTRACTS if t == type_ and v <= version]
    return _CONTRACTS[(type_, max(known))] if known else None


def new_event(type_: str, *, org_id: str, member_id: str | None, data: dict[str, Any], source: str,
              version: int = 1, correlation_id: str | None = None, causation_id: str | None = None,
              event_id: str | None = None) -> Event:
    """Build an outgoing event, checking `data` against its contract."""
    c = contract_for(type_, version)
    if c is None or c.version != version:
        raise EventError(f"no contract registered for {type_} v{version}")
    errors = c.checker.validate(data)
    if errors:
        raise EventError(f"{type_} v{version} data breaks its contract: {errors}")
    kwargs = {"id": event_id} if event_id else {}
    return Event(type=type_, org_id=org_id, member_id=member_id, data=data, source=source,
                 schema_version=version, correlation_id=correlation_id, causation_id=causation_id, **kwargs)


def read_data(event: Event) -> dict[str, Any] | None:
    """The event's data as this code base understands it, or None for an unknown type."""
    c = contract_for(event.type, event.schema_version)
    if c is None:
        return None
    return c.checker.load(event.data)  # EventSchema: unknown fields are dropped


def deterministic_id(*parts: str) -> str:
    """An id derived from its inputs: the same event and rule always give the same id."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "rapport:" + "|".join(parts)).hex
