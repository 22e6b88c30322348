"""HttpTransport over a stub of the SDK's Http: the routes, the schema header, no raising on answers."""
from __future__ import annotations

from typing import Any

import pytest

from rapport_sdk.errors import NetworkError
from rapport_sdk.sync import HttpTransport


class _Response:
    def __init__(self, status: int, body: Any = None, text: bool = False) -> None:
        self.status_code, self._body, self._text = status, body, text

    def json(self) -> Any:
        if self._text:
            raise ValueError("not JSON")
        return self._body


class _Http:
    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def request(self, method: str, path: str, **kw: Any) -> Any:
        self.calls.append((method, path, kw))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_a_push_posts_the_body_with_the_schema_version_and_resends_safely() -> None:
    http = _Http(_Response(200, {"results": [], "server_time": "t"}))
    body = {"device_id": "d1", "mutations": []}
    assert HttpTransport(http).push("contacts", body) == (200, {"results": [], "server_time": "t"})
    [(method, path, kw)] = http.calls
    assert (method, path) == ("POST", "/v1/sync/contacts/push")
    assert kw["json"] == body and kw["headers"] == {"X-Rapport-Schema-Version": "1"}
    assert kw["check"] is False and kw["retry_unsafe"] is True


def test_a_pull_gets_with_the_query_and_returns_problems_as_answers() -> None:
    http = _Http(_Response(410, {"type": "/problems/resync-required"}), _Response(502, text=True))
    transport = HttpTransport(http, schema_version=2)
    assert transport.pull("nudges", {"cursor": "x", "limit": "100"}) == (410, {"type": "/problems/resync-required"})
    assert transport.pull("goals", {}) == (502, {})  # an HTML gateway page is no body
    (method, path, kw), (_, path2, _) = http.calls
    assert (method, path, path2) == ("GET", "/v1/sync/nudges/pull", "/v1/sync/goals/pull")
    assert kw["params"] == {"cursor": "x", "limit": "100"}
    assert kw["headers"] == {"X-Rapport-Schema-Version": "2"} and kw["check"] is False


def test_no_network_is_raised_as_it_is() -> None:
    with pytest.raises(NetworkError):
        HttpTransport(_Http(NetworkError("refused"))).push("contacts", {})
