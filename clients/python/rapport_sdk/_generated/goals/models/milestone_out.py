from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.target_out import TargetOut


T = TypeVar("T", bound="MilestoneOut")


@_attrs_define
class MilestoneOut:
    """
    Attributes:
        done_when (None | str | Unset):
        due_date (None | str | Unset):
        kind (str | Unset):
        milestone_id (str | Unset):
        opened_by (list[TargetOut] | Unset):
        organisation (None | str | Unset):
        role (None | str | Unset):
        sector (None | str | Unset):
        status (str | Unset):
        title (str | Unset):
    """

    done_when: None | str | Unset = UNSET
    due_date: None | str | Unset = UNSET
    kind: str | Unset = UNSET
    milestone_id: str | Unset = UNSET
    opened_by: list[TargetOut] | Unset = UNSET
    organisation: None | str | Unset = UNSET
    role: None | str | Unset = UNSET
    sector: None | str | Unset = UNSET
    status: str | Unset = UNSET
    title: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        done_when: None | str | Unset
        if isinstance(self.done_when, Unset):
            done_when = UNSET
        else:
            done_when = self.done_when

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        else:
            due_date = self.due_date

        kind = self.kind

        milestone_id = self.milestone_id

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

        status = self.status

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if done_when is not UNSET:
            field_dict["done_when"] = done_when
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if kind is not UNSET:
            field_dict["kind"] = kind
        if milestone_id is not UNSET:
            field_dict["milestone_id"] = milestone_id
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
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_out import TargetOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_done_when(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_when = _parse_done_when(d.pop("done_when", UNSET))

        def _parse_due_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        kind = d.pop("kind", UNSET)

        milestone_id = d.pop("milestone_id", UNSET)

        _opened_by = d.pop("opened_by", UNSET)
        opened_by: list[TargetOut] | Unset = UNSET
        if _opened_by is not UNSET:
            opened_by = []
            for opened_by_item_data in _opened_by:
                opened_by_item = TargetOut.from_dict(opened_by_item_data)

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

        status = d.pop("status", UNSET)

        title = d.pop("title", UNSET)

        milestone_out = cls(
            done_when=done_when,
            due_date=due_date,
            kind=kind,
            milestone_id=milestone_id,
            opened_by=opened_by,
            organisation=organisation,
            role=role,
            sector=sector,
            status=status,
            title=title,
        )

        return milestone_out
