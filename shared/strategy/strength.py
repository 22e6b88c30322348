"""How strong a relationship is: the one definition the goals service's coverage and the nudge
rules (goal gap, reciprocity) share.

A relationship is **strong** when the contact holds a close tier (mentor, guardian, sponsor or
peer) or the member was in touch at least `STRONG_TOUCHES` times in the last `STRENGTH_WINDOW`
(180 days); else it is **weak**. A touch is an interaction or a nudge about the contact that the
member marked done (each service supplies the touches it knows). Reciprocity — favours given
and received in the last `RECIPROCITY_WINDOW` — is reported beside it: it does not make a
relationship strong, it says which way it leans.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable

from .network import Contact, Interaction

STRONG_TIERS = ("mentor", "guardian", "sponsor", "peer")
ELDER_TIERS = ("mentor", "guardian", "sponsor")  # a step ahead: whom to ask for introductions and advice
TIER_RANK = {"mentor": 0, "guardian": 1, "sponsor": 2, "peer": 3, "acquaintance": 4, None: 5}
STRENGTH_WINDOW = timedelta(days=180)
STRONG_TOUCHES = 2
RECIPROCITY_WINDOW = timedelta(days=365)
RECEIVED_KINDS = ("help_received",)  # kinds and directions: shared.contracts.contacts
GIVEN_KINDS = ("help_given", "intro_made")


def received(i: Interaction) -> bool:
    """A favour the member received."""
    return i.kind in RECEIVED_KINDS or (i.direction == "received" and i.kind not in GIVEN_KINDS)


def given(i: Interaction) -> bool:
    """A favour the member gave (help, an introduction)."""
    return i.kind in GIVEN_KINDS or (i.direction == "gave" and i.kind not in RECEIVED_KINDS)


def recent(times: Iterable[datetime], now: datetime, window: timedelta) -> int:
    return sum(1 for t in times if now - window <= t <= now)


@dataclass(frozen=True)
class Strength:
    level: str                # strong | weak
    tier: str | None
    recent_touches: int       # in the last STRENGTH_WINDOW
    given: int                # favours given in the last RECIPROCITY_WINDOW
    received: int
    reason: str

    @property
    def strong(self) -> bool:
        return self.level == "strong"

    @property
    def leaning(self) -> str:
        """Which way the relationship leans: even, giving (the member gives more), receiving, or none."""
        if not self.given and not self.received:
            return "none"
        return "even" if self.given == self.received else "giving" if self.given > self.received else "receiving"

    def as_dict(self) -> dict:
        return {"level": self.level, "tier": self.tier, "recent_touches": self.recent_touches,
                "window_days": STRENGTH_WINDOW.days, "given": self.given, "received": self.received,
                "leaning": self.leaning, "reason": self.reason}


def _times(n: int) -> str:
    return {0: "not at all", 1: "once", 2: "twice"}.get(n, f"{n} times")


def strength_of(contact: Contact, touches: Iterable[datetime], interactions: Iterable[Interaction],
                now: datetime) -> Strength:
    """The strength of the relationship with `contact` at `now`, from the member's touches with
    them and their interactions (for reciprocity)."""
    n = recent(touches, now, STRENGTH_WINDOW)
    window = [i for i in interactions if now - RECIPROCITY_WINDOW <= i.occurred_at <= now]
    gave, got = sum(1 for i in window if given(i)), sum(1 for i in window if received(i))
    strong = contact.tier in STRONG_TIERS or n >= STRONG_TOUCHES
    if contact.tier in STRONG_TIERS:
        why = f"tier {contact.tier}"
    elif n >= STRONG_TOUCHES:
        why = f"in touch {_times(n)} in the last six months"
    else:
        why = (f"{'tier ' + contact.tier if contact.tier else 'no tier'} and in touch {_times(n)} "
               f"in the last six months (strong takes a close tier or {STRONG_TOUCHES} touches)")
    return Strength("strong" if strong else "weak", contact.tier, n, gave, got, why)


def by_rank(contacts: Iterable[Contact]) -> list[Contact]:
    """Closest tier first, then by id (a stable order for keys and tests)."""
    return sorted(contacts, key=lambda c: (TIER_RANK.get(c.tier, 5), c.contact_id))
