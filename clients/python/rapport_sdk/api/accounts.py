"""The accounts service's API (`/v1/`): members, devices, the audit log, the organisation's SSO.
Sign-in (OAuth at the issuer's root) is `rapport_sdk.auth`'s."""
from __future__ import annotations

from collections.abc import Iterator

from .._generated.accounts import models as m
from .._generated.accounts.api.audit import get_v1_audit
from .._generated.accounts.api.devices import delete_v1_devices_device_id, get_v1_devices
from .._generated.accounts.api.members import (
    get_v1_members, get_v1_members_me, patch_v1_members_member_id, post_v1_members, post_v1_members_invitations,
    post_v1_members_member_id_erase, post_v1_members_member_id_invitation, post_v1_members_member_id_offboard)
from .._generated.accounts.api.org_sso import delete_v1_org_sso, get_v1_org_sso, put_v1_org_sso
from ._base import Body, Caller, Group, body, items


class Members(Group):
    """`/v1/members`: the organisation's members (admins manage them)."""

    def me(self) -> m.MemberOut:
        return self._caller.call(get_v1_members_me)

    def list(self, *, page_size: int | None = None) -> Iterator[m.MemberOut]:
        return self._caller.pages(get_v1_members, m.MemberOut, page_size=page_size)

    def create(self, member: m.MemberIn | Body) -> m.MemberOut:
        return self._caller.call(post_v1_members, body=body(member))

    def invite(self, invitation: m.InvitationIn | Body) -> m.InvitedMemberOut:
        return self._caller.call(post_v1_members_invitations, body=body(invitation))

    def resend_invitation(self, member_id: str) -> m.InvitedMemberOut:
        return self._caller.call(post_v1_members_member_id_invitation, member_id)

    def patch(self, member_id: str, roles: m.RolesIn | Body) -> m.MemberOut:
        return self._caller.call(patch_v1_members_member_id, member_id, body=body(roles))

    def offboard(self, member_id: str) -> m.MemberOut:
        return self._caller.call(post_v1_members_member_id_offboard, member_id)

    def erase(self, member_id: str) -> m.MemberOut:
        return self._caller.call(post_v1_members_member_id_erase, member_id)


class Devices(Group):
    """`/v1/devices`: the member's signed-in devices."""

    def list(self) -> Iterator[m.DeviceOut]:
        return iter(items(self._caller.call(get_v1_devices)))

    def revoke(self, device_id: str) -> None:
        self._caller.call(delete_v1_devices_device_id, device_id)


class Audit(Group):
    """`/v1/audit`: the organisation's audit log (admins)."""

    def list(self, *, page_size: int | None = None) -> Iterator[m.AuditEntryOut]:
        return self._caller.pages(get_v1_audit, m.AuditEntryOut, page_size=page_size)


class Sso(Group):
    """`/v1/org/sso`: the organisation's own OpenID Connect provider (admins)."""

    def get(self) -> m.SsoConfigOut:
        return self._caller.call(get_v1_org_sso)

    def put(self, config: m.SsoConfigIn | Body) -> m.SsoConfigOut:
        return self._caller.call(put_v1_org_sso, body=body(config))

    def delete(self) -> None:
        self._caller.call(delete_v1_org_sso)


class Org(Group):
    """The organisation: `.sso`."""

    def __init__(self, caller: Caller):
        super().__init__(caller)
        self.sso = Sso(caller)
