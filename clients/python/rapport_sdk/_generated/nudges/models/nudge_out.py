from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.nudge_out_kind import NudgeOutKind
from ..models.nudge_out_status import NudgeOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nudge_out_why import NudgeOutWhy


T = TypeVar("T", bound="NudgeOut")


@_attrs_define
class NudgeOut:
    """
    Attributes:
        contact_id (None | str | Unset):
        created_at (datetime.datetime | Unset):
        due_at (datetime.datetime | Unset): inside the member's working hours, in UTC
        due_local (Any | Unset): the due time in the member's own zone
        goal_id (None | str | Unset):
        id (str | Unset):
        kind (NudgeOutKind | Unset):
        note (None | str | Unset):
        priority (int | Unset): 1 (most important) … 5
        reason (None | str | Unset): the member's dismissal reason
        rule (str | Unset):
        sentence (str | Unset): what to do, in one human sentence
        snoozed_until (datetime.datetime | None | Unset):
        status (NudgeOutStatus | Unset):
        timezone (None | str | Unset):
        updated_at (datetime.datetime | Unset):
        version (int | Unset):
        why (NudgeOutWhy | Unset): the rule, a summary in words, and the data behind it
        withdrawn_reason (None | str | Unset):
    """

    contact_id: None | str | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    due_at: datetime.datetime | Unset = UNSET
    due_local: Any | Unset = UNSET
    goal_id: None | str | Unset = UNSET
    id: str | Unset = UNSET
    kind: NudgeOutKind | Unset = UNSET
    note: None | str | Unset = UNSET
    priority: int | Unset = UNSET
    reason: None | str | Unset = UNSET
    rule: str | Unset = UNSET
    sentence: str | Unset = UNSET
    snoozed_until: datetime.datetime | None | Unset = UNSET
    status: NudgeOutStatus | Unset = UNSET
    timezone: None | str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    version: int | Unset = UNSET
    why: NudgeOutWhy | Unset = UNSET
    withdrawn_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        due_at: str | Unset = UNSET
        if not isinstance(self.due_at, Unset):
            due_at = self.due_at.isoformat()

        due_local = self.due_local

        goal_id: None | str | Unset
        if isinstance(self.goal_id, Unset):
            goal_id = UNSET
        else:
            goal_id = self.goal_id

        id = self.id

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        priority = self.priority

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        rule = self.rule

        sentence = self.sentence

        snoozed_until: None | str | Unset
        if isinstance(self.snoozed_until, Unset):
            snoozed_until = UNSET
        elif isinstance(self.snoozed_until, datetime.datetime):
            snoozed_until = self.snoozed_until.isoformat()
        else:
            snoozed_until = self.snoozed_until

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        version = self.version

        why: dict[str, Any] | Unset = UNSET
        if not isinstance(self.why, Unset):
            why = self.why.to_dict()

        withdrawn_reason: None | str | Unset
        if isinstance(self.withdrawn_reason, Unset):
            withdrawn_reason = UNSET
        else:
            withdrawn_reason = self.withdrawn_reason

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if due_at is not UNSET:
            field_dict["due_at"] = due_at
        if due_local is not UNSET:
            field_dict["due_local"] = due_local
        if goal_id is not UNSET:
            field_dict["goal_id"] = goal_id
        if id is not UNSET:
            field_dict["id"] = id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if note is not UNSET:
            field_dict["note"] = note
        if priority is not UNSET:
            field_dict["priority"] = priority
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rule is not UNSET:
            field_dict["rule"] = rule
        if sentence is not UNSET:
            field_dict["sentence"] = sentence
        if snoozed_until is not UNSET:
            field_dict["snoozed_until"] = snoozed_until
        if status is not UNSET:
            field_dict["status"] = status
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version
        if why is not UNSET:
            field_dict["why"] = why
        if withdrawn_reason is not UNSET:
            field_dict["withdrawn_reason"] = withdrawn_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nudge_out_why import NudgeOutWhy  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _due_at = d.pop("due_at", UNSET)
        due_at: datetime.datetime | Unset
        if isinstance(_due_at, Unset):
            due_at = UNSET
        else:
            due_at = datetime.datetime.fromisoformat(_due_at)

        due_local = d.pop("due_local", UNSET)

        def _parse_goal_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal_id = _parse_goal_id(d.pop("goal_id", UNSET))

        id = d.pop("id", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: NudgeOutKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = NudgeOutKind(_kind)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        priority = d.pop("priority", UNSET)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        rule = d.pop("rule", UNSET)

        sentence = d.pop("sentence", UNSET)

        def _parse_snoozed_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                snoozed_until_type_0 = datetime.datetime.fromisoformat(data)

                return snoozed_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        snoozed_until = _parse_snoozed_until(d.pop("snoozed_until", UNSET))

        _status = d.pop("status", UNSET)
        status: NudgeOutStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = NudgeOutStatus(_status)

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        version = d.pop("version", UNSET)

        _why = d.pop("why", UNSET)
        why: NudgeOutWhy | Unset
        if isinstance(_why, Unset):
            why = UNSET
        else:
            why = NudgeOutWhy.from_dict(_why)

        def _parse_withdrawn_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        withdrawn_reason = _parse_withdrawn_reason(d.pop("withdrawn_reason", UNSET))

        nudge_out = cls(
            contact_id=contact_id,
            created_at=created_at,
            due_at=due_at,
            due_local=due_local,
            goal_id=goal_id,
            id=id,
            kind=kind,
            note=note,
            priority=priority,
            reason=reason,
            rule=rule,
            sentence=sentence,
            snoozed_until=snoozed_until,
            status=status,
            timezone=timezone,
            updated_at=updated_at,
            version=version,
            why=why,
            withdrawn_reason=withdrawn_reason,
        )

        return nudge_out
