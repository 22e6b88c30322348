from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.direction_in import DirectionIn
from ...models.direction_out import DirectionOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    goal_id: str,
    *,
    body: DirectionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/goals/{goal_id}/change-direction".format(
            goal_id=quote(str(goal_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DirectionOut | Problem:
    if response.status_code == 201:
        response_201 = DirectionOut.from_dict(response.json())

        return response_201

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DirectionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    goal_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DirectionIn,
) -> Response[DirectionOut | Problem]:
    """Change direction: archive this ultimate goal and set a new one. Every contact and
    interaction stays, the old goal stays readable (`replaced_by`), the new one names it
    (`previous_goal_id`), and the answer says who already covers the new path. Publishes
    `goal.updated` (archived) and `goal.created`; a retry completes the same change.

    Args:
        goal_id (str):
        body (DirectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DirectionOut | Problem]
    """

    kwargs = _get_kwargs(
        goal_id=goal_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    goal_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DirectionIn,
) -> DirectionOut | Problem | None:
    """Change direction: archive this ultimate goal and set a new one. Every contact and
    interaction stays, the old goal stays readable (`replaced_by`), the new one names it
    (`previous_goal_id`), and the answer says who already covers the new path. Publishes
    `goal.updated` (archived) and `goal.created`; a retry completes the same change.

    Args:
        goal_id (str):
        body (DirectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DirectionOut | Problem
    """

    return sync_detailed(
        goal_id=goal_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    goal_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DirectionIn,
) -> Response[DirectionOut | Problem]:
    """Change direction: archive this ultimate goal and set a new one. Every contact and
    interaction stays, the old goal stays readable (`replaced_by`), the new one names it
    (`previous_goal_id`), and the answer says who already covers the new path. Publishes
    `goal.updated` (archived) and `goal.created`; a retry completes the same change.

    Args:
        goal_id (str):
        body (DirectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DirectionOut | Problem]
    """

    kwargs = _get_kwargs(
        goal_id=goal_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    goal_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DirectionIn,
) -> DirectionOut | Problem | None:
    """Change direction: archive this ultimate goal and set a new one. Every contact and
    interaction stays, the old goal stays readable (`replaced_by`), the new one names it
    (`previous_goal_id`), and the answer says who already covers the new path. Publishes
    `goal.updated` (archived) and `goal.created`; a retry completes the same change.

    Args:
        goal_id (str):
        body (DirectionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DirectionOut | Problem
    """

    return (
        await asyncio_detailed(
            goal_id=goal_id,
            client=client,
            body=body,
        )
    ).parsed
