from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.push_in import PushIn
from ...models.push_out import PushOut
from ...models.sync_problem import SyncProblem
from ...types import Response


def _get_kwargs(
    *,
    body: PushIn,
    x_rapport_schema_version: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Rapport-Schema-Version"] = str(x_rapport_schema_version)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/sync/contacts/push",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PushOut | SyncProblem:
    if response.status_code == 200:
        response_200 = PushOut.from_dict(response.json())

        return response_200

    if response.status_code == 409:
        response_409 = SyncProblem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = SyncProblem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = SyncProblem.from_dict(response.json())

        return response_422

    if response.status_code == 426:
        response_426 = SyncProblem.from_dict(response.json())

        return response_426

    if response.status_code == 503:
        response_503 = SyncProblem.from_dict(response.json())

        return response_503

    response_default = SyncProblem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PushOut | SyncProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PushIn,
    x_rapport_schema_version: int,
) -> Response[PushOut | SyncProblem]:
    """Apply a device's mutations in order; one result per mutation: applied, duplicate, merged,
    conflict or rejected. One bad mutation never blocks the others.

    Args:
        x_rapport_schema_version (int):
        body (PushIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PushOut | SyncProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_rapport_schema_version=x_rapport_schema_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PushIn,
    x_rapport_schema_version: int,
) -> PushOut | SyncProblem | None:
    """Apply a device's mutations in order; one result per mutation: applied, duplicate, merged,
    conflict or rejected. One bad mutation never blocks the others.

    Args:
        x_rapport_schema_version (int):
        body (PushIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PushOut | SyncProblem
    """

    return sync_detailed(
        client=client,
        body=body,
        x_rapport_schema_version=x_rapport_schema_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PushIn,
    x_rapport_schema_version: int,
) -> Response[PushOut | SyncProblem]:
    """Apply a device's mutations in order; one result per mutation: applied, duplicate, merged,
    conflict or rejected. One bad mutation never blocks the others.

    Args:
        x_rapport_schema_version (int):
        body (PushIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PushOut | SyncProblem]
    """

    kwargs = _get_kwargs(
        body=body,
        x_rapport_schema_version=x_rapport_schema_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PushIn,
    x_rapport_schema_version: int,
) -> PushOut | SyncProblem | None:
    """Apply a device's mutations in order; one result per mutation: applied, duplicate, merged,
    conflict or rejected. One bad mutation never blocks the others.

    Args:
        x_rapport_schema_version (int):
        body (PushIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PushOut | SyncProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_rapport_schema_version=x_rapport_schema_version,
        )
    ).parsed
