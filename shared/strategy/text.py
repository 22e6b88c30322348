"""Small, explainable text matching: a need against an offer, a role against a job title.

No model and no magic: words are lower-cased, stop words dropped, reduced to their stems by
the Snowball English stemmer ("reviewer", "reviews" → "review"), well-known abbreviations spelled
out ("CTO" → "chief technology officer"). The matched words (stems) travel into the `why` of a
nudge and the reasons of a coverage verdict: the nudge rules and the goals service's strategy
views match with these same functions.
"""
from __future__ import annotations

import functools
import re

import snowballstemmer

STOP_WORDS = frozenset("""
a an and are as at be by for from has have her his i in into is it its me my of on or our
she so some someone somebody something that the their them they this to up us we with who
would you your about looking need needs want wants help can could any new good more
""".split())

ABBREVIATIONS = {
    "cto": "chief technology officer", "ceo": "chief executive officer", "cfo": "chief financial officer",
    "coo": "chief operating officer", "cio": "chief information officer", "cmo": "chief marketing officer",
    "cpo": "chief product officer", "ciso": "chief information security officer", "vp": "vice president",
    "svp": "senior vice president", "evp": "executive vice president", "hr": "human resources",
    "pm": "product manager", "em": "engineering manager", "ml": "machine learning",
    "ai": "artificial intelligence", "ux": "user experience", "qa": "quality assurance",
    "vc": "venture capital", "pr": "public relations",
}
ORG_SUFFIXES = frozenset({"inc", "ltd", "llc", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag", "bv",
                          "limited", "group", "company", "the"})
_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9+#]+")


def stem(word: str) -> str:
    """The English Snowball (Porter 2) stem of a lower-cased word ("reviewer", "reviews" → "review")."""
    return _STEMMER.stemWord(word)


def words(text: str | None, expand: bool = True) -> list[str]:
    out: list[str] = []
    for w in _WORD.findall((text or "").lower()):
        out.extend(ABBREVIATIONS[w].split() if expand and w in ABBREVIATIONS else [w])
    return out


@functools.lru_cache(maxsize=65536)
def terms(text: str | None) -> frozenset[str]:
    """The content words of a text, stemmed."""
    return frozenset(stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1)


def need_met_by(need: str, offer: str) -> tuple[float, list[str]]:
    """How well `offer` meets `need` (0..1) and the words they share.

    A match needs at least half of the need's content words in the offer, or two shared
    words: "a reviewer for her paper" is met by "paper reviews", not by "intro to the COBOL
    committee"."""
    n, o = terms(need), terms(offer)
    shared = sorted(n & o)
    if not n or not shared:
        return 0.0, []
    score = len(shared) / len(n)
    return (score, shared) if score >= 0.5 or len(shared) >= 2 else (0.0, [])


def title_holds_role(role: str | None, title: str | None) -> bool:
    """True when every content word of the role appears in the title ("CTO" in
    "Chief Technology Officer, Acme"; "engineering manager" in "Senior Engineering Manager")."""
    r = terms(role)
    return bool(r) and r <= terms(title)


@functools.lru_cache(maxsize=65536)
def organisation_terms(name: str | None) -> frozenset[str]:
    return frozenset(w for w in words(name, expand=False) if w not in ORG_SUFFIXES)


def works_at(organisation: str | None, company: str | None) -> bool:
    org, comp = organisation_terms(organisation), organisation_terms(company)
    return bool(org) and org <= comp
