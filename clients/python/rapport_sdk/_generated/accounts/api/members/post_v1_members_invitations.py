from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.invitation_in import InvitationIn
from ...models.invited_member_out import InvitedMemberOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: InvitationIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/members/invitations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> InvitedMemberOut | Problem:
    if response.status_code == 201:
        response_201 = InvitedMemberOut.from_dict(response.json())

        return response_201

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InvitedMemberOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn,
) -> Response[InvitedMemberOut | Problem]:
    """Invite someone by email (admins only).

     They become a member at once (`account.member_joined`, `invited_by`, `invited_at`) and
    are emailed a sign-in link with their address filled in, saying who invited them to
    which organisation. The member is created before the email is sent. When sending fails (the mail
    server
    refused or is unreachable) the answer is still `201`, with `invitation.sent: false` and
    the link: send it again with `POST /v1/members/{id}/invitation` (a second invitation of
    the same address is `409 member-exists`). Audited (`member.invited`).

    Args:
        body (InvitationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitedMemberOut | Problem]
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
    body: InvitationIn,
) -> InvitedMemberOut | Problem | None:
    """Invite someone by email (admins only).

     They become a member at once (`account.member_joined`, `invited_by`, `invited_at`) and
    are emailed a sign-in link with their address filled in, saying who invited them to
    which organisation. The member is created before the email is sent. When sending fails (the mail
    server
    refused or is unreachable) the answer is still `201`, with `invitation.sent: false` and
    the link: send it again with `POST /v1/members/{id}/invitation` (a second invitation of
    the same address is `409 member-exists`). Audited (`member.invited`).

    Args:
        body (InvitationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitedMemberOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn,
) -> Response[InvitedMemberOut | Problem]:
    """Invite someone by email (admins only).

     They become a member at once (`account.member_joined`, `invited_by`, `invited_at`) and
    are emailed a sign-in link with their address filled in, saying who invited them to
    which organisation. The member is created before the email is sent. When sending fails (the mail
    server
    refused or is unreachable) the answer is still `201`, with `invitation.sent: false` and
    the link: send it again with `POST /v1/members/{id}/invitation` (a second invitation of
    the same address is `409 member-exists`). Audited (`member.invited`).

    Args:
        body (InvitationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitedMemberOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: InvitationIn,
) -> InvitedMemberOut | Problem | None:
    """Invite someone by email (admins only).

     They become a member at once (`account.member_joined`, `invited_by`, `invited_at`) and
    are emailed a sign-in link with their address filled in, saying who invited them to
    which organisation. The member is created before the email is sent. When sending fails (the mail
    server
    refused or is unreachable) the answer is still `201`, with `invitation.sent: false` and
    the link: send it again with `POST /v1/members/{id}/invitation` (a second invitation of
    the same address is `409 member-exists`). Audited (`member.invited`).

    Args:
        body (InvitationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitedMemberOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
