from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_actor_out import AuditActorOut
    from ..models.audit_entry_out_details import AuditEntryOutDetails


T = TypeVar("T", bound="AuditEntryOut")


@_attrs_define
class AuditEntryOut:
    """
    Attributes:
        action (str): e.g. member.invited, member.invitation_resent, member.created, member.roles_changed,
            member.offboarded, member.erased
        actor (AuditActorOut):
        at (datetime.datetime):
        id (str):
        details (AuditEntryOutDetails | Unset): what the action needs, e.g. `roles`, or `from` and `to` of a role change
        target (None | str | Unset): the member acted on, if any
    """

    action: str
    actor: AuditActorOut
    at: datetime.datetime
    id: str
    details: AuditEntryOutDetails | Unset = UNSET
    target: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor.to_dict()

        at = self.at.isoformat()

        id = self.id

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        target: None | str | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
                "id": id,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_actor_out import AuditActorOut  # noqa: PLC0415
        from ..models.audit_entry_out_details import AuditEntryOutDetails  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        actor = AuditActorOut.from_dict(d.pop("actor"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        id = d.pop("id")

        _details = d.pop("details", UNSET)
        details: AuditEntryOutDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = AuditEntryOutDetails.from_dict(_details)

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        audit_entry_out = cls(
            action=action,
            actor=actor,
            at=at,
            id=id,
            details=details,
            target=target,
        )

        return audit_entry_out
