"""Who in the member's network covers what a goal needs: a relationship milestone's role,
organisation or sector, or the people who usually open a position or an experience.

`covering` says which contacts fit a target; `verdict` says how well the network covers it —
**covered** (a fitting contact with a strong relationship), **weak** (fitting contacts, none
strong: strengthen one) or **missing** (nobody fits: find one, through whom) — with the reason
in words and the data behind it. The goals service serves these verdicts
(`GET /v1/goals/{id}/coverage`); the nudge rules turn weak and missing ones into goal-gap nudges.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .network import Contact
from .strength import ELDER_TIERS, Strength, by_rank
from .text import terms, title_holds_role, works_at

COVERED, WEAK, MISSING = "covered", "weak", "missing"
OPENED_KINDS = ("position", "experience")  # milestones opened by relationships


@dataclass(frozen=True)
class Target:
    """Whom a milestone needs: a role (as job titles say it), an organisation, a sector; any
    combination, at least one."""

    role: str | None = None
    organisation: str | None = None
    sector: str | None = None

    def __bool__(self) -> bool:
        return bool(self.role or self.organisation or self.sector)

    def words(self) -> str:
        """"a CTO at Acme in fintech"."""
        bits = [self.role and f"a {self.role}", self.organisation and f"at {self.organisation}",
                self.sector and f"in {self.sector}"]
        return " ".join(b for b in bits if b) or "someone"

    def as_dict(self) -> dict:
        return {"role": self.role, "organisation": self.organisation, "sector": self.sector}


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def target_of(value: object) -> Target:
    """A target from a dict with role / organisation / sector (leniently: anything else, none)."""
    if not isinstance(value, dict):
        return Target()
    return Target(_text(value.get("role")), _text(value.get("organisation")), _text(value.get("sector")))


def milestone_targets(milestone: dict) -> list[tuple[str, Target]]:
    """Whom a milestone (a goal document's or a `goal.*` event's) needs, each with its name
    within the milestone: a relationship milestone its own role/organisation/sector (`self`),
    a position or experience milestone the relationships that usually open it
    (`opened_by`, named `opened_by.0`, `opened_by.1` …). Read leniently: odd entries are skipped."""
    if milestone.get("kind") == "relationship":
        own = target_of(milestone)
        return [("self", own)] if own else []
    return [(f"opened_by.{i}", t) for i, t in enumerate(opened_by(milestone))]


def opened_by(milestone: dict) -> tuple[Target, ...]:
    """A position's or an experience's relationships that usually open it (none for other kinds)."""
    opened = milestone.get("opened_by") if milestone.get("kind") in OPENED_KINDS else None
    if not isinstance(opened, list):
        return ()
    return tuple(t for t in (target_of(o) for o in opened) if t)


def in_sector(sector: str | None, contact: Contact) -> bool:
    """Every content word of the sector appears in the contact's company, title or tags."""
    wanted = terms(sector)
    return bool(wanted) and wanted <= terms(" ".join((contact.company or "", contact.title or "", *contact.tags)))


def fits(target: Target, contact: Contact) -> bool:
    return bool(target) and ((not target.role or title_holds_role(target.role, contact.title))
                             and (not target.organisation or works_at(target.organisation, contact.company))
                             and (not target.sector or in_sector(target.sector, contact)))


def covering(target: Target, contacts: Iterable[Contact]) -> list[Contact]:
    """The contacts who fit `target`, closest tier first."""
    return by_rank(c for c in contacts if fits(target, c))


@dataclass(frozen=True)
class Verdict:
    status: str                               # covered | weak | missing
    target: Target
    contacts: tuple[tuple[Contact, Strength], ...]  # who fits, strongest first
    reason: str
    connector: Contact | None = None          # missing: who could introduce the member

    @property
    def best(self) -> Contact | None:
        return self.contacts[0][0] if self.contacts else None


StrengthOf = Callable[[Contact], Strength]


def verdict(target: Target, network: Iterable[Contact], strength: StrengthOf) -> Verdict:
    """How the member's contacts cover `target`; `strength(contact)` is the relationship's
    strength now (shared.strategy.strength.strength_of with the service's touches)."""
    everyone = list(network)
    fitting = [(c, strength(c)) for c in covering(target, everyone)]
    fitting.sort(key=lambda cs: not cs[1].strong)  # strong first; closest tier first within each
    wanted = target.words()
    if fitting and fitting[0][1].strong:
        c, s = fitting[0]
        others = len(fitting) - 1
        more = f" ({others} more fit{'s' if others == 1 else ''})" if others else ""
        return Verdict(COVERED, target, tuple(fitting), f"{c.display_name} is {wanted} and the relationship is "
                                                        f"strong: {s.reason}{more}.")
    if fitting:
        c, s = fitting[0]
        return Verdict(WEAK, target, tuple(fitting), f"{c.display_name} is {wanted}, but the relationship is weak: "
                                                     f"{s.reason}. Strengthen it.")
    insiders = by_rank(c for c in everyone if target.organisation and works_at(target.organisation, c.company))
    elders = by_rank(c for c in everyone if c.tier in ELDER_TIERS)
    ranked = insiders or elders
    connector = ranked[0] if ranked else None
    if connector is not None and connector in insiders:
        through = f"{connector.display_name} works there and could introduce you"
    elif connector is not None:
        through = f"ask your {connector.tier} {connector.display_name} whom they know"
    else:
        through = "look for one at your next gathering or through your alumni network"
    return Verdict(MISSING, target, (), f"Nobody among your {len(everyone)} contacts is {wanted}: {through}.",
                   connector)

