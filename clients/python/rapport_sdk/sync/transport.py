"""How the engine reaches the server: `push` and `pull` of a scope, answered as (status, JSON body).

A transport raises `NetworkError` when there is no answer (no network, a lost connection); every
answer, errors included, is returned as it is, for the engine to decide.
"""
from __future__ import annotations

from typing import Any, Protocol

SCHEMA_VERSION = 1


class Transport(Protocol):
    def push(self, scope: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]: ...

    def pull(self, scope: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]: ...


class _Response(Protocol):
    status_code: int

    def json(self) -> Any: ...


class _Http(Protocol):
    def request(self, method: str, path: str, *, params: Any = None, json: Any = None, headers: Any = None,
                check: bool = True, retry_unsafe: bool = False) -> Any: ...


def _body(response: _Response) -> dict[str, Any]:
    try:
        parsed = response.json()
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


class HttpTransport:
    """The sync routes over the SDK's `Http` (`/v1/sync/<scope>/push` and `/pull`, docs/sync-protocol.md §1–2).

    A push is resent by `Http` after a connection failure (`retry_unsafe`): resending the same body is safe,
    every mutation is named by its `mutation_id`."""

    def __init__(self, http: _Http, schema_version: int = SCHEMA_VERSION) -> None:
        self.http = http
        self.headers = {"X-Rapport-Schema-Version": str(schema_version)}

    def push(self, scope: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        response = self.http.request("POST", f"/v1/sync/{scope}/push", json=body, headers=dict(self.headers),
                                     check=False, retry_unsafe=True)
        return response.status_code, _body(response)

    def pull(self, scope: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        response = self.http.request("GET", f"/v1/sync/{scope}/pull", params=dict(query),
                                     headers=dict(self.headers), check=False, retry_unsafe=True)
        return response.status_code, _body(response)
