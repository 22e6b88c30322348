from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.milestone_in_kind import MilestoneInKind
from ..models.milestone_in_status import MilestoneInStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_in import TargetIn


T = TypeVar("T", bound="MilestoneIn")


@_attrs_define
class MilestoneIn:
    """
    Attributes:
        kind (MilestoneInKind):
        title (str):
        done_when (None | str | Unset): what done means, in the member's words
        due_date (datetime.date | None | Unset):
        opened_by (list[TargetIn] | Unset): positions and experience: the relationships that usually open them
        organisation (None | str | Unset): relationship milestones: where
        role (None | str | Unset): relationship milestones: the role to know, e.g. CTO
        sector (None | str | Unset): relationship milestones: in which sector
        status (MilestoneInStatus | Unset): default: open for a new milestone, unchanged for a known one (same kind and
            title)
    """

    kind: MilestoneInKind
    title: str
    done_when: None | str | Unset = UNSET
    due_date: datetime.date | None | Unset = UNSET
    opened_by: list[TargetIn] | Unset = UNSET
    organisation: None | str | Unset = UNSET
    role: None | str | Unset = UNSET
    sector: None | str | Unset = UNSET
    status: MilestoneInStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        title = self.title

        done_when: None | str | Unset
        if isinstance(self.done_when, Unset):
            done_when = UNSET
        else:
            done_when = self.done_when

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        elif isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        opened_by: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.opened_by, Unset):
            opened_by = []
            for opened_by_item_data in self.opened_by:
                opened_by_item = opened_by_item_data.to_dict()
                opened_by.append(opened_by_item)

        organisation: None | str | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        else:
            role = self.role

        sector: None | str | Unset
        if isinstance(self.sector, Unset):
            sector = UNSET
        else:
            sector = self.sector

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "title": title,
            }
        )
        if done_when is not UNSET:
            field_dict["done_when"] = done_when
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if opened_by is not UNSET:
            field_dict["opened_by"] = opened_by
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if role is not UNSET:
            field_dict["role"] = role
        if sector is not UNSET:
            field_dict["sector"] = sector
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_in import TargetIn  # noqa: PLC0415

        d = dict(src_dict)
        kind = MilestoneInKind(d.pop("kind"))

        title = d.pop("title")

        def _parse_done_when(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_when = _parse_done_when(d.pop("done_when", UNSET))

        def _parse_due_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        _opened_by = d.pop("opened_by", UNSET)
        opened_by: list[TargetIn] | Unset = UNSET
        if _opened_by is not UNSET:
            opened_by = []
            for opened_by_item_data in _opened_by:
                opened_by_item = TargetIn.from_dict(opened_by_item_data)

                opened_by.append(opened_by_item)

        def _parse_organisation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        def _parse_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_sector(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sector = _parse_sector(d.pop("sector", UNSET))

        _status = d.pop("status", UNSET)
        status: MilestoneInStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = MilestoneInStatus(_status)

        milestone_in = cls(
            kind=kind,
            title=title,
            done_when=done_when,
            due_date=due_date,
            opened_by=opened_by,
            organisation=organisation,
            role=role,
            sector=sector,
            status=status,
        )

        return milestone_in
