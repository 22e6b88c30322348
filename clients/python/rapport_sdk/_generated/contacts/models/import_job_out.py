from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.import_job_out_status import ImportJobOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_counts import ImportCounts
    from ..models.import_warning import ImportWarning_
    from ..models.line_message import LineMessage


T = TypeVar("T", bound="ImportJobOut")


@_attrs_define
class ImportJobOut:
    """
    Attributes:
        counts (ImportCounts):
        errors (list[LineMessage]): rows not imported: nothing names a person, or the file could not be read there
        format_ (str): vcard, linkedin or rapport (our CSV)
        id (str):
        queued_at (datetime.datetime):
        status (ImportJobOutStatus): queued → running → done (or failed on a server error)
        warnings (list[ImportWarning_]): values left out of contacts that were kept (each also at the end of the
            contact's notes), and text between cards that was skipped
        filename (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
        started_at (datetime.datetime | None | Unset):
    """

    counts: ImportCounts
    errors: list[LineMessage]
    format_: str
    id: str
    queued_at: datetime.datetime
    status: ImportJobOutStatus
    warnings: list[ImportWarning_]
    filename: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        format_ = self.format_

        id = self.id

        queued_at = self.queued_at.isoformat()

        status = self.status.value

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        filename: None | str | Unset
        if isinstance(self.filename, Unset):
            filename = UNSET
        else:
            filename = self.filename

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "counts": counts,
                "errors": errors,
                "format": format_,
                "id": id,
                "queued_at": queued_at,
                "status": status,
                "warnings": warnings,
            }
        )
        if filename is not UNSET:
            field_dict["filename"] = filename
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_counts import ImportCounts  # noqa: PLC0415
        from ..models.import_warning import ImportWarning_  # noqa: PLC0415
        from ..models.line_message import LineMessage  # noqa: PLC0415

        d = dict(src_dict)
        counts = ImportCounts.from_dict(d.pop("counts"))

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = LineMessage.from_dict(errors_item_data)

            errors.append(errors_item)

        format_ = d.pop("format")

        id = d.pop("id")

        queued_at = datetime.datetime.fromisoformat(d.pop("queued_at"))

        status = ImportJobOutStatus(d.pop("status"))

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = ImportWarning_.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        def _parse_filename(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        filename = _parse_filename(d.pop("filename", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        import_job_out = cls(
            counts=counts,
            errors=errors,
            format_=format_,
            id=id,
            queued_at=queued_at,
            status=status,
            warnings=warnings,
            filename=filename,
            finished_at=finished_at,
            started_at=started_at,
        )

        return import_job_out
