from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.get_v1_interactions_direction import GetV1InteractionsDirection
from ...models.get_v1_interactions_kind import GetV1InteractionsKind
from ...models.interaction_page import InteractionPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    kind: GetV1InteractionsKind | Unset = UNSET,
    direction: GetV1InteractionsDirection | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["contact_id"] = contact_id

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    json_direction: str | Unset = UNSET
    if not isinstance(direction, Unset):
        json_direction = direction.value

    params["direction"] = json_direction

    params["gathering_id"] = gathering_id

    params["q"] = q

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/interactions",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> InteractionPage | Problem:
    if response.status_code == 200:
        response_200 = InteractionPage.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InteractionPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    kind: GetV1InteractionsKind | Unset = UNSET,
    direction: GetV1InteractionsDirection | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> Response[InteractionPage | Problem]:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        contact_id (str | Unset):
        kind (GetV1InteractionsKind | Unset):
        direction (GetV1InteractionsDirection | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InteractionPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        contact_id=contact_id,
        kind=kind,
        direction=direction,
        gathering_id=gathering_id,
        q=q,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    kind: GetV1InteractionsKind | Unset = UNSET,
    direction: GetV1InteractionsDirection | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> InteractionPage | Problem | None:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        contact_id (str | Unset):
        kind (GetV1InteractionsKind | Unset):
        direction (GetV1InteractionsDirection | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InteractionPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        contact_id=contact_id,
        kind=kind,
        direction=direction,
        gathering_id=gathering_id,
        q=q,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    kind: GetV1InteractionsKind | Unset = UNSET,
    direction: GetV1InteractionsDirection | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> Response[InteractionPage | Problem]:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        contact_id (str | Unset):
        kind (GetV1InteractionsKind | Unset):
        direction (GetV1InteractionsDirection | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InteractionPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        contact_id=contact_id,
        kind=kind,
        direction=direction,
        gathering_id=gathering_id,
        q=q,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    kind: GetV1InteractionsKind | Unset = UNSET,
    direction: GetV1InteractionsDirection | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> InteractionPage | Problem | None:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        contact_id (str | Unset):
        kind (GetV1InteractionsKind | Unset):
        direction (GetV1InteractionsDirection | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InteractionPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            contact_id=contact_id,
            kind=kind,
            direction=direction,
            gathering_id=gathering_id,
            q=q,
        )
    ).parsed
