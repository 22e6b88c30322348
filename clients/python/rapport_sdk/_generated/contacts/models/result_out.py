from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.result_out_status import ResultOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conflict_out import ConflictOut
    from ..models.duplicate_hint import DuplicateHint
    from ..models.result_out_errors import ResultOutErrors
    from ..models.result_out_record import ResultOutRecord


T = TypeVar("T", bound="ResultOut")


@_attrs_define
class ResultOut:
    """
    Attributes:
        status (ResultOutStatus):
        collection (None | str | Unset):
        conflicts (list[ConflictOut] | Unset):
        errors (ResultOutErrors | Unset): rejected as invalid: each bad field named
        first_status (str | Unset): duplicate: the status the first attempt got
        id (None | str | Unset):
        merged_into (str | Unset): the record was merged into this contact
        mutation_id (None | str | Unset):
        possible_duplicates (list[DuplicateHint] | Unset):
        reason (str | Unset): rejected: invalid, deleted, not_found, base_version_ahead, merge_invalid, server_error
            (retry later)
        record (ResultOutRecord | Unset): merged/conflict: the server record now
        relinked_to (str | Unset): the interaction's contact had been merged into this one
        version (int | Unset): the record's version after this mutation (server's on conflict)
    """

    status: ResultOutStatus
    collection: None | str | Unset = UNSET
    conflicts: list[ConflictOut] | Unset = UNSET
    errors: ResultOutErrors | Unset = UNSET
    first_status: str | Unset = UNSET
    id: None | str | Unset = UNSET
    merged_into: str | Unset = UNSET
    mutation_id: None | str | Unset = UNSET
    possible_duplicates: list[DuplicateHint] | Unset = UNSET
    reason: str | Unset = UNSET
    record: ResultOutRecord | Unset = UNSET
    relinked_to: str | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        collection: None | str | Unset
        if isinstance(self.collection, Unset):
            collection = UNSET
        else:
            collection = self.collection

        conflicts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conflicts, Unset):
            conflicts = []
            for conflicts_item_data in self.conflicts:
                conflicts_item = conflicts_item_data.to_dict()
                conflicts.append(conflicts_item)

        errors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors.to_dict()

        first_status = self.first_status

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        merged_into = self.merged_into

        mutation_id: None | str | Unset
        if isinstance(self.mutation_id, Unset):
            mutation_id = UNSET
        else:
            mutation_id = self.mutation_id

        possible_duplicates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.possible_duplicates, Unset):
            possible_duplicates = []
            for possible_duplicates_item_data in self.possible_duplicates:
                possible_duplicates_item = possible_duplicates_item_data.to_dict()
                possible_duplicates.append(possible_duplicates_item)

        reason = self.reason

        record: dict[str, Any] | Unset = UNSET
        if not isinstance(self.record, Unset):
            record = self.record.to_dict()

        relinked_to = self.relinked_to

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if collection is not UNSET:
            field_dict["collection"] = collection
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts
        if errors is not UNSET:
            field_dict["errors"] = errors
        if first_status is not UNSET:
            field_dict["first_status"] = first_status
        if id is not UNSET:
            field_dict["id"] = id
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if mutation_id is not UNSET:
            field_dict["mutation_id"] = mutation_id
        if possible_duplicates is not UNSET:
            field_dict["possible_duplicates"] = possible_duplicates
        if reason is not UNSET:
            field_dict["reason"] = reason
        if record is not UNSET:
            field_dict["record"] = record
        if relinked_to is not UNSET:
            field_dict["relinked_to"] = relinked_to
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conflict_out import ConflictOut  # noqa: PLC0415
        from ..models.duplicate_hint import DuplicateHint  # noqa: PLC0415
        from ..models.result_out_errors import ResultOutErrors  # noqa: PLC0415
        from ..models.result_out_record import ResultOutRecord  # noqa: PLC0415

        d = dict(src_dict)
        status = ResultOutStatus(d.pop("status"))

        def _parse_collection(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        collection = _parse_collection(d.pop("collection", UNSET))

        _conflicts = d.pop("conflicts", UNSET)
        conflicts: list[ConflictOut] | Unset = UNSET
        if _conflicts is not UNSET:
            conflicts = []
            for conflicts_item_data in _conflicts:
                conflicts_item = ConflictOut.from_dict(conflicts_item_data)

                conflicts.append(conflicts_item)

        _errors = d.pop("errors", UNSET)
        errors: ResultOutErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = ResultOutErrors.from_dict(_errors)

        first_status = d.pop("first_status", UNSET)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        merged_into = d.pop("merged_into", UNSET)

        def _parse_mutation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mutation_id = _parse_mutation_id(d.pop("mutation_id", UNSET))

        _possible_duplicates = d.pop("possible_duplicates", UNSET)
        possible_duplicates: list[DuplicateHint] | Unset = UNSET
        if _possible_duplicates is not UNSET:
            possible_duplicates = []
            for possible_duplicates_item_data in _possible_duplicates:
                possible_duplicates_item = DuplicateHint.from_dict(possible_duplicates_item_data)

                possible_duplicates.append(possible_duplicates_item)

        reason = d.pop("reason", UNSET)

        _record = d.pop("record", UNSET)
        record: ResultOutRecord | Unset
        if isinstance(_record, Unset):
            record = UNSET
        else:
            record = ResultOutRecord.from_dict(_record)

        relinked_to = d.pop("relinked_to", UNSET)

        version = d.pop("version", UNSET)

        result_out = cls(
            status=status,
            collection=collection,
            conflicts=conflicts,
            errors=errors,
            first_status=first_status,
            id=id,
            merged_into=merged_into,
            mutation_id=mutation_id,
            possible_duplicates=possible_duplicates,
            reason=reason,
            record=record,
            relinked_to=relinked_to,
            version=version,
        )

        return result_out
