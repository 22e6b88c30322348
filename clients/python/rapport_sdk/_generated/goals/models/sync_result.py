from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.sync_result_status import SyncResultStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conflict_out import ConflictOut
    from ..models.sync_result_errors import SyncResultErrors
    from ..models.sync_result_record import SyncResultRecord


T = TypeVar("T", bound="SyncResult")


@_attrs_define
class SyncResult:
    """
    Attributes:
        collection (None | str | Unset):
        conflicts (list[ConflictOut] | Unset):
        errors (SyncResultErrors | Unset): rejected: each bad field named
        first_status (str | Unset): duplicate: the status the first attempt got
        id (None | str | Unset):
        mutation_id (None | str | Unset):
        reason (str | Unset): rejected: invalid, not_found, deleted, base_version_ahead, not_deletable,
            ultimate_goal_exists
        record (SyncResultRecord | Unset): conflict: the server's record now (as GET returns it)
        status (SyncResultStatus | Unset):
        version (int | Unset): the record's version after this mutation (server's on conflict)
    """

    collection: None | str | Unset = UNSET
    conflicts: list[ConflictOut] | Unset = UNSET
    errors: SyncResultErrors | Unset = UNSET
    first_status: str | Unset = UNSET
    id: None | str | Unset = UNSET
    mutation_id: None | str | Unset = UNSET
    reason: str | Unset = UNSET
    record: SyncResultRecord | Unset = UNSET
    status: SyncResultStatus | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        mutation_id: None | str | Unset
        if isinstance(self.mutation_id, Unset):
            mutation_id = UNSET
        else:
            mutation_id = self.mutation_id

        reason = self.reason

        record: dict[str, Any] | Unset = UNSET
        if not isinstance(self.record, Unset):
            record = self.record.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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
        if mutation_id is not UNSET:
            field_dict["mutation_id"] = mutation_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if record is not UNSET:
            field_dict["record"] = record
        if status is not UNSET:
            field_dict["status"] = status
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conflict_out import ConflictOut  # noqa: PLC0415
        from ..models.sync_result_errors import SyncResultErrors  # noqa: PLC0415
        from ..models.sync_result_record import SyncResultRecord  # noqa: PLC0415

        d = dict(src_dict)

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
        errors: SyncResultErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = SyncResultErrors.from_dict(_errors)

        first_status = d.pop("first_status", UNSET)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_mutation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mutation_id = _parse_mutation_id(d.pop("mutation_id", UNSET))

        reason = d.pop("reason", UNSET)

        _record = d.pop("record", UNSET)
        record: SyncResultRecord | Unset
        if isinstance(_record, Unset):
            record = UNSET
        else:
            record = SyncResultRecord.from_dict(_record)

        _status = d.pop("status", UNSET)
        status: SyncResultStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = SyncResultStatus(_status)

        version = d.pop("version", UNSET)

        sync_result = cls(
            collection=collection,
            conflicts=conflicts,
            errors=errors,
            first_status=first_status,
            id=id,
            mutation_id=mutation_id,
            reason=reason,
            record=record,
            status=status,
            version=version,
        )

        return sync_result
