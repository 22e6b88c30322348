"""The member's network as read models hold it: contacts (with the ones merged away or deleted),
interactions and gatherings, joined from one record per aggregate (`shared.strategy.projection`).

An interaction whose contact has not arrived yet simply waits; a merged contact's interactions
follow it to the contact it was merged into. Pure: records in, dataclasses out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable, TypeVar

from ..clock import instant_or_none

TIERS = ("mentor", "guardian", "sponsor", "peer", "acquaintance")


@dataclass(frozen=True)
class Contact:
    contact_id: str
    display_name: str
    company: str | None = None
    title: str | None = None
    tier: str | None = None
    tags: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    goal_links: tuple[str, ...] = ()
    gathering_id: str | None = None
    met_at: datetime | None = None
    captured_at: datetime | None = None
    source: str | None = None

    @property
    def first_name(self) -> str:
        return self.display_name.split()[0] if self.display_name.split() else self.display_name


@dataclass(frozen=True)
class Removed:
    """A contact that is gone: deleted, or merged into another."""

    contact_id: str
    merged_into: str | None = None


@dataclass(frozen=True)
class Interaction:
    interaction_id: str
    contact_id: str
    kind: str
    occurred_at: datetime
    direction: str | None = None
    gathering_id: str | None = None


@dataclass(frozen=True)
class Gathering:
    gathering_id: str
    name: str
    starts_on: str | None = None
    ends_on: str | None = None


@dataclass
class Network:
    contacts: dict[str, Contact] = field(default_factory=dict)
    removed: dict[str, Removed] = field(default_factory=dict)
    interactions: list[Interaction] = field(default_factory=list)
    gatherings: dict[str, Gathering] = field(default_factory=dict)
    # interactions by contact, built on first use for the interactions there were then
    _by_contact: tuple[int, dict[str, list[Interaction]]] | None = field(default=None, init=False, repr=False,
                                                                          compare=False)

    def resolve(self, contact_id: str) -> str:
        """Follow merges: the contact an id now stands for."""
        seen = set()
        while contact_id not in seen:
            merged_into = self.removed[contact_id].merged_into if contact_id in self.removed else None
            if not merged_into:
                break
            seen.add(contact_id)
            contact_id = merged_into
        return contact_id

    def interactions_with(self, contact_id: str) -> list[Interaction]:
        """A contact's interactions, in time order (indexed on first use: rules and views ask for
        every contact's, so a scan per contact would grow with contacts × interactions)."""
        if self._by_contact is None or self._by_contact[0] != len(self.interactions):
            by_contact: dict[str, list[Interaction]] = {}
            for i in self.interactions:
                by_contact.setdefault(i.contact_id, []).append(i)
            self._by_contact = (len(self.interactions), by_contact)
        return list(self._by_contact[1].get(contact_id, ()))


def text_tuple(value: Any) -> tuple[str, ...]:
    """The non-blank strings of a list (anything else: none)."""
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v.strip())


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def contact_from(agg_id: str, state: dict[str, Any], seen_at: datetime | None) -> Contact:
    return Contact(contact_id=agg_id, display_name=text_or_none(state.get("display_name")) or "your contact",
                   company=text_or_none(state.get("company")), title=text_or_none(state.get("title")),
                   tier=state.get("tier") if state.get("tier") in TIERS else None,
                   tags=text_tuple(state.get("tags")), needs=text_tuple(state.get("needs")),
                   offers=text_tuple(state.get("offers")), goal_links=text_tuple(state.get("goal_links")),
                   gathering_id=text_or_none(state.get("gathering_id")),
                   met_at=instant_or_none(state.get("met_at")), captured_at=seen_at,
                   source=text_or_none(state.get("source")))


def by_kind(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        out.setdefault(r["kind"], []).append(r)
    return out


N = TypeVar("N", bound="Network")


def fill(network: N, kinds: dict[str, list[dict[str, Any]]]) -> N:
    """Join the contact, gathering and interaction records (`by_kind`) into `network`."""
    for r in kinds.get("contact", []):
        if r.get("deleted"):
            network.removed[r["agg_id"]] = Removed(r["agg_id"], text_or_none((r.get("state") or {}).get("merged_into")))
        else:
            network.contacts[r["agg_id"]] = contact_from(r["agg_id"], r.get("state") or {},
                                                         instant_or_none(r.get("seen_at")))
    for r in kinds.get("gathering", []):
        s = r.get("state") or {}
        if not r.get("deleted"):
            network.gatherings[r["agg_id"]] = Gathering(
                r["agg_id"], text_or_none(s.get("name")) or "a gathering", text_or_none(s.get("starts_on")),
                text_or_none(s.get("ends_on")))
    for r in kinds.get("interaction", []):
        s = r.get("state") or {}
        when = instant_or_none(s.get("occurred_at"))
        if r.get("deleted") or when is None or not text_or_none(s.get("contact_id")):
            continue
        network.interactions.append(Interaction(r["agg_id"], network.resolve(s["contact_id"]),
                                                str(s.get("kind") or "other"), when,
                                                text_or_none(s.get("direction")), text_or_none(s.get("gathering_id"))))
    network.interactions.sort(key=lambda i: (i.occurred_at, i.interaction_id))
    return network


def network_from(records: Iterable[dict[str, Any]]) -> Network:
    return fill(Network(), by_kind(records))
