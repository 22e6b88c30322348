from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.accepted_out import AcceptedOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    suggestion_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/plan/suggestions/{suggestion_id}/accept".format(
            suggestion_id=quote(str(suggestion_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AcceptedOut | Problem:
    if response.status_code == 200:
        response_200 = AcceptedOut.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AcceptedOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    suggestion_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AcceptedOut | Problem]:
    """Accept a suggestion: its changes go onto the plan as it is now (even if it changed since
    the suggestion was made). Publishes `plan.suggestion_accepted` and `plan.updated`; another
    member's suggestion is a 404.

    Args:
        suggestion_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceptedOut | Problem]
    """

    kwargs = _get_kwargs(
        suggestion_id=suggestion_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    suggestion_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AcceptedOut | Problem | None:
    """Accept a suggestion: its changes go onto the plan as it is now (even if it changed since
    the suggestion was made). Publishes `plan.suggestion_accepted` and `plan.updated`; another
    member's suggestion is a 404.

    Args:
        suggestion_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceptedOut | Problem
    """

    return sync_detailed(
        suggestion_id=suggestion_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    suggestion_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AcceptedOut | Problem]:
    """Accept a suggestion: its changes go onto the plan as it is now (even if it changed since
    the suggestion was made). Publishes `plan.suggestion_accepted` and `plan.updated`; another
    member's suggestion is a 404.

    Args:
        suggestion_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceptedOut | Problem]
    """

    kwargs = _get_kwargs(
        suggestion_id=suggestion_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    suggestion_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AcceptedOut | Problem | None:
    """Accept a suggestion: its changes go onto the plan as it is now (even if it changed since
    the suggestion was made). Publishes `plan.suggestion_accepted` and `plan.updated`; another
    member's suggestion is a 404.

    Args:
        suggestion_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceptedOut | Problem
    """

    return (
        await asyncio_detailed(
            suggestion_id=suggestion_id,
            client=client,
        )
    ).parsed
