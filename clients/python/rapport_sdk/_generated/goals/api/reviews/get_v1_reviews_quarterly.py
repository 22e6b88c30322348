from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.quarterly_review_out import QuarterlyReviewOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    quarter: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_quarter: None | str | Unset
    if isinstance(quarter, Unset):
        json_quarter = UNSET
    else:
        json_quarter = quarter
    params["quarter"] = json_quarter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reviews/quarterly",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | QuarterlyReviewOut:
    if response.status_code == 200:
        response_200 = QuarterlyReviewOut.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | QuarterlyReviewOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    quarter: None | str | Unset = UNSET,
) -> Response[Problem | QuarterlyReviewOut]:
    """The review of a quarter (default: this quarter so far), with per-week series.

    Args:
        quarter (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QuarterlyReviewOut]
    """

    kwargs = _get_kwargs(
        quarter=quarter,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    quarter: None | str | Unset = UNSET,
) -> Problem | QuarterlyReviewOut | None:
    """The review of a quarter (default: this quarter so far), with per-week series.

    Args:
        quarter (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QuarterlyReviewOut
    """

    return sync_detailed(
        client=client,
        quarter=quarter,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    quarter: None | str | Unset = UNSET,
) -> Response[Problem | QuarterlyReviewOut]:
    """The review of a quarter (default: this quarter so far), with per-week series.

    Args:
        quarter (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QuarterlyReviewOut]
    """

    kwargs = _get_kwargs(
        quarter=quarter,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    quarter: None | str | Unset = UNSET,
) -> Problem | QuarterlyReviewOut | None:
    """The review of a quarter (default: this quarter so far), with per-week series.

    Args:
        quarter (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QuarterlyReviewOut
    """

    return (
        await asyncio_detailed(
            client=client,
            quarter=quarter,
        )
    ).parsed
