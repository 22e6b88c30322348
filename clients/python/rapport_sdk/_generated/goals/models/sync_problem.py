from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_problem_errors import SyncProblemErrors


T = TypeVar("T", bound="SyncProblem")


@_attrs_define
class SyncProblem:
    """
    Attributes:
        server_time (datetime.datetime): the server's time (also X-Server-Time)
        status (int):
        title (str): the status's reason phrase
        type_ (str): `/problems/<slug>` (README, Errors) Example: /problems/validation-error.
        detail (str | Unset): what went wrong, for a person
        errors (SyncProblemErrors | Unset): 422 validation-error: each bad field and its messages (nested fields nest)
        instance (str | Unset): the request path
        limit (int | Unset): 413: the limit exceeded
        limit_name (str | Unset): 413: which limit
        merged_into (str | Unset): 409 on merges: the record it was merged into
        min_schema_version (int | Unset): 426: the oldest sync schema served
        reason (str | Unset): 409 on merges: why
        request_id (str | Unset): also in the X-Request-ID header and the logs
        schema_version (int | Unset): 426: the sync schema this server speaks
        version (int | Unset): 412: the record's current version
    """

    server_time: datetime.datetime
    status: int
    title: str
    type_: str
    detail: str | Unset = UNSET
    errors: SyncProblemErrors | Unset = UNSET
    instance: str | Unset = UNSET
    limit: int | Unset = UNSET
    limit_name: str | Unset = UNSET
    merged_into: str | Unset = UNSET
    min_schema_version: int | Unset = UNSET
    reason: str | Unset = UNSET
    request_id: str | Unset = UNSET
    schema_version: int | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        server_time = self.server_time.isoformat()

        status = self.status

        title = self.title

        type_ = self.type_

        detail = self.detail

        errors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors.to_dict()

        instance = self.instance

        limit = self.limit

        limit_name = self.limit_name

        merged_into = self.merged_into

        min_schema_version = self.min_schema_version

        reason = self.reason

        request_id = self.request_id

        schema_version = self.schema_version

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "server_time": server_time,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if errors is not UNSET:
            field_dict["errors"] = errors
        if instance is not UNSET:
            field_dict["instance"] = instance
        if limit is not UNSET:
            field_dict["limit"] = limit
        if limit_name is not UNSET:
            field_dict["limit_name"] = limit_name
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if min_schema_version is not UNSET:
            field_dict["min_schema_version"] = min_schema_version
        if reason is not UNSET:
            field_dict["reason"] = reason
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if schema_version is not UNSET:
            field_dict["schema_version"] = schema_version
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sync_problem_errors import SyncProblemErrors  # noqa: PLC0415

        d = dict(src_dict)
        server_time = datetime.datetime.fromisoformat(d.pop("server_time"))

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        detail = d.pop("detail", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: SyncProblemErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = SyncProblemErrors.from_dict(_errors)

        instance = d.pop("instance", UNSET)

        limit = d.pop("limit", UNSET)

        limit_name = d.pop("limit_name", UNSET)

        merged_into = d.pop("merged_into", UNSET)

        min_schema_version = d.pop("min_schema_version", UNSET)

        reason = d.pop("reason", UNSET)

        request_id = d.pop("request_id", UNSET)

        schema_version = d.pop("schema_version", UNSET)

        version = d.pop("version", UNSET)

        sync_problem = cls(
            server_time=server_time,
            status=status,
            title=title,
            type_=type_,
            detail=detail,
            errors=errors,
            instance=instance,
            limit=limit,
            limit_name=limit_name,
            merged_into=merged_into,
            min_schema_version=min_schema_version,
            reason=reason,
            request_id=request_id,
            schema_version=schema_version,
            version=version,
        )

        sync_problem.additional_properties = d
        return sync_problem

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
