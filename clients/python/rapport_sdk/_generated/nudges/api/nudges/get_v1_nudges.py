import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.get_v1_nudges_kind_type_1 import GetV1NudgesKindType1
from ...models.get_v1_nudges_kind_type_2_type_1 import GetV1NudgesKindType2Type1
from ...models.get_v1_nudges_kind_type_3_type_1 import GetV1NudgesKindType3Type1
from ...models.get_v1_nudges_status_type_0_item import GetV1NudgesStatusType0Item
from ...models.nudge_page import NudgePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[GetV1NudgesStatusType0Item] | None | Unset = UNSET,
    kind: GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None | Unset = UNSET,
    contact_id: None | str | Unset = UNSET,
    goal_id: None | str | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)

    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, GetV1NudgesKindType1):
        json_kind = kind.value
    elif isinstance(kind, GetV1NudgesKindType2Type1):
        json_kind = kind.value
    elif isinstance(kind, GetV1NudgesKindType3Type1):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_contact_id: None | str | Unset
    if isinstance(contact_id, Unset):
        json_contact_id = UNSET
    else:
        json_contact_id = contact_id
    params["contact_id"] = json_contact_id

    json_goal_id: None | str | Unset
    if isinstance(goal_id, Unset):
        json_goal_id = UNSET
    else:
        json_goal_id = goal_id
    params["goal_id"] = json_goal_id

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.datetime):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/nudges",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> NudgePage | Problem:
    if response.status_code == 200:
        response_200 = NudgePage.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[NudgePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[GetV1NudgesStatusType0Item] | None | Unset = UNSET,
    kind: GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None | Unset = UNSET,
    contact_id: None | str | Unset = UNSET,
    goal_id: None | str | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
) -> Response[NudgePage | Problem]:
    """The member's nudges in due order, filtered (status repeats; default: all but withdrawn).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[GetV1NudgesStatusType0Item] | None | Unset):
        kind (GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None
            | Unset):
        contact_id (None | str | Unset):
        goal_id (None | str | Unset):
        due_before (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NudgePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        kind=kind,
        contact_id=contact_id,
        goal_id=goal_id,
        due_before=due_before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[GetV1NudgesStatusType0Item] | None | Unset = UNSET,
    kind: GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None | Unset = UNSET,
    contact_id: None | str | Unset = UNSET,
    goal_id: None | str | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
) -> NudgePage | Problem | None:
    """The member's nudges in due order, filtered (status repeats; default: all but withdrawn).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[GetV1NudgesStatusType0Item] | None | Unset):
        kind (GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None
            | Unset):
        contact_id (None | str | Unset):
        goal_id (None | str | Unset):
        due_before (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NudgePage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        kind=kind,
        contact_id=contact_id,
        goal_id=goal_id,
        due_before=due_before,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[GetV1NudgesStatusType0Item] | None | Unset = UNSET,
    kind: GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None | Unset = UNSET,
    contact_id: None | str | Unset = UNSET,
    goal_id: None | str | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
) -> Response[NudgePage | Problem]:
    """The member's nudges in due order, filtered (status repeats; default: all but withdrawn).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[GetV1NudgesStatusType0Item] | None | Unset):
        kind (GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None
            | Unset):
        contact_id (None | str | Unset):
        goal_id (None | str | Unset):
        due_before (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NudgePage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        kind=kind,
        contact_id=contact_id,
        goal_id=goal_id,
        due_before=due_before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: list[GetV1NudgesStatusType0Item] | None | Unset = UNSET,
    kind: GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None | Unset = UNSET,
    contact_id: None | str | Unset = UNSET,
    goal_id: None | str | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
) -> NudgePage | Problem | None:
    """The member's nudges in due order, filtered (status repeats; default: all but withdrawn).

    Args:
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):
        status (list[GetV1NudgesStatusType0Item] | None | Unset):
        kind (GetV1NudgesKindType1 | GetV1NudgesKindType2Type1 | GetV1NudgesKindType3Type1 | None
            | Unset):
        contact_id (None | str | Unset):
        goal_id (None | str | Unset):
        due_before (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NudgePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            kind=kind,
            contact_id=contact_id,
            goal_id=goal_id,
            due_before=due_before,
        )
    ).parsed
