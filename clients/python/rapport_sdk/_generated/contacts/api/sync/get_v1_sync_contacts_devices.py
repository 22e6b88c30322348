from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.device_list import DeviceList
from ...models.sync_problem import SyncProblem
from ...types import Response


def _get_kwargs(
    *,
    x_rapport_schema_version: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Rapport-Schema-Version"] = str(x_rapport_schema_version)

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sync/contacts/devices",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeviceList | SyncProblem:
    if response.status_code == 200:
        response_200 = DeviceList.from_dict(response.json())

        return response_200

    response_default = SyncProblem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeviceList | SyncProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_rapport_schema_version: int,
) -> Response[DeviceList | SyncProblem]:
    """The contacts sync state of the member's devices: when each last pushed and pulled, and
    how many pushes. Not a registry: a device is registered by signing in on it, and listed and
    revoked in accounts (`GET /v1/devices`, `DELETE /v1/devices/{id}`).

    Args:
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeviceList | SyncProblem]
    """

    kwargs = _get_kwargs(
        x_rapport_schema_version=x_rapport_schema_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    x_rapport_schema_version: int,
) -> DeviceList | SyncProblem | None:
    """The contacts sync state of the member's devices: when each last pushed and pulled, and
    how many pushes. Not a registry: a device is registered by signing in on it, and listed and
    revoked in accounts (`GET /v1/devices`, `DELETE /v1/devices/{id}`).

    Args:
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeviceList | SyncProblem
    """

    return sync_detailed(
        client=client,
        x_rapport_schema_version=x_rapport_schema_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    x_rapport_schema_version: int,
) -> Response[DeviceList | SyncProblem]:
    """The contacts sync state of the member's devices: when each last pushed and pulled, and
    how many pushes. Not a registry: a device is registered by signing in on it, and listed and
    revoked in accounts (`GET /v1/devices`, `DELETE /v1/devices/{id}`).

    Args:
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeviceList | SyncProblem]
    """

    kwargs = _get_kwargs(
        x_rapport_schema_version=x_rapport_schema_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    x_rapport_schema_version: int,
) -> DeviceList | SyncProblem | None:
    """The contacts sync state of the member's devices: when each last pushed and pulled, and
    how many pushes. Not a registry: a device is registered by signing in on it, and listed and
    revoked in accounts (`GET /v1/devices`, `DELETE /v1/devices/{id}`).

    Args:
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeviceList | SyncProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            x_rapport_schema_version=x_rapport_schema_version,
        )
    ).parsed
