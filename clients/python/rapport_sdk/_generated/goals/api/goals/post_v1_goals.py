from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.goal_in import GoalIn
from ...models.goal_out import GoalOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: GoalIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/goals",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> GoalOut | Problem:
    if response.status_code == 201:
        response_201 = GoalOut.from_dict(response.json())

        return response_201

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[GoalOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GoalIn,
) -> Response[GoalOut | Problem]:
    """Set a goal with its path (milestones); publishes `goal.created`.

     An interim goal may name the ultimate goal it serves (`parent_goal_id`; 422 if that is
    not one of the member's ultimate goals).

    Args:
        body (GoalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GoalOut | Problem]
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
    body: GoalIn,
) -> GoalOut | Problem | None:
    """Set a goal with its path (milestones); publishes `goal.created`.

     An interim goal may name the ultimate goal it serves (`parent_goal_id`; 422 if that is
    not one of the member's ultimate goals).

    Args:
        body (GoalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GoalOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GoalIn,
) -> Response[GoalOut | Problem]:
    """Set a goal with its path (milestones); publishes `goal.created`.

     An interim goal may name the ultimate goal it serves (`parent_goal_id`; 422 if that is
    not one of the member's ultimate goals).

    Args:
        body (GoalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GoalOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GoalIn,
) -> GoalOut | Problem | None:
    """Set a goal with its path (milestones); publishes `goal.created`.

     An interim goal may name the ultimate goal it serves (`parent_goal_id`; 422 if that is
    not one of the member's ultimate goals).

    Args:
        body (GoalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GoalOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
