"""Records (contacts, interactions, gatherings) as the service knows them: each kind's event
names, what its events say, the fields derived from it, how the API shows it (REST and sync
alike), and the rules a client's fields are normalised and checked by. Pure: no store, no HTTP.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from shared.clock import rfc3339

from . import duplicates, normalize
from .model import CONTACTS, DATA_FIELDS, GATHERINGS, INTERACTIONS, LIST_FIELDS


def _iso(value):
    return rfc3339(value) if isinstance(value, datetime) else value


# -- what events say about each kind --------------------------------------------------------

def contact_state(doc: dict) -> dict:
    state = {"contact_id": doc["_id"], "version": doc["version"], "display_name": doc.get("display_name") or ""}
    for name in ("company", "title", "tier", "gathering_id"):
        state[name] = doc.get(name)
    for name in ("tags", "needs", "offers", "goal_links"):
        state[name] = list(doc.get(name) or [])
    state["met_at"] = _iso(doc.get("met_at"))
    state["source"] = doc.get("source") or "capture"
    return state


def interaction_state(doc: dict) -> dict:
    return {"interaction_id": doc["_id"], "contact_id": doc["contact_id"], "version": doc["version"],
            "kind": doc["kind"], "occurred_at": _iso(doc["occurred_at"]), "direction": doc.get("direction"),
            "gathering_id": doc.get("gathering_id")}


def gathering_state(doc: dict) -> dict:
    return {"gathering_id": doc["_id"], "version": doc["version"], "name": doc["name"], "kind": doc.get("kind"),
            "starts_on": doc.get("starts_on"), "ends_on": doc.get("ends_on"), "place": doc.get("place"),
            "link": doc.get("link")}


def _contact_derived(doc: dict) -> dict:
    return {"search": normalize.search_text(doc.get("display_name"), doc.get("given_name"), doc.get("family_name"),
                                            doc.get("company"), doc.get("title"), doc.get("notes")),
            "dedupe_keys": duplicates.keys(doc)}


@dataclass(frozen=True)
class Kind:
    name: str
    id_field: str
    created: str
    updated: str
    deleted: str
    state: Callable[[dict], dict]
    derive: Callable[[dict], dict]

    @property
    def fields(self) -> tuple[str, ...]:
        return DATA_FIELDS[self.name]

    def deleted_data(self, doc: dict) -> dict:
        data = {self.id_field: doc["_id"], "version": doc["version"]}
        if self.name == INTERACTIONS:
            data["contact_id"] = doc["contact_id"]
        return data


KINDS: dict[str, Kind] = {
    CONTACTS: Kind(CONTACTS, "contact_id", "contact.created", "contact.updated", "contact.deleted",
                   contact_state, _contact_derived),
    INTERACTIONS: Kind(INTERACTIONS, "interaction_id", "interaction.logged", "interaction.updated",
                       "interaction.deleted", interaction_state,
                       lambda d: {"search": normalize.search_text(d.get("notes"))}),
    GATHERINGS: Kind(GATHERINGS, "gathering_id", "gathering.created", "gathering.updated",
                     "gathering.deleted", gathering_state,
                     lambda d: {"search": normalize.search_text(d.get("name"), d.get("place"))}),
}


# -- what clients see -----------------------------------------------------------------------

_DEFAULTS = {"share_with_colleagues": False, "source": "capture"}


def present(kind: Kind, doc: dict, *, iso: bool = False) -> dict:
    """The record as the API shows it (REST and sync alike). `iso`: datetimes as RFC 3339 text."""
    out: dict[str, Any] = {"id": doc["_id"], "version": doc["version"]}
    for name in kind.fields:
        value = doc.get(name)
        if value is None:
            value = [] if name in LIST_FIELDS else _DEFAULTS.get(name)
        out[name] = value
    if kind.name == CONTACTS:
        out["source"] = doc.get("source") or "capture"
        out["merged_from"] = [dict(m) for m in doc.get("merged_from") or []]
    out["created_at"] = doc["created_at"]
    out["updated_at"] = doc["updated_at"]
    if iso:
        for k, v in out.items():
            if isinstance(v, datetime):
                out[k] = rfc3339(v)
        for m in out.get("merged_from") or []:
            m["merged_at"] = rfc3339(m["merged_at"])
    return out


def tombstone_view(doc: dict) -> dict:
    return {"id": doc["_id"], "version": doc["version"], "deleted_at": rfc3339(doc["deleted_at"]),
            "merged_into": doc.get("merged_into")}


# -- normalising and checking what clients send ---------------------------------------------

class FieldErrors(Exception):
    def __init__(self, errors: dict):
        super().__init__(str(errors))
        self.errors = errors


def normalise(kind: Kind, data: dict, existing: dict) -> dict:
    """Normalise fields the schema accepted, in place, and check what a schema cannot (phones,
    URLs, dates that depend on each other or on `existing`); FieldErrors names each bad one."""
    errors: dict[str, list[str]] = {}
    if kind.name == CONTACTS:
        _clean_contact(data, existing, errors)
    elif kind.name == GATHERINGS:
        _clean_gathering(data, existing, errors)
    if errors:
        raise FieldErrors(errors)
    return data


def _clean_contact(data: dict, existing: dict, errors: dict) -> None:
    if "emails" in data:
        data["emails"] = normalize.unique(normalize.email(e) for e in data["emails"])
    if "tags" in data:
        data["tags"] = normalize.unique(normalize.tag(t) for t in data["tags"])
    for name in ("goal_links", "needs", "offers"):
        if name in data:
            data[name] = normalize.unique(data[name])
    _clean_phones(data, existing, errors)
    if "profile_urls" in data:
        _clean_each(data, "profile_urls", normalize.url, errors)


def _clean_phones(data: dict, existing: dict, errors: dict) -> None:
    """Phones are read in the contact's country: those sent are checked; a new country alone
    reads the stored ones again (one it cannot read stays as it was)."""
    country = data["country"] if "country" in data else existing.get("country")
    if "phones" in data:
        _clean_each(data, "phones", lambda p: normalize.phone(p, country), errors)
    elif "country" in data and existing.get("phones") and country:
        renormalised = []
        for p in existing["phones"]:
            try:
                renormalised.append(normalize.phone(p, country))
            except normalize.NormalisationError:
                renormalised.append(p)
        data["phones"] = normalize.unique(renormalised)


def _clean_each(data: dict, name: str, clean: Callable[[str], str], errors: dict) -> None:
    """`data[name]`, a list, with each value cleaned (and no repeats); `errors[name]` says why
    for each value that cannot be."""
    values, bad = [], []
    for value in data[name]:
        try:
            values.append(clean(value))
        except normalize.NormalisationError as exc:
            bad.append(str(exc))
    if bad:
        errors[name] = bad
    data[name] = normalize.unique(values)


def _clean_gathering(data: dict, existing: dict, errors: dict) -> None:
    if data.get("link"):
        try:
            data["link"] = normalize.url(data["link"])
        except normalize.NormalisationError as exc:
            errors["link"] = [str(exc)]
    starts = data["starts_on"] if "starts_on" in data else existing.get("starts_on")
    ends = data["ends_on"] if "ends_on" in data else existing.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = ["must not be before starts_on"]

