"""Http: timeouts, retries (Retry-After, backoff), the token refresh after a 401 invalid-token,
error answers as ProblemError, NetworkError, and pagination. No server: httpx.MockTransport, and
`sleep` records the waits instead of waiting."""
from email.utils import format_datetime
from datetime import datetime, timezone

import httpx
import pytest

from rapport_sdk import errors
from rapport_sdk.http import Http, retry_after_seconds

NOW = 1_800_000_000.0
PROBLEM = "application/problem+json"


def problem(status, slug, **extra):
    return httpx.Response(status, json={"type": f"/problems/{slug}", "title": slug, "status": status, **extra},
                          headers={"Content-Type": PROBLEM})


class Server:
    """Answers from a list, one a request (the last one again when the list is spent); records requests."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request):
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer


def make(server, **kw):
    waits: list[float] = []
    http = Http("http://api.test/", transport=httpx.MockTransport(server), sleep=waits.append,
                now=lambda: NOW, **kw)
    return http, waits


def test_timeouts_connect_5s_read_as_given():
    http = Http("http://api.test", timeout=12.0)
    assert http.httpx_client.timeout == httpx.Timeout(12.0, connect=5.0)


def test_the_token_and_user_agent_are_sent():
    server = Server(httpx.Response(200, json={"ok": True}))
    http, _ = make(server, token=lambda force: "tok")
    assert http.json("GET", "/v1/x", params={"a": 1, "b": None}) == {"ok": True}
    request = server.requests[0]
    assert request.headers["Authorization"] == "Bearer tok"
    assert request.headers["User-Agent"] == "rapport-sdk/0.1"
    assert str(request.url) == "http://api.test/v1/x?a=1"


def test_429_waits_retry_after_in_seconds():
    server = Server(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, json={}))
    http, waits = make(server)
    assert http.request("POST", "/v1/x", json={}).status_code == 200
    assert waits == [7.0] and len(server.requests) == 2


def test_503_waits_retry_after_as_an_http_date():
    when = format_datetime(datetime.fromtimestamp(NOW + 12, timezone.utc), usegmt=True)
    server = Server(problem(503, "unavailable", ), httpx.Response(200, json={}))
    server.answers[0].headers["Retry-After"] = when
    http, waits = make(server)
    http.request("GET", "/v1/x")
    assert waits == [12.0]


def test_retry_after_is_capped():
    server = Server(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200))
    http, waits = make(server, max_delay=30.0)
    http.request("GET", "/v1/x")
    assert waits == [30.0]


def test_without_retry_after_the_backoff_doubles_then_the_error_is_raised():
    server = Server(problem(503, "unavailable"))
    http, waits = make(server, retries=3, backoff=0.5)
    with pytest.raises(errors.Unavailable) as caught:
        http.request("GET", "/v1/x")
    assert waits == [0.5, 1.0, 2.0] and len(server.requests) == 4
    assert caught.value.slug == "unavailable"


def test_the_retries_are_capped_and_check_false_returns_the_last_answer():
    server = Server(httpx.Response(429, headers={"Retry-After": "1"}))
    http, waits = make(server, retries=2)
    assert http.request("GET", "/v1/x", check=False).status_code == 429
    assert waits == [1.0, 1.0] and len(server.requests) == 3


@pytest.mark.parametrize("value, seconds", [("5", 5.0), ("0", 0.0), ("-3", 0.0), ("soon", None), (None, None),
                                            ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0)])
def test_retry_after_values(value, seconds):
    assert retry_after_seconds(value, lambda: NOW) == seconds


def test_a_connection_error_is_retried_for_a_get_then_network_error():
    server = Server(httpx.ConnectError("refused"))
    http, waits = make(server, retries=2, backoff=1.0)
    with pytest.raises(errors.NetworkError):
        http.request("GET", "/v1/x")
    assert waits == [1.0, 2.0] and len(server.requests) == 3


def test_a_connection_error_then_an_answer():
    server = Server(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.Response(200, json=[1]))
    http, waits = make(server)
    assert http.json("DELETE", "/v1/x") == [1]
    assert len(waits) == 2


def test_a_post_is_not_resent_after_a_connection_error():
    server = Server(httpx.ConnectError("refused"), httpx.Response(201))
    http, waits = make(server)
    with pytest.raises(errors.NetworkError):
        http.request("POST", "/v1/x", json={})
    assert waits == [] and len(server.requests) == 1


def test_a_post_is_resent_with_retry_unsafe():
    server = Server(httpx.ConnectError("refused"), httpx.Response(201))
    http, waits = make(server)
    assert http.request("POST", "/v1/x", json={}, retry_unsafe=True).status_code == 201
    assert waits == [0.5] and len(server.requests) == 2


def test_a_timeout_is_a_network_error():
    http, _ = make(Server(httpx.ReadTimeout("slow")), retries=0)
    with pytest.raises(errors.NetworkError):
        http.request("GET", "/v1/x")


def test_an_invalid_token_is_refreshed_once_and_the_request_sent_again():
    asked = []

    def token(force):
        asked.append(force)
        return "fresh" if force else "stale"

    server = Server(lambda r: problem(401, "invalid-token") if r.headers["Authorization"] == "Bearer stale"
                    else httpx.Response(200, json={"ok": 1}))
    http, _ = make(server, token=token)
    assert http.json("POST", "/v1/x", json={}) == {"ok": 1}
    assert asked == [False, True] and len(server.requests) == 2


def test_a_refreshed_token_still_refused_is_unauthorized():
    asked = []
    server = Server(problem(401, "invalid-token"))
    http, _ = make(server, token=lambda force: asked.append(force) or "t")
    with pytest.raises(errors.Unauthorized) as caught:
        http.request("GET", "/v1/x")
    assert asked == [False, True] and len(server.requests) == 2
    assert caught.value.type == "/problems/invalid-token"


def test_another_401_is_not_refreshed():
    asked = []
    http, _ = make(Server(problem(401, "unauthenticated")), token=lambda force: asked.append(force) or "t")
    with pytest.raises(errors.Unauthorized):
        http.request("GET", "/v1/x")
    assert asked == [False]


def test_a_problem_becomes_its_subclass():
    server = Server(problem(422, "validation-error", errors={"name": ["required"]}))
    http, waits = make(server)
    with pytest.raises(errors.ValidationError) as caught:
        http.request("POST", "/v1/x", json={})
    error = caught.value
    assert (error.status, error.type, error.slug) == (422, "/problems/validation-error", "validation-error")
    assert error.errors == {"name": ["required"]} and waits == []


def test_plain_json_and_text_error_bodies():
    http, _ = make(Server(httpx.Response(400, json={"error": "invalid_grant", "error_description": "expired"}),
                          httpx.Response(502, text="Bad Gateway from a proxy")))
    with pytest.raises(errors.BadRequest) as caught:
        http.request("GET", "/v1/x")
    assert (caught.value.title, caught.value.detail) == ("invalid_grant", "expired")
    with pytest.raises(errors.ServerError) as caught:
        http.request("GET", "/v1/x")
    assert caught.value.status == 502 and caught.value.detail == "Bad Gateway from a proxy"


def test_check_false_returns_an_error_answer():
    http, _ = make(Server(problem(404, "not-found")))
    assert http.request("GET", "/v1/x", check=False).status_code == 404


def test_paginate_follows_the_cursor_over_three_pages():
    pages = {None: {"items": [1, 2], "next_cursor": "c2"}, "c2": {"items": [3], "next_cursor": "c3"},
             "c3": {"items": [4, 5], "next_cursor": None}}
    server = Server(lambda r: httpx.Response(200, json=pages[r.url.params.get("cursor")]))
    http, _ = make(server)
    assert list(http.paginate("/v1/contacts", {"tag": "x", "cursor": "ignored"}, limit=2)) == [1, 2, 3, 4, 5]
    assert [dict(r.url.params) for r in server.requests] == [
        {"tag": "x", "limit": "2"}, {"tag": "x", "limit": "2", "cursor": "c2"},
        {"tag": "x", "limit": "2", "cursor": "c3"}]


def test_paginate_is_lazy():
    server = Server(httpx.Response(200, json={"items": [1], "next_cursor": "more"}))
    http, _ = make(server)
    pages = http.paginate("/v1/x")
    assert next(pages) == 1 and next(pages) == 1 and len(server.requests) == 2
