"""Which failures a long-running process waits out and which stop it — decided once, here.

Workers, followers and relays (shared.consumer, shared.relay) ask `transient(exc)` about
every error that reaches their loop:

- **transient**: the store or the broker is away or busy for a while — the store errors
  `shared.transient.is_transient` names (the same rule the services answer 503 by), a write
  guard still held (`shared.guard.GuardBusy`), a domain `shared.errors.Busy` (a write that kept
  losing its race) or a 503 `record-busy`, and every retriable Kafka error
  (no broker reachable, timeouts, a commit refused after a rebalance). These are retried with backoff,
  never sent to a dead-letter topic, never the end of the process.
- **fatal** (`fatal(exc)`): configuration the process cannot run with — bad settings, a
  malformed URI, authentication or authorisation refused. The process logs one clear line
  and exits (the supervisor, Compose or Kubernetes shows it failing).
- everything else is a property of one message (poison): a bounded number of attempts,
  then the DLQ (shared.consumer).
"""
from __future__ import annotations

import random

from kafka import errors as kafka_errors
from pymongo import errors as mongo_errors

from .errors import Busy
from .guard import GuardBusy
from .transient import StoreUnavailable
from .transient import is_transient as store_transient
from .settings import SettingsError

FATAL_CODES = {13, 18, 8000}  # Unauthorized, AuthenticationFailed, AtlasError (bad credentials)

_KAFKA_TRANSIENT = (kafka_errors.KafkaTimeoutError,
                    kafka_errors.KafkaConnectionError, kafka_errors.CommitFailedError,
                    kafka_errors.RebalanceInProgressError, kafka_errors.NodeNotReadyError,
                    kafka_errors.CoordinatorNotAvailableError, kafka_errors.NotCoordinatorError,
                    kafka_errors.IllegalStateError)
_KAFKA_FATAL = (kafka_errors.KafkaConfigurationError, kafka_errors.SaslAuthenticationFailedError,
                kafka_errors.TopicAuthorizationFailedError, kafka_errors.GroupAuthorizationFailedError,
                kafka_errors.ClusterAuthorizationFailedError, kafka_errors.UnsupportedVersionError)


def fatal(exc: BaseException) -> bool:
    """Configuration the process cannot work with: stop, saying why."""
    if isinstance(exc, (SettingsError, mongo_errors.ConfigurationError, mongo_errors.InvalidURI, *_KAFKA_FATAL)):
        return True
    return isinstance(exc, mongo_errors.OperationFailure) and exc.code in FATAL_CODES


def transient(exc: BaseException) -> bool:
    """The store or the broker is away or busy: wait and try the same thing again."""
    if fatal(exc):
        return False
    if isinstance(exc, (GuardBusy, Busy)) or store_transient(exc):  # the store's errors: shared.transient
        return True
    if isinstance(exc, kafka_errors.KafkaError):
        return isinstance(exc, _KAFKA_TRANSIENT) or bool(getattr(exc, "retriable", False))
    status = getattr(exc, "status", None)  # shared.problems.Problem: 503 record-busy / unavailable
    return status == 503


def kind(exc: BaseException) -> str:
    """A short label for metrics and logs: store, kafka or other."""
    if isinstance(exc, (mongo_errors.PyMongoError, GuardBusy, StoreUnavailable)):
        return "store"
    if isinstance(exc, kafka_errors.KafkaError):
        return "kafka"
    return "other"


class Backoff:
    """Exponential backoff with jitter: 0.2 s, 0.4 s, … up to `cap`; `reset()` after a success."""

    def __init__(self, first: float = 0.2, cap: float = 30.0):
        self.first = first
        self.cap = cap
        self.failures = 0

    def next(self) -> float:
        delay = min(self.cap, self.first * (2 ** min(self.failures, 20)))
        self.failures += 1
        return delay * random.uniform(0.5, 1.0)

    def reset(self) -> None:
        self.failures = 0
