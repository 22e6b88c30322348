"""Normalised forms: what we store, what we search, and what makes two contacts the same.

- emails: trimmed, lower case;
- phones: E.164 when the country is known (a leading `+`/`00`, or the contact's `country`),
  otherwise kept as typed (whitespace collapsed);
- profile URLs: scheme and host lower case, no fragment, no trailing slash;
- tags: trimmed, lower case, inner whitespace collapsed;
- search text: names, company, title and notes folded to ASCII-ish lower-case words.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Iterable
from urllib.parse import urlsplit, urlunsplit

import phonenumbers

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w@.+]+|_+")   # letters of any script stay searchable
_WORD = re.compile(r"[\W_]+")
# letters that do not decompose into a base letter and an accent
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe", "þ": "th", "ı": "i",
                          "ð": "d", "ħ": "h"})


class NormalisationError(ValueError):
    pass


_LINE_END = re.compile(r"\r*\n|\r")


def line_ends(text: str) -> str:
    """Every line end as LF: LF, CRLF, CR, and the CR CR LF some exports are stored with
    (one line end each)."""
    return _LINE_END.sub("\n", text)


def fold(text: str) -> str:
    """Lower case without accents: 'Zoë Ångström' -> 'zoe angstrom'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().translate(_LETTERS)


def unique(values: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def email(value: str) -> str:
    return value.strip().lower()


def tag(value: str) -> str:
    return _SPACES.sub(" ", value.strip()).lower()


def phone(value: str, country: str | None) -> str:
    """E.164 where the country is known; raise NormalisationError for impossible numbers."""
    raw = _SPACES.sub(" ", value.strip())
    candidate = "+" + raw[2:] if raw.startswith("00") else raw
    region = country.upper() if country else None
    if not candidate.startswith("+") and region is None:
        return raw  # no country: keep what was typed; it still matches itself
    try:
        number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
    except phonenumbers.NumberParseException:
        raise NormalisationError(f"{value!r} is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        where = f" in {region}" if region and not candidate.startswith("+") else ""
        raise NormalisationError(f"{value!r} is not a possible phone number{where}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def url(value: str) -> str:
    """A profile URL as stored: https assumed, scheme/host lower case, no fragment or trailing /.
    Anything urllib cannot take apart (`http://[`, a bad port) is a NormalisationError."""
    raw = value.strip()
    if "://" not in raw:
        raw = "https://" + raw
    bad = NormalisationError(f"{value[:100]!r} is not an http(s) URL")
    try:
        parts = urlsplit(raw)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise bad from None
    if parts.scheme.lower() not in ("http", "https") or not host or "." not in host or _SPACES.search(parts.netloc):
        raise bad
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def url_key(stored: str) -> str:
    """What makes two profile URLs the same profile: no scheme, no www., case-insensitive path."""
    try:
        parts = urlsplit(stored)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # stored before URLs were checked this strictly: it still matches itself
        return stored.lower()
    if host.endswith("linkedin.com"):
        host = "linkedin.com"  # de.linkedin.com/in/x is linkedin.com/in/x
        query = ""
    else:
        query = parts.query
    key = host + parts.path.lower().rstrip("/")
    return f"{key}?{query}" if query else key


def phone_key(stored: str) -> str | None:
    digits = re.sub(r"\D", "", stored)
    if stored.startswith("+"):
        return "+" + digits
    return digits if len(digits) >= 7 else None


def company_key(company: str | None) -> str | None:
    if not company:
        return None
    words = _WORD.sub(" ", fold(company)).split()
    words = [w for w in words if w not in _COMPANY_SUFFIXES]
    return " ".join(words) or None


_COMPANY_SUFFIXES = {"inc", "ltd", "llc", "gmbh", "sa", "ag", "plc", "corp", "corporation", "co", "limited", "bv",
                     "the"}


def search_text(*parts: str | None) -> str:
    """One lower-case string of words, searched with anchored word-prefix regexes."""
    text = " ".join(p for p in parts if p)
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def search_terms(query: str, max_terms: int = 6) -> list[str]:
    return _NON_WORD.sub(" ", fold(query)).split()[:max_terms]


def name_tokens(name: str) -> list[str]:
    return _WORD.sub(" ", fold(name)).split()


def close_names(a: str, b: str) -> bool:
    """'Grace Hopper' ~ 'grace  hopper', 'G. Hopper', 'Hopper, Grace', 'Grace M. Hopper'."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if sorted(ta) == sorted(tb):
        return True
    if SequenceMatcher(None, " ".join(ta), " ".join(tb)).ratio() >= 0.88:
        return True
    # same family name (last token) and compatible given names/initials
    def split(tokens):
        return tokens[-1], tokens[:-1]
    (la, ga), (lb, gb) = split(ta), split(tb)
    if la != lb or not ga or not gb:
        return False
    return ga[0].startswith(gb[0]) or gb[0].startswith(ga[0])
