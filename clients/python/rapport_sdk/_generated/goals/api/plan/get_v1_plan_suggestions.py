from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.get_v1_plan_suggestions_status import GetV1PlanSuggestionsStatus
from ...models.problem import Problem
from ...models.suggestion_list import SuggestionList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: GetV1PlanSuggestionsStatus | Unset = GetV1PlanSuggestionsStatus.PROPOSED,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/plan/suggestions",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SuggestionList:
    if response.status_code == 200:
        response_200 = SuggestionList.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SuggestionList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: GetV1PlanSuggestionsStatus | Unset = GetV1PlanSuggestionsStatus.PROPOSED,
) -> Response[Problem | SuggestionList]:
    """The adjustments the plan proposes from outcomes (`?status=`, default `proposed`), newest first.

    Args:
        status (GetV1PlanSuggestionsStatus | Unset):  Default:
            GetV1PlanSuggestionsStatus.PROPOSED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuggestionList]
    """

    kwargs = _get_kwargs(
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    status: GetV1PlanSuggestionsStatus | Unset = GetV1PlanSuggestionsStatus.PROPOSED,
) -> Problem | SuggestionList | None:
    """The adjustments the plan proposes from outcomes (`?status=`, default `proposed`), newest first.

    Args:
        status (GetV1PlanSuggestionsStatus | Unset):  Default:
            GetV1PlanSuggestionsStatus.PROPOSED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuggestionList
    """

    return sync_detailed(
        client=client,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    status: GetV1PlanSuggestionsStatus | Unset = GetV1PlanSuggestionsStatus.PROPOSED,
) -> Response[Problem | SuggestionList]:
    """The adjustments the plan proposes from outcomes (`?status=`, default `proposed`), newest first.

    Args:
        status (GetV1PlanSuggestionsStatus | Unset):  Default:
            GetV1PlanSuggestionsStatus.PROPOSED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuggestionList]
    """

    kwargs = _get_kwargs(
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    status: GetV1PlanSuggestionsStatus | Unset = GetV1PlanSuggestionsStatus.PROPOSED,
) -> Problem | SuggestionList | None:
    """The adjustments the plan proposes from outcomes (`?status=`, default `proposed`), newest first.

    Args:
        status (GetV1PlanSuggestionsStatus | Unset):  Default:
            GetV1PlanSuggestionsStatus.PROPOSED.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuggestionList
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
        )
    ).parsed
