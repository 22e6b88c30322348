from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.suggestion_out_changes import SuggestionOutChanges
    from ..models.suggestion_out_evidence import SuggestionOutEvidence


T = TypeVar("T", bound="SuggestionOut")


@_attrs_define
class SuggestionOut:
    """
    Attributes:
        changes (SuggestionOutChanges | Unset): plan fields → the values they would take
        created_at (datetime.datetime | Unset):
        decided_at (datetime.datetime | None | Unset):
        evidence (SuggestionOutEvidence | Unset):
        id (str | Unset):
        plan_version (int | None | Unset):
        reason (str | Unset):
        rule (str | Unset):
        status (str | Unset):
        week (str | Unset): ISO week it was proposed in, e.g. 2026-W18
    """

    changes: SuggestionOutChanges | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    decided_at: datetime.datetime | None | Unset = UNSET
    evidence: SuggestionOutEvidence | Unset = UNSET
    id: str | Unset = UNSET
    plan_version: int | None | Unset = UNSET
    reason: str | Unset = UNSET
    rule: str | Unset = UNSET
    status: str | Unset = UNSET
    week: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        changes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = self.changes.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        decided_at: None | str | Unset
        if isinstance(self.decided_at, Unset):
            decided_at = UNSET
        elif isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        evidence: dict[str, Any] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = self.evidence.to_dict()

        id = self.id

        plan_version: int | None | Unset
        if isinstance(self.plan_version, Unset):
            plan_version = UNSET
        else:
            plan_version = self.plan_version

        reason = self.reason

        rule = self.rule

        status = self.status

        week = self.week

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if changes is not UNSET:
            field_dict["changes"] = changes
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if evidence is not UNSET:
            field_dict["evidence"] = evidence
        if id is not UNSET:
            field_dict["id"] = id
        if plan_version is not UNSET:
            field_dict["plan_version"] = plan_version
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rule is not UNSET:
            field_dict["rule"] = rule
        if status is not UNSET:
            field_dict["status"] = status
        if week is not UNSET:
            field_dict["week"] = week

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suggestion_out_changes import SuggestionOutChanges  # noqa: PLC0415
        from ..models.suggestion_out_evidence import SuggestionOutEvidence  # noqa: PLC0415

        d = dict(src_dict)
        _changes = d.pop("changes", UNSET)
        changes: SuggestionOutChanges | Unset
        if isinstance(_changes, Unset):
            changes = UNSET
        else:
            changes = SuggestionOutChanges.from_dict(_changes)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        def _parse_decided_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        decided_at = _parse_decided_at(d.pop("decided_at", UNSET))

        _evidence = d.pop("evidence", UNSET)
        evidence: SuggestionOutEvidence | Unset
        if isinstance(_evidence, Unset):
            evidence = UNSET
        else:
            evidence = SuggestionOutEvidence.from_dict(_evidence)

        id = d.pop("id", UNSET)

        def _parse_plan_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        plan_version = _parse_plan_version(d.pop("plan_version", UNSET))

        reason = d.pop("reason", UNSET)

        rule = d.pop("rule", UNSET)

        status = d.pop("status", UNSET)

        week = d.pop("week", UNSET)

        suggestion_out = cls(
            changes=changes,
            created_at=created_at,
            decided_at=decided_at,
            evidence=evidence,
            id=id,
            plan_version=plan_version,
            reason=reason,
            rule=rule,
            status=status,
            week=week,
        )

        return suggestion_out
