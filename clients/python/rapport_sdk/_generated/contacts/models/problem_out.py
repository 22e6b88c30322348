from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_out_errors import ProblemOutErrors


T = TypeVar("T", bound="ProblemOut")


@_attrs_define
class ProblemOut:
    """
    Attributes:
        status (int):
        title (str):
        type_ (str): /problems/<slug>
        detail (str | Unset):
        errors (ProblemOutErrors | Unset): validation: each bad field and its messages
        instance (str | Unset):
        limit (int | Unset): 413: the limit exceeded
        limit_name (str | Unset): 413: which limit (body_bytes, mutations_per_push, push_bytes, changes_per_page,
            import_bytes, import_rows)
        merged_into (str | Unset):
        min_schema_version (int | Unset): 426: the oldest sync schema served
        reason (str | Unset): 409 on merges: merge_invalid or deleted
        request_id (str | Unset):
        schema_version (int | Unset): 426: the sync schema this server speaks
        version (int | Unset): 412: the record's current version
    """

    status: int
    title: str
    type_: str
    detail: str | Unset = UNSET
    errors: ProblemOutErrors | Unset = UNSET
    instance: str | Unset = UNSET
    limit: int | Unset = UNSET
    limit_name: str | Unset = UNSET
    merged_into: str | Unset = UNSET
    min_schema_version: int | Unset = UNSET
    reason: str | Unset = UNSET
    request_id: str | Unset = UNSET
    schema_version: int | Unset = UNSET
    version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        field_dict.update(
            {
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
        from ..models.problem_out_errors import ProblemOutErrors  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        detail = d.pop("detail", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: ProblemOutErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = ProblemOutErrors.from_dict(_errors)

        instance = d.pop("instance", UNSET)

        limit = d.pop("limit", UNSET)

        limit_name = d.pop("limit_name", UNSET)

        merged_into = d.pop("merged_into", UNSET)

        min_schema_version = d.pop("min_schema_version", UNSET)

        reason = d.pop("reason", UNSET)

        request_id = d.pop("request_id", UNSET)

        schema_version = d.pop("schema_version", UNSET)

        version = d.pop("version", UNSET)

        problem_out = cls(
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

        return problem_out
