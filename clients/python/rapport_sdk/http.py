"""The SDK's one HTTP path: every request of the typed client (and of the sync engine) goes
through `Http.request`, so timeouts, retries, the access token and error answers are handled here.

- timeouts: connect 5 s, read/write/pool `timeout`;
- 429 and 503 are retried (any method: the server did not act on the request), waiting as
  `Retry-After` says (seconds or an HTTP date), else with exponential backoff, up to `retries`
  times; every wait is capped at `max_delay`;
- a connection failure or a timeout is retried the same way for idempotent methods (or when
  `retry_unsafe=True`), and is a `NetworkError` when the retries are spent;
- a 401 `/problems/invalid-token` asks `token(True)` for a fresh token and sends the request once more;
- an error answer (status >= 400) raises the `ProblemError` subclass for its status (`check=True`).
"""
from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import timezone
from typing import Any

import httpx

from .errors import NetworkError, problem_error

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
RETRY_STATUSES = frozenset({429, 503})
CONNECT_TIMEOUT = 5.0

TokenSource = Callable[[bool], str]


def retry_after_seconds(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """`Retry-After` in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now())


def error_body(response: httpx.Response) -> dict[str, Any]:
    """An error answer's body as a problem: problem+json or plain JSON as sent (OAuth's `error` and
    `error_description` as title and detail); anything else becomes a title and a detail."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        if "error" in body and "title" not in body and isinstance(body["error"], str):
            body = {**body, "title": body["error"]}
            if isinstance(body.get("error_description"), str):
                body.setdefault("detail", body["error_description"])
        return body
    text = response.text.strip()
    return {"title": response.reason_phrase, "status": response.status_code, **({"detail": text[:500]} if text else {})}


def _invalid_token(response: httpx.Response) -> bool:
    if response.status_code != 401:
        return False
    body = error_body(response)
    return str(body.get("type", "")).rstrip("/").endswith("/invalid-token")


class Http:
    """An httpx client with the SDK's timeouts, retries, token and errors.

    `token(force_refresh)` returns an access token; `token(True)` is asked after a 401
    invalid-token, and the request is then sent once more."""

    def __init__(self, base_url: str, token: TokenSource | None = None, *, timeout: float = 30.0,
                 retries: int = 4, backoff: float = 0.5, sleep: Callable[[float], Any] = time.sleep,
                 user_agent: str = "rapport-sdk/0.1", max_delay: float = 60.0,
                 transport: httpx.BaseTransport | None = None, now: Callable[[], float] = time.time):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.retries = retries
        self.backoff = backoff
        self.max_delay = max_delay
        self.sleep = sleep
        self.now = now
        self.httpx_client = httpx.Client(
            base_url=self.base_url, transport=transport,
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            headers={"User-Agent": user_agent, "Accept": "application/json, application/problem+json;q=0.9, */*;q=0.5"})

    # --- lifecycle

    def close(self) -> None:
        self.httpx_client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- requests

    def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None,
                content: str | bytes | None = None, headers: Mapping[str, str] | None = None,
                check: bool = True, retry_unsafe: bool = False) -> httpx.Response:
        """Send a request (retried as the module says); an error answer raises its `ProblemError`
        unless `check=False`; no answer at all raises `NetworkError`."""
        method = method.upper()
        retry_network = retry_unsafe or method in IDEMPOTENT
        refreshed = False
        attempt = 0
        while True:
            sent_headers = dict(headers or {})
            if self.token is not None:
                sent_headers["Authorization"] = f"Bearer {self.token(refreshed)}"
            try:
                response = self.httpx_client.request(method, path, params=_clean(params), json=json,
                                                     content=content, headers=sent_headers)
            except httpx.TransportError as exc:
                if not retry_network or attempt >= self.retries:
                    raise NetworkError(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
                self.sleep(self._backoff(attempt))
                attempt += 1
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                delay = retry_after_seconds(response.headers.get("Retry-After"), self.now)
                self.sleep(min(self.max_delay, delay) if delay is not None else self._backoff(attempt))
                attempt += 1
                continue
            if not refreshed and self.token is not None and _invalid_token(response):
                refreshed = True
                continue
            if check and response.status_code >= 400:
                raise problem_error(response.status_code, error_body(response))
            return response

    def _backoff(self, attempt: int) -> float:
        return float(min(self.max_delay, self.backoff * (2 ** attempt)))

    def json(self, method: str, path: str, **kw: Any) -> Any:
        """`request(...)`'s body parsed as JSON (None for an empty body, e.g. 204)."""
        response = self.request(method, path, **kw)
        return response.json() if response.content else None

    def paginate(self, path: str, params: Mapping[str, Any] | None = None, *,
                 limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Every item of a listing, page after page (`items`, `next_cursor`; `cursor` and `limit` sent)."""
        query = dict(_clean(params) or {})
        query.pop("cursor", None)
        if limit is not None:
            query["limit"] = limit
        while True:
            page = self.json("GET", path, params=query)
            yield from page.get("items") or []
            cursor = page.get("next_cursor")
            if not cursor:
                return
            query["cursor"] = cursor


def _clean(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if params is None:
        return None
    return {key: value for key, value in params.items() if value is not None}
