from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.contact_page import ContactPage
from ...models.get_v1_contacts_tier import GetV1ContactsTier
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tag: str | Unset = UNSET,
    tier: GetV1ContactsTier | Unset = UNSET,
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

    params["tag"] = tag

    json_tier: str | Unset = UNSET
    if not isinstance(tier, Unset):
        json_tier = tier.value

    params["tier"] = json_tier

    params["gathering_id"] = gathering_id

    params["q"] = q

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/contacts",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ContactPage | Problem:
    if response.status_code == 200:
        response_200 = ContactPage.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ContactPage | Problem]:
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
    tag: str | Unset = UNSET,
    tier: GetV1ContactsTier | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> Response[ContactPage | Problem]:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tag (str | Unset):
        tier (GetV1ContactsTier | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        tag=tag,
        tier=tier,
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
    tag: str | Unset = UNSET,
    tier: GetV1ContactsTier | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> ContactPage | Problem | None:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tag (str | Unset):
        tier (GetV1ContactsTier | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        tag=tag,
        tier=tier,
        gathering_id=gathering_id,
        q=q,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    tag: str | Unset = UNSET,
    tier: GetV1ContactsTier | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> Response[ContactPage | Problem]:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tag (str | Unset):
        tier (GetV1ContactsTier | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        tag=tag,
        tier=tier,
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
    tag: str | Unset = UNSET,
    tier: GetV1ContactsTier | Unset = UNSET,
    gathering_id: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> ContactPage | Problem | None:
    """
    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        tag (str | Unset):
        tier (GetV1ContactsTier | Unset):
        gathering_id (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            tag=tag,
            tier=tier,
            gathering_id=gathering_id,
            q=q,
        )
    ).parsed
