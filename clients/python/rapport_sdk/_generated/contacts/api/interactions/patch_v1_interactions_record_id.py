from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.interaction_out import InteractionOut
from ...models.interaction_patch import InteractionPatch
from ...models.problem import Problem
from ...models.problem_out import ProblemOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    record_id: str,
    *,
    body: InteractionPatch,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/interactions/{record_id}".format(
            record_id=quote(str(record_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InteractionOut | Problem | ProblemOut:
    if response.status_code == 200:
        response_200 = InteractionOut.from_dict(response.json())

        return response_200

    if response.status_code == 412:
        response_412 = ProblemOut.from_dict(response.json())

        return response_412

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
) -> Response[InteractionOut | Problem | ProblemOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: InteractionPatch,
    if_match: str | Unset = UNSET,
) -> Response[InteractionOut | Problem | ProblemOut]:
    """
    Args:
        record_id (str):
        if_match (str | Unset):
        body (InteractionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InteractionOut | Problem | ProblemOut]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: InteractionPatch,
    if_match: str | Unset = UNSET,
) -> InteractionOut | Problem | ProblemOut | None:
    """
    Args:
        record_id (str):
        if_match (str | Unset):
        body (InteractionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InteractionOut | Problem | ProblemOut
    """

    return sync_detailed(
        record_id=record_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: InteractionPatch,
    if_match: str | Unset = UNSET,
) -> Response[InteractionOut | Problem | ProblemOut]:
    """
    Args:
        record_id (str):
        if_match (str | Unset):
        body (InteractionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InteractionOut | Problem | ProblemOut]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: InteractionPatch,
    if_match: str | Unset = UNSET,
) -> InteractionOut | Problem | ProblemOut | None:
    """
    Args:
        record_id (str):
        if_match (str | Unset):
        body (InteractionPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InteractionOut | Problem | ProblemOut
    """

    return (
        await asyncio_detailed(
            record_id=record_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
