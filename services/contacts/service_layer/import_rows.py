"""An imported row as a valid contact: every value that cannot be used is left out with a
notice naming its line, and kept at the end of the contact's notes; only a row that names
nobody is refused. Values are judged by the same validation as REST bodies (`fields.clean`)."""
from __future__ import annotations

from typing import Any

from shared.schema import MAX_SHORT

from ..domain.model import LIST_FIELDS, Notice
from ..domain.records import FieldErrors
from ..domain.rows import Item
from ..schemas import MAX_NOTES
from .fields import clean


def _flat(messages) -> str:
    if isinstance(messages, dict):
        return "; ".join(_flat(m) for m in messages.values())
    if isinstance(messages, list):
        return "; ".join(_flat(m) for m in messages)
    return str(messages)


def person(kind, item: Item) -> tuple[dict, list[Notice]]:
    """The row as a valid contact: every value that cannot be used is left out with a notice
    (a list keeps its good elements, up to its limit). FieldErrors only when nothing names
    the person: no name, and no usable email or phone to call them by."""
    fields = dict(item.fields or {})
    name = fields.pop("display_name", None)
    notices: list[Notice] = []
    while True:  # the schema's errors come first, then normalisation's (phones, URLs): go until none is left
        try:
            data = clean(kind, {**fields, "display_name": "-"})
            break
        except FieldErrors as exc:
            bad = {n: messages for n, messages in exc.errors.items() if n in fields}
            if not bad:
                raise
            before = len(notices)
        # scalars first: a list (phones) is judged with the scalars (country) that are kept
        for field_name in sorted(bad, key=lambda n: n in LIST_FIELDS):
            value = fields.pop(field_name)
            if not isinstance(value, list):
                notices.append(_dropped(item, field_name, 0, value, bad[field_name]))
                continue
            kept: list[Any] = []  # the list's elements as the row has them (not validated yet)
            for i, element in enumerate(value):
                try:
                    clean(kind, {**{k: v for k, v in fields.items() if k not in LIST_FIELDS},
                                 "display_name": "-", field_name: kept + [element]})
                    kept.append(element)
                except FieldErrors as one:
                    notices.append(_dropped(item, field_name, i, element, one.errors.get(field_name, one.errors)))
            if kept:
                fields[field_name] = kept
        if len(notices) == before:  # nothing could be singled out: the row is an error, never a loop
            raise FieldErrors(bad)
    data["display_name"] = _name(kind, item, name, data, notices)
    return data, notices


def _name(kind, item: Item, name, data: dict, notices: list[Notice]) -> str:
    """What the contact is called: the file's name (cut to the limit if too long), else the
    given and family names, else their first email or phone."""
    if isinstance(name, str) and name.strip():
        try:
            return clean(kind, {"display_name": name})["display_name"]
        except FieldErrors:  # too long: what else could be wrong with text is gone since _decode
            cut = name.strip()[:MAX_SHORT].strip()
            line, label, _ = item.origin("display_name", 0, name)
            notices.append(Notice(line, label, cut + "…", f"{label} is longer than {MAX_SHORT} characters; the "
                                                          f"contact was named by its first {MAX_SHORT}"))
            return cut
    for candidate in (" ".join(filter(None, (data.get("given_name"), data.get("family_name")))),
                      *(data.get("emails") or [])[:1], *(data.get("phones") or [])[:1],
                      *(data.get("profile_urls") or [])[:1]):
        if candidate:
            notices.append(Notice(item.line, "name", candidate, f"the row has no name; the contact was named "
                                                                f"{candidate!r}"))
            return candidate
    raise FieldErrors({"display_name": ["nothing names the person: no name, email or phone"]})


def _dropped(item: Item, name: str, index: int, value, messages) -> Notice:
    line, label, raw = item.origin(name, index, value)
    return Notice.dropped(line, label, raw, f"could not be used ({_flat(messages)})")


def with_dropped_in_notes(data: dict, notices: list[Notice]) -> None:
    """Keep the raw values left out at the end of the notes, so the member can fix them."""
    left_out = [f"{n['field']}: {n['value']}" for n in notices if n.kept]
    if not left_out:
        return
    tail = "Not imported (could not be used): " + "; ".join(left_out)
    notes = (data.get("notes") or "").rstrip()
    data["notes"] = ((notes + "\n\n" if notes else "") + tail)[:MAX_NOTES]
