from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.need_coverage import NeedCoverage


T = TypeVar("T", bound="MilestoneCoverage")


@_attrs_define
class MilestoneCoverage:
    """
    Attributes:
        kind (str | Unset):
        milestone_id (str | Unset):
        needs (list[NeedCoverage] | Unset):
        status (str | Unset):
        title (str | Unset):
        verdict (None | str | Unset): its weakest need's; null: it needs nobody
    """

    kind: str | Unset = UNSET
    milestone_id: str | Unset = UNSET
    needs: list[NeedCoverage] | Unset = UNSET
    status: str | Unset = UNSET
    title: str | Unset = UNSET
    verdict: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        milestone_id = self.milestone_id

        needs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.needs, Unset):
            needs = []
            for needs_item_data in self.needs:
                needs_item = needs_item_data.to_dict()
                needs.append(needs_item)

        status = self.status

        title = self.title

        verdict: None | str | Unset
        if isinstance(self.verdict, Unset):
            verdict = UNSET
        else:
            verdict = self.verdict

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if milestone_id is not UNSET:
            field_dict["milestone_id"] = milestone_id
        if needs is not UNSET:
            field_dict["needs"] = needs
        if status is not UNSET:
            field_dict["status"] = status
        if title is not UNSET:
            field_dict["title"] = title
        if verdict is not UNSET:
            field_dict["verdict"] = verdict

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.need_coverage import NeedCoverage  # noqa: PLC0415

        d = dict(src_dict)
        kind = d.pop("kind", UNSET)

        milestone_id = d.pop("milestone_id", UNSET)

        _needs = d.pop("needs", UNSET)
        needs: list[NeedCoverage] | Unset = UNSET
        if _needs is not UNSET:
            needs = []
            for needs_item_data in _needs:
                needs_item = NeedCoverage.from_dict(needs_item_data)

                needs.append(needs_item)

        status = d.pop("status", UNSET)

        title = d.pop("title", UNSET)

        def _parse_verdict(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verdict = _parse_verdict(d.pop("verdict", UNSET))

        milestone_coverage = cls(
            kind=kind,
            milestone_id=milestone_id,
            needs=needs,
            status=status,
            title=title,
            verdict=verdict,
        )

        return milestone_coverage
