from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.pull_out import PullOut
from ...models.sync_problem import SyncProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = UNSET,
    device_id: str | Unset = UNSET,
    x_rapport_schema_version: int,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Rapport-Schema-Version"] = str(x_rapport_schema_version)

    params: dict[str, Any] = {}

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params["device_id"] = device_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sync/contacts/pull",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PullOut | SyncProblem:
    if response.status_code == 200:
        response_200 = PullOut.from_dict(response.json())

        return response_200

    if response.status_code == 409:
        response_409 = SyncProblem.from_dict(response.json())

        return response_409

    if response.status_code == 410:
        response_410 = SyncProblem.from_dict(response.json())

        return response_410

    if response.status_code == 413:
        response_413 = SyncProblem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = SyncProblem.from_dict(response.json())

        return response_422

    if response.status_code == 426:
        response_426 = SyncProblem.from_dict(response.json())

        return response_426

    response_default = SyncProblem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PullOut | SyncProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = UNSET,
    device_id: str | Unset = UNSET,
    x_rapport_schema_version: int,
) -> Response[PullOut | SyncProblem]:
    """Changes after `cursor` (none: full first sync), in server order, paginated; never misses
    nor repeats a change while others write. Tombstones carry `merged_into` after merges.

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):
        device_id (str | Unset):
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PullOut | SyncProblem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        device_id=device_id,
        x_rapport_schema_version=x_rapport_schema_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = UNSET,
    device_id: str | Unset = UNSET,
    x_rapport_schema_version: int,
) -> PullOut | SyncProblem | None:
    """Changes after `cursor` (none: full first sync), in server order, paginated; never misses
    nor repeats a change while others write. Tombstones carry `merged_into` after merges.

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):
        device_id (str | Unset):
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PullOut | SyncProblem
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        limit=limit,
        device_id=device_id,
        x_rapport_schema_version=x_rapport_schema_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = UNSET,
    device_id: str | Unset = UNSET,
    x_rapport_schema_version: int,
) -> Response[PullOut | SyncProblem]:
    """Changes after `cursor` (none: full first sync), in server order, paginated; never misses
    nor repeats a change while others write. Tombstones carry `merged_into` after merges.

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):
        device_id (str | Unset):
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PullOut | SyncProblem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        device_id=device_id,
        x_rapport_schema_version=x_rapport_schema_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = UNSET,
    device_id: str | Unset = UNSET,
    x_rapport_schema_version: int,
) -> PullOut | SyncProblem | None:
    """Changes after `cursor` (none: full first sync), in server order, paginated; never misses
    nor repeats a change while others write. Tombstones carry `merged_into` after merges.

    Args:
        cursor (None | str | Unset):
        limit (int | Unset):
        device_id (str | Unset):
        x_rapport_schema_version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PullOut | SyncProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            limit=limit,
            device_id=device_id,
            x_rapport_schema_version=x_rapport_schema_version,
        )
    ).parsed
