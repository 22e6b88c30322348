from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.nudge_out import NudgeOut
from ...models.problem import Problem
from ...models.snooze_in import SnoozeIn
from ...types import Response


def _get_kwargs(
    nudge_id: str,
    *,
    body: SnoozeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/nudges/{nudge_id}/snooze".format(
            nudge_id=quote(str(nudge_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> NudgeOut | Problem:
    if response.status_code == 200:
        response_200 = NudgeOut.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[NudgeOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    nudge_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SnoozeIn,
) -> Response[NudgeOut | Problem]:
    """Snooze until a time (or for days or hours); it returns then, inside working hours.

    Args:
        nudge_id (str):
        body (SnoozeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NudgeOut | Problem]
    """

    kwargs = _get_kwargs(
        nudge_id=nudge_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    nudge_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SnoozeIn,
) -> NudgeOut | Problem | None:
    """Snooze until a time (or for days or hours); it returns then, inside working hours.

    Args:
        nudge_id (str):
        body (SnoozeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NudgeOut | Problem
    """

    return sync_detailed(
        nudge_id=nudge_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    nudge_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SnoozeIn,
) -> Response[NudgeOut | Problem]:
    """Snooze until a time (or for days or hours); it returns then, inside working hours.

    Args:
        nudge_id (str):
        body (SnoozeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NudgeOut | Problem]
    """

    kwargs = _get_kwargs(
        nudge_id=nudge_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    nudge_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SnoozeIn,
) -> NudgeOut | Problem | None:
    """Snooze until a time (or for days or hours); it returns then, inside working hours.

    Args:
        nudge_id (str):
        body (SnoozeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NudgeOut | Problem
    """

    return (
        await asyncio_detailed(
            nudge_id=nudge_id,
            client=client,
            body=body,
        )
    ).parsed
