"""Probable duplicates: the same email, phone or profile URL, or a close name at the same company.

Each contact carries lookup keys: `e:<email>`, `p:<phone>`, `u:<profile url>` (strong: one shared
key is enough) and `n:<company>|<name word>` (candidates for a close name at the same company,
confirmed by comparing the names). A name key shared by very many contacts (a common first name
at a big company) is ignored: it would make matching quadratic and says little.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import normalize

STRONG = {"e": "email", "p": "phone", "u": "profile_url"}
NAME = "n"
CROWD = 50  # a name key shared by more contacts than this is not used for matching


def keys(contact: dict) -> list[str]:
    out = [f"e:{e}" for e in contact.get("emails") or []]
    for p in contact.get("phones") or []:
        k = normalize.phone_key(p)
        if k:
            out.append(f"p:{k}")
    out += [f"u:{normalize.url_key(u)}" for u in contact.get("profile_urls") or []]
    company = normalize.company_key(contact.get("company"))
    if company:
        out += [f"{NAME}:{company}|{w}" for w in normalize.name_tokens(contact.get("display_name") or "") if len(w) > 1]
    return normalize.unique(out)


def _keys(contact: dict) -> list[str]:
    return contact.get("dedupe_keys") or keys(contact)


@dataclass(frozen=True)
class Match:
    id: str
    display_name: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "display_name": self.display_name, "reasons": list(self.reasons)}


def reasons(a: dict, b: dict) -> tuple[str, ...]:
    """Why `a` and `b` are probably the same person (empty: they are not)."""
    shared = set(_keys(a)) & set(_keys(b))
    kinds = {k.split(":", 1)[0] for k in shared}
    why = sorted(STRONG[k] for k in kinds if k in STRONG)
    if NAME in kinds and normalize.close_names(a.get("display_name") or "", b.get("display_name") or ""):
        why.append("name_at_company")
    return tuple(why)


class Index:
    """Contacts by lookup key, to find a newcomer's probable duplicates without comparing it
    with everyone."""

    def __init__(self, contacts: Iterable[dict] = ()):
        self.by_key: dict[str, list[dict]] = {}
        for c in contacts:
            self.add(c)

    def add(self, contact: dict) -> None:
        for k in _keys(contact):
            self.by_key.setdefault(k, []).append(contact)

    def matches(self, candidate: dict) -> list[Match]:
        others: dict[str, dict] = {}
        for k in _keys(candidate):
            group = self.by_key.get(k, ())
            if k.startswith(f"{NAME}:") and len(group) > CROWD:
                continue
            for other in group:
                others.setdefault(other["_id"], other)
        out = []
        for oid, other in others.items():
            if oid == candidate.get("_id"):
                continue
            why = reasons(candidate, other)
            if why:
                out.append(Match(oid, other.get("display_name") or "", why))
        return sorted(out, key=lambda m: m.id)


def matches(candidate: dict, others: Iterable[dict]) -> list[Match]:
    return Index(others).matches(candidate)


def pairs(contacts: list[dict]) -> list[tuple[str, str, tuple[str, ...]]]:
    """All probable-duplicate pairs among `contacts` (ids ordered within and across pairs)."""
    index = Index(contacts)
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    for k, group in index.by_key.items():
        if len(group) < 2 or len(group) > (CROWD if k.startswith(f"{NAME}:") else 10 * CROWD):
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pair = tuple(sorted((a["_id"], b["_id"])))
                if pair not in seen:
                    why = reasons(a, b)
                    if why:
                        seen[pair] = why
    return sorted((a, b, why) for (a, b), why in seen.items())
