from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.merge_in import MergeIn
from ...models.merge_out import MergeOut
from ...models.problem import Problem
from ...models.problem_out import ProblemOut
from ...types import Response


def _get_kwargs(
    *,
    body: MergeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/duplicates/merge",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MergeOut | Problem | ProblemOut:
    if response.status_code == 200:
        response_200 = MergeOut.from_dict(response.json())

        return response_200

    if response.status_code == 409:
        response_409 = ProblemOut.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ProblemOut.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MergeOut | Problem | ProblemOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MergeIn,
) -> Response[MergeOut | Problem | ProblemOut]:
    """Merge `loser_id` into `winner_id`: fields combined with provenance, interactions moved, the
    loser becomes a `merged_into` tombstone (synced). Idempotent: merging again changes nothing.

    Args:
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MergeOut | Problem | ProblemOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: MergeIn,
) -> MergeOut | Problem | ProblemOut | None:
    """Merge `loser_id` into `winner_id`: fields combined with provenance, interactions moved, the
    loser becomes a `merged_into` tombstone (synced). Idempotent: merging again changes nothing.

    Args:
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MergeOut | Problem | ProblemOut
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MergeIn,
) -> Response[MergeOut | Problem | ProblemOut]:
    """Merge `loser_id` into `winner_id`: fields combined with provenance, interactions moved, the
    loser becomes a `merged_into` tombstone (synced). Idempotent: merging again changes nothing.

    Args:
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MergeOut | Problem | ProblemOut]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: MergeIn,
) -> MergeOut | Problem | ProblemOut | None:
    """Merge `loser_id` into `winner_id`: fields combined with provenance, interactions moved, the
    loser becomes a `merged_into` tombstone (synced). Idempotent: merging again changes nothing.

    Args:
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MergeOut | Problem | ProblemOut
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
