from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.mutation_in_collection import MutationInCollection
from ..models.mutation_in_op import MutationInOp
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mutation_in_fields import MutationInFields


T = TypeVar("T", bound="MutationIn")


@_attrs_define
class MutationIn:
    """
    Attributes:
        collection (MutationInCollection):
        id (str): the record's client-generated id (a UUID)
        mutation_id (str): client-generated, unique per device
        op (MutationInOp): merge: contacts only; `id` is merged into `merge_into`
        base_version (int | None | Unset): the version the device last saw; none for new records
        client_time (datetime.datetime | None | Unset): informational; server order decides
        fields (MutationInFields | Unset): upsert: the fields set (all required ones for a new record); validated like
            the REST body: POST for a new record, PATCH for an edit
        merge_into (str | Unset): merge: the contact that stays
    """

    collection: MutationInCollection
    id: str
    mutation_id: str
    op: MutationInOp
    base_version: int | None | Unset = UNSET
    client_time: datetime.datetime | None | Unset = UNSET
    fields: MutationInFields | Unset = UNSET
    merge_into: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        collection = self.collection.value

        id = self.id

        mutation_id = self.mutation_id

        op = self.op.value

        base_version: int | None | Unset
        if isinstance(self.base_version, Unset):
            base_version = UNSET
        else:
            base_version = self.base_version

        client_time: None | str | Unset
        if isinstance(self.client_time, Unset):
            client_time = UNSET
        elif isinstance(self.client_time, datetime.datetime):
            client_time = self.client_time.isoformat()
        else:
            client_time = self.client_time

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        merge_into = self.merge_into

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collection": collection,
                "id": id,
                "mutation_id": mutation_id,
                "op": op,
            }
        )
        if base_version is not UNSET:
            field_dict["base_version"] = base_version
        if client_time is not UNSET:
            field_dict["client_time"] = client_time
        if fields is not UNSET:
            field_dict["fields"] = fields
        if merge_into is not UNSET:
            field_dict["merge_into"] = merge_into

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mutation_in_fields import MutationInFields  # noqa: PLC0415

        d = dict(src_dict)
        collection = MutationInCollection(d.pop("collection"))

        id = d.pop("id")

        mutation_id = d.pop("mutation_id")

        op = MutationInOp(d.pop("op"))

        def _parse_base_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        base_version = _parse_base_version(d.pop("base_version", UNSET))

        def _parse_client_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_time_type_0 = datetime.datetime.fromisoformat(data)

                return client_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        client_time = _parse_client_time(d.pop("client_time", UNSET))

        _fields = d.pop("fields", UNSET)
        fields: MutationInFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = MutationInFields.from_dict(_fields)

        merge_into = d.pop("merge_into", UNSET)

        mutation_in = cls(
            collection=collection,
            id=id,
            mutation_id=mutation_id,
            op=op,
            base_version=base_version,
            client_time=client_time,
            fields=fields,
            merge_into=merge_into,
        )

        return mutation_in
