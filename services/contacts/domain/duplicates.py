"""Probable duplicates: the same email, phone or profile URL, or a close name at the same company."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import normalize

STRONG = {"e": "email", "p": "phone", "u": "profile_url"}
COMPANY = "c"


def keys(contact: dict) -> list[str]:
    """The lookup keys of a contact: `e:<email>`, `p:<phone>`, `u:<url>`, `c:<company>`."""
    out = [f"e:{e}" for e in contact.get("emails") or []]
    for p in contact.get("phones") or []:
        k = normalize.phone_key(p)
        if k:
            out.append(f"p:{k}")
    out += [f"u:{normalize.url_key(u)}" for u in contact.get("profile_urls") or []]
    company = normalize.company_key(contact.get("company"))
    if company:
        out.append(f"{COMPANY}:{company}")
    return normalize.unique(out)


@dataclass(frozen=True)
class Match:
    id: str
    display_name: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "display_name": self.display_name, "reasons": list(self.reasons)}


def reasons(a: dict, b: dict) -> tuple[str, ...]:
    """Why `a` and `b` are probably the same person (empty: they are not)."""
    ka, kb = set(a.get("dedupe_keys") or keys(a)), set(b.get("dedupe_keys") or keys(b))
    shared = ka & kb
    why = sorted({STRONG[k.split(":", 1)[0]] for k in shared if k.split(":", 1)[0] in STRONG})
    if any(k.startswith(f"{COMPANY}:") for k in shared) and normalize.close_names(
            a.get("display_name") or "", b.get("display_name") or ""):
        why.append("name_at_company")
    return tuple(why)


def matches(candidate: dict, others: Iterable[dict]) -> list[Match]:
    """Every other contact that is probably the same person as `candidate`."""
    out = []
    for other in others:
        if other["_id"] == candidate.get("_id"):
            continue
        why = reasons(candidate, other)
        if why:
            out.append(Match(other["_id"], other.get("display_name") or "", why))
    return sorted(out, key=lambda m: m.id)


def pairs(contacts: list[dict]) -> list[tuple[str, str, tuple[str, ...]]]:
    """All probable-duplicate pairs among `contacts` (ids ordered within and across pairs)."""
    by_key: dict[str, list[dict]] = {}
    for c in contacts:
        for k in c.get("dedupe_keys") or keys(c):
            by_key.setdefault(k, []).append(c)
    seen: dict[tuple[str, str], tuple[str, ...]] = {}
    for group in by_key.values():
        if len(group) < 2 or len(group) > 500:  # a key shared by hundreds is a company, not a person
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pair = tuple(sorted((a["_id"], b["_id"])))
                if pair in seen:
                    continue
                why = reasons(a, b)
                if why:
                    seen[pair] = why
    return sorted((a, b, why) for (a, b), why in seen.items())
