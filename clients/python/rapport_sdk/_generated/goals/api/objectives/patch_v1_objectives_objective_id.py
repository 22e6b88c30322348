from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.objective_out import ObjectiveOut
from ...models.objective_patch import ObjectivePatch
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    objective_id: str,
    *,
    body: ObjectivePatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/objectives/{objective_id}".format(
            objective_id=quote(str(objective_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ObjectiveOut | Problem:
    if response.status_code == 200:
        response_200 = ObjectiveOut.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[ObjectiveOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    objective_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectivePatch,
) -> Response[ObjectiveOut | Problem]:
    """Change an objective; publishes `objective.updated`. Name at least one field.

    Args:
        objective_id (str):
        body (ObjectivePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectiveOut | Problem]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    objective_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectivePatch,
) -> ObjectiveOut | Problem | None:
    """Change an objective; publishes `objective.updated`. Name at least one field.

    Args:
        objective_id (str):
        body (ObjectivePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectiveOut | Problem
    """

    return sync_detailed(
        objective_id=objective_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    objective_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectivePatch,
) -> Response[ObjectiveOut | Problem]:
    """Change an objective; publishes `objective.updated`. Name at least one field.

    Args:
        objective_id (str):
        body (ObjectivePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ObjectiveOut | Problem]
    """

    kwargs = _get_kwargs(
        objective_id=objective_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    objective_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ObjectivePatch,
) -> ObjectiveOut | Problem | None:
    """Change an objective; publishes `objective.updated`. Name at least one field.

    Args:
        objective_id (str):
        body (ObjectivePatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ObjectiveOut | Problem
    """

    return (
        await asyncio_detailed(
            objective_id=objective_id,
            client=client,
            body=body,
        )
    ).parsed
