from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.member_out import MemberOut
from ...models.problem import Problem
from ...models.roles_in import RolesIn
from ...types import Response


def _get_kwargs(
    member_id: str,
    *,
    body: RolesIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/members/{member_id}".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MemberOut | Problem:
    if response.status_code == 200:
        response_200 = MemberOut.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MemberOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolesIn,
) -> Response[MemberOut | Problem]:
    """Change a member's roles (admins only).

     `roles` is the whole new list. Publishes `account.member_roles_changed`; audited
    (`member.roles_changed`, with the roles before and after). Sending the roles the member
    has changes nothing.

    Access tokens carry roles, so the change takes effect with the member's next token: at
    their next refresh, within 15 minutes (an access token's lifetime). Until then other
    services still see the old roles; accounts' own admin routes refuse a demoted admin at
    once.

    Args:
        member_id (str):
        body (RolesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberOut | Problem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolesIn,
) -> MemberOut | Problem | None:
    """Change a member's roles (admins only).

     `roles` is the whole new list. Publishes `account.member_roles_changed`; audited
    (`member.roles_changed`, with the roles before and after). Sending the roles the member
    has changes nothing.

    Access tokens carry roles, so the change takes effect with the member's next token: at
    their next refresh, within 15 minutes (an access token's lifetime). Until then other
    services still see the old roles; accounts' own admin routes refuse a demoted admin at
    once.

    Args:
        member_id (str):
        body (RolesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberOut | Problem
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolesIn,
) -> Response[MemberOut | Problem]:
    """Change a member's roles (admins only).

     `roles` is the whole new list. Publishes `account.member_roles_changed`; audited
    (`member.roles_changed`, with the roles before and after). Sending the roles the member
    has changes nothing.

    Access tokens carry roles, so the change takes effect with the member's next token: at
    their next refresh, within 15 minutes (an access token's lifetime). Until then other
    services still see the old roles; accounts' own admin routes refuse a demoted admin at
    once.

    Args:
        member_id (str):
        body (RolesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MemberOut | Problem]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolesIn,
) -> MemberOut | Problem | None:
    """Change a member's roles (admins only).

     `roles` is the whole new list. Publishes `account.member_roles_changed`; audited
    (`member.roles_changed`, with the roles before and after). Sending the roles the member
    has changes nothing.

    Access tokens carry roles, so the change takes effect with the member's next token: at
    their next refresh, within 15 minutes (an access token's lifetime). Until then other
    services still see the old roles; accounts' own admin routes refuse a demoted admin at
    once.

    Args:
        member_id (str):
        body (RolesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MemberOut | Problem
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
            body=body,
        )
    ).parsed
