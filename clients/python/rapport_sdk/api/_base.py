"""What every resource group shares: a generated endpoint called through `Http`.

Each call builds its request with the generated module's `_get_kwargs(...)` and reads the answer
with its `_parse_response(...)`, but sends it with `Http.request`: timeouts, retries, the token and
error answers (a `ProblemError` subclass) are the SDK's, in one place. Bodies are the generated
models or plain mappings (sent as they are)."""
from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any, Protocol, Self, TypeVar

from ..http import Http


class Model(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=Model)
Body = Model | Mapping[str, Any]


class _Raw:
    """A mapping given as a body: `to_dict()` is what the generated code sends."""

    def __init__(self, data: Mapping[str, Any]):
        self._data = dict(data)

    def to_dict(self) -> dict[str, Any]:
        return self._data


def body(value: Body) -> Any:
    return _Raw(value) if isinstance(value, Mapping) else value


class Caller:
    """Sends generated endpoints' requests through `Http` and parses their answers."""

    def __init__(self, http: Http):
        self.http = http
        self._clients: dict[str, Any] = {}

    def _client(self, endpoint: ModuleType) -> Any:
        service = endpoint.__name__.split("._generated.", 1)[1].split(".", 1)[0]
        if service not in self._clients:
            module = importlib.import_module(f"{__package__.rsplit('.', 1)[0]}._generated.{service}.client")
            self._clients[service] = module.Client(base_url=self.http.base_url)
        return self._clients[service]

    def request(self, endpoint: ModuleType, *args: Any, retry_unsafe: bool = False, **kwargs: Any) -> Any:
        """The raw `httpx.Response` of a generated endpoint's request (errors raised)."""
        kw = endpoint._get_kwargs(*args, **kwargs)
        return self.http.request(kw["method"], kw["url"], params=kw.get("params"), json=kw.get("json"),
                                 content=kw.get("content"), headers=kw.get("headers"), retry_unsafe=retry_unsafe)

    def call(self, endpoint: ModuleType, *args: Any, retry_unsafe: bool = False, **kwargs: Any) -> Any:
        """The parsed answer (a generated model, None for 204) of a generated endpoint."""
        response = self.request(endpoint, *args, retry_unsafe=retry_unsafe, **kwargs)
        return endpoint._parse_response(client=self._client(endpoint), response=response)

    def pages(self, endpoint: ModuleType, item: type[M], *, page_size: int | None = None,
              **kwargs: Any) -> Iterator[M]:
        """Every item of a paginated listing, as `item` models, fetched a page at a time."""
        kw = endpoint._get_kwargs(**kwargs)
        for data in self.http.paginate(kw["url"], kw.get("params"), limit=page_size):
            yield item.from_dict(data)


def items(page: Any) -> list[Any]:
    """A listing's `items` (an unpaginated page may leave them out)."""
    found = getattr(page, "items", None)
    return list(found) if isinstance(found, list) else []


class Group:
    def __init__(self, caller: Caller):
        self._caller = caller
        self._http = caller.http


def given(**kwargs: Any) -> dict[str, Any]:
    """The arguments given (not None): the generated code's defaults (UNSET) for the others."""
    return {key: value for key, value in kwargs.items() if value is not None}


E = TypeVar("E")


def enum(cls: type[E], value: E | str | None) -> E | None:
    """A generated enum from its value (or the enum itself)."""
    return None if value is None else cls(value)  # type: ignore[call-arg]
