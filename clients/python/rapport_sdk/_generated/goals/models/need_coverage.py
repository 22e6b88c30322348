from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.covering_contact import CoveringContact
    from ..models.need_coverage_connector_type_1_type_0 import NeedCoverageConnectorType1Type0


T = TypeVar("T", bound="NeedCoverage")


@_attrs_define
class NeedCoverage:
    """
    Attributes:
        connector (CoveringContact | NeedCoverageConnectorType1Type0 | None | Unset): missing: who could introduce the
            member
        contacts (list[CoveringContact] | Unset): who fits, strongest first (the first 20)
        fitting (int | Unset): how many contacts fit
        need (str | Unset): self (a relationship milestone's own) or opened_by.<n>
        organisation (None | str | Unset):
        reason (str | Unset):
        role (None | str | Unset):
        sector (None | str | Unset):
        verdict (str | Unset): covered, weak or missing
    """

    connector: CoveringContact | NeedCoverageConnectorType1Type0 | None | Unset = UNSET
    contacts: list[CoveringContact] | Unset = UNSET
    fitting: int | Unset = UNSET
    need: str | Unset = UNSET
    organisation: None | str | Unset = UNSET
    reason: str | Unset = UNSET
    role: None | str | Unset = UNSET
    sector: None | str | Unset = UNSET
    verdict: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.covering_contact import CoveringContact  # noqa: PLC0415
        from ..models.need_coverage_connector_type_1_type_0 import NeedCoverageConnectorType1Type0  # noqa: PLC0415

        connector: dict[str, Any] | None | Unset
        if isinstance(self.connector, Unset):
            connector = UNSET
        elif isinstance(self.connector, CoveringContact):
            connector = self.connector.to_dict()
        elif isinstance(self.connector, NeedCoverageConnectorType1Type0):
            connector = self.connector.to_dict()
        else:
            connector = self.connector

        contacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contacts, Unset):
            contacts = []
            for contacts_item_data in self.contacts:
                contacts_item = contacts_item_data.to_dict()
                contacts.append(contacts_item)

        fitting = self.fitting

        need = self.need

        organisation: None | str | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        reason = self.reason

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

        verdict = self.verdict

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if connector is not UNSET:
            field_dict["connector"] = connector
        if contacts is not UNSET:
            field_dict["contacts"] = contacts
        if fitting is not UNSET:
            field_dict["fitting"] = fitting
        if need is not UNSET:
            field_dict["need"] = need
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if reason is not UNSET:
            field_dict["reason"] = reason
        if role is not UNSET:
            field_dict["role"] = role
        if sector is not UNSET:
            field_dict["sector"] = sector
        if verdict is not UNSET:
            field_dict["verdict"] = verdict

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.covering_contact import CoveringContact  # noqa: PLC0415
        from ..models.need_coverage_connector_type_1_type_0 import NeedCoverageConnectorType1Type0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_connector(data: object) -> CoveringContact | NeedCoverageConnectorType1Type0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                connector_type_0 = CoveringContact.from_dict(data)

                return connector_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                connector_type_1_type_0 = NeedCoverageConnectorType1Type0.from_dict(data)

                return connector_type_1_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CoveringContact | NeedCoverageConnectorType1Type0 | None | Unset, data)

        connector = _parse_connector(d.pop("connector", UNSET))

        _contacts = d.pop("contacts", UNSET)
        contacts: list[CoveringContact] | Unset = UNSET
        if _contacts is not UNSET:
            contacts = []
            for contacts_item_data in _contacts:
                contacts_item = CoveringContact.from_dict(contacts_item_data)

                contacts.append(contacts_item)

        fitting = d.pop("fitting", UNSET)

        need = d.pop("need", UNSET)

        def _parse_organisation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        reason = d.pop("reason", UNSET)

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

        verdict = d.pop("verdict", UNSET)

        need_coverage = cls(
            connector=connector,
            contacts=contacts,
            fitting=fitting,
            need=need,
            organisation=organisation,
            reason=reason,
            role=role,
            sector=sector,
            verdict=verdict,
        )

        return need_coverage
