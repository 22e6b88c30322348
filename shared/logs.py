"""JSON logs on stderr, one object a line, with the request and correlation ids."""
from __future__ import annotations

import json
import logging
import sys
from typing import Any
from datetime import datetime, timezone

from .clock import rfc3339

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": rfc3339(datetime.fromtimestamp(record.created, timezone.utc)),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        try:
            from flask import g, has_request_context
            if has_request_context():
                entry["request_id"] = getattr(g, "request_id", None)
                entry["correlation_id"] = getattr(g, "correlation_id", None)
        except ImportError:  # pragma: no cover - flask is a dependency
            pass
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # kafka-python is chatty at INFO about every connection
    logging.getLogger("kafka").setLevel(max(logging.WARNING, logging.getLevelName(level)))
