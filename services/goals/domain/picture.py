"""The member's network as the goals service sees it (its read model, joined): contacts,
interactions, gatherings and the outcomes of their nudges. Pure: records in, a `Picture` out.

A touch with a contact is an interaction or a nudge about them marked done — the same touches
the nudge rules count, so strength (shared.strategy.strength) comes out the same on both sides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from shared.clock import instant_or_none
from shared.strategy.projection import EPOCH
from shared.strategy.network import Contact, Network, by_kind, fill, text_or_none
from shared.strategy.strength import Strength, strength_of


@dataclass(frozen=True)
class NudgeOutcome:
    """Where a nudge stands (from `nudge.*` events): its kind, rule, status and the member's
    dismissal reason, and when it last changed."""

    nudge_id: str
    kind: str
    rule: str | None
    status: str
    reason: str | None
    contact_id: str | None
    goal_id: str | None
    changed_at: datetime | None
    created_at: datetime | None
    snoozed_until: datetime | None = None

    @property
    def done(self) -> bool:
        return self.status == "done" or (self.status == "dismissed" and self.reason == "already_done")


@dataclass
class Picture(Network):
    nudges: list[NudgeOutcome] = field(default_factory=list)
    left: bool = False
    # done nudges' times by contact, built on first use for the nudges there were then
    _done: tuple[int, dict[str, list[datetime]]] | None = field(default=None, init=False, repr=False, compare=False)

    def touches(self, contact_id: str) -> list[datetime]:
        """Every time the member was in touch with the contact: interactions, done nudges."""
        if self._done is None or self._done[0] != len(self.nudges):
            by_contact: dict[str, list[datetime]] = {}
            for n in self.nudges:
                if n.done and n.changed_at and n.contact_id:
                    by_contact.setdefault(self.resolve(n.contact_id), []).append(n.changed_at)
            self._done = (len(self.nudges), by_contact)
        return sorted([i.occurred_at for i in self.interactions_with(contact_id)] + self._done[1].get(contact_id, []))

    def strength(self, contact: Contact, now: datetime) -> Strength:
        return strength_of(contact, self.touches(contact.contact_id), self.interactions_with(contact.contact_id), now)


def _outcome(record: dict[str, Any]) -> NudgeOutcome:
    s = record.get("state") or {}
    return NudgeOutcome(record["agg_id"], str(s.get("kind") or ""), text_or_none(s.get("rule")),
                        str(s.get("status") or "pending"), text_or_none(s.get("reason")),
                        text_or_none(s.get("contact_id")), text_or_none(s.get("goal_id")),
                        instant_or_none(s.get("changed_at")), instant_or_none(record.get("seen_at")),
                        instant_or_none(s.get("snoozed_until")))


def picture_from(records: Iterable[dict[str, Any]]) -> Picture:
    kinds = by_kind(records)
    picture = fill(Picture(left=bool(kinds.get("left"))), kinds)
    picture.nudges = sorted((_outcome(r) for r in kinds.get("nudge", []) if not r.get("deleted")),
                            key=lambda n: (n.changed_at or n.created_at or EPOCH, n.nudge_id))
    return picture
