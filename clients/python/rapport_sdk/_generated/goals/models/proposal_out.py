from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.proposal_out_matches_item import ProposalOutMatchesItem
    from ..models.proposal_out_objective_type_0 import ProposalOutObjectiveType0


T = TypeVar("T", bound="ProposalOut")


@_attrs_define
class ProposalOut:
    """
    Attributes:
        contact_ids (list[str] | Unset):
        matches (list[ProposalOutMatchesItem] | Unset): {contact_id, need, offer, words}
        objective (None | ProposalOutObjectiveType0 | Unset): POST it to /v1/objectives to accept
        reason (str | Unset):
    """

    contact_ids: list[str] | Unset = UNSET
    matches: list[ProposalOutMatchesItem] | Unset = UNSET
    objective: None | ProposalOutObjectiveType0 | Unset = UNSET
    reason: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.proposal_out_objective_type_0 import ProposalOutObjectiveType0  # noqa: PLC0415

        contact_ids: list[str] | Unset = UNSET
        if not isinstance(self.contact_ids, Unset):
            contact_ids = self.contact_ids

        matches: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.matches, Unset):
            matches = []
            for matches_item_data in self.matches:
                matches_item = matches_item_data.to_dict()
                matches.append(matches_item)

        objective: dict[str, Any] | None | Unset
        if isinstance(self.objective, Unset):
            objective = UNSET
        elif isinstance(self.objective, ProposalOutObjectiveType0):
            objective = self.objective.to_dict()
        else:
            objective = self.objective

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if contact_ids is not UNSET:
            field_dict["contact_ids"] = contact_ids
        if matches is not UNSET:
            field_dict["matches"] = matches
        if objective is not UNSET:
            field_dict["objective"] = objective
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proposal_out_matches_item import ProposalOutMatchesItem  # noqa: PLC0415
        from ..models.proposal_out_objective_type_0 import ProposalOutObjectiveType0  # noqa: PLC0415

        d = dict(src_dict)
        contact_ids = cast(list[str], d.pop("contact_ids", UNSET))

        _matches = d.pop("matches", UNSET)
        matches: list[ProposalOutMatchesItem] | Unset = UNSET
        if _matches is not UNSET:
            matches = []
            for matches_item_data in _matches:
                matches_item = ProposalOutMatchesItem.from_dict(matches_item_data)

                matches.append(matches_item)

        def _parse_objective(data: object) -> None | ProposalOutObjectiveType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                objective_type_0 = ProposalOutObjectiveType0.from_dict(data)

                return objective_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProposalOutObjectiveType0 | Unset, data)

        objective = _parse_objective(d.pop("objective", UNSET))

        reason = d.pop("reason", UNSET)

        proposal_out = cls(
            contact_ids=contact_ids,
            matches=matches,
            objective=objective,
            reason=reason,
        )

        return proposal_out
