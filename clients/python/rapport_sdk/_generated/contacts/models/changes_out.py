from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.contact_changes import ContactChanges
    from ..models.gathering_changes import GatheringChanges
    from ..models.interaction_changes import InteractionChanges


T = TypeVar("T", bound="ChangesOut")


@_attrs_define
class ChangesOut:
    """
    Attributes:
        contacts (ContactChanges):
        gatherings (GatheringChanges):
        interactions (InteractionChanges):
    """

    contacts: ContactChanges
    gatherings: GatheringChanges
    interactions: InteractionChanges

    def to_dict(self) -> dict[str, Any]:
        contacts = self.contacts.to_dict()

        gatherings = self.gatherings.to_dict()

        interactions = self.interactions.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contacts": contacts,
                "gatherings": gatherings,
                "interactions": interactions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_changes import ContactChanges  # noqa: PLC0415
        from ..models.gathering_changes import GatheringChanges  # noqa: PLC0415
        from ..models.interaction_changes import InteractionChanges  # noqa: PLC0415

        d = dict(src_dict)
        contacts = ContactChanges.from_dict(d.pop("contacts"))

        gatherings = GatheringChanges.from_dict(d.pop("gatherings"))

        interactions = InteractionChanges.from_dict(d.pop("interactions"))

        changes_out = cls(
            contacts=contacts,
            gatherings=gatherings,
            interactions=interactions,
        )

        return changes_out
