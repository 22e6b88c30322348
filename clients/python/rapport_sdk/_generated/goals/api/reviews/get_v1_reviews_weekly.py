from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_out import ReviewOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    week: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_week: None | str | Unset
    if isinstance(week, Unset):
        json_week = UNSET
    else:
        json_week = week
    params["week"] = json_week

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reviews/weekly",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReviewOut:
    if response.status_code == 200:
        response_200 = ReviewOut.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReviewOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    week: None | str | Unset = UNSET,
) -> Response[Problem | ReviewOut]:
    """The review of an ISO week (default: the last full week).

    Args:
        week (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewOut]
    """

    kwargs = _get_kwargs(
        week=week,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    week: None | str | Unset = UNSET,
) -> Problem | ReviewOut | None:
    """The review of an ISO week (default: the last full week).

    Args:
        week (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewOut
    """

    return sync_detailed(
        client=client,
        week=week,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    week: None | str | Unset = UNSET,
) -> Response[Problem | ReviewOut]:
    """The review of an ISO week (default: the last full week).

    Args:
        week (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewOut]
    """

    kwargs = _get_kwargs(
        week=week,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    week: None | str | Unset = UNSET,
) -> Problem | ReviewOut | None:
    """The review of an ISO week (default: the last full week).

    Args:
        week (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewOut
    """

    return (
        await asyncio_detailed(
            client=client,
            week=week,
        )
    ).parsed
