"""Organisation sign-in through the organisation's own OpenID provider: what a valid
configuration is and whom a verified identity admits. Pure functions, no I/O."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# a DNS name of at least two labels, each 1-63 letters, digits or inner hyphens (IDNs as punycode)
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"^{_LABEL}(\.{_LABEL})+$")
MAX_DOMAINS = 50
MAX_ISSUER = 500


def normalized_domains(domains: list[str]) -> list[str]:
    """Lower-case, trimmed, each once, in the order given."""
    seen: dict[str, None] = {}
    for domain in domains:
        seen.setdefault(domain.strip().lower().rstrip("."), None)
    return list(seen)


def domain_problems(domains: list[str]) -> list[str]:
    """What is wrong with a list of allowed email domains (already normalised)."""
    if not domains:
        return ["name at least one email domain"]
    if len(domains) > MAX_DOMAINS:
        return [f"at most {MAX_DOMAINS} domains"]
    bad = [d for d in domains if len(d) > 253 or not _DOMAIN.match(d)]
    return [f"not a domain name: {d!r}" for d in bad[:5]]


def issuer_problems(issuer: str, allow_http: bool) -> list[str]:
    """An issuer is an https URL without query or fragment (OIDC Discovery §2); plain http only
    where the operator allows it (local development)."""
    parts = urlsplit(issuer)
    schemes = ("https", "http") if allow_http else ("https",)
    if len(issuer) > MAX_ISSUER or parts.scheme not in schemes or not parts.hostname or parts.query \
            or parts.fragment or "@" in parts.netloc or issuer != issuer.strip():
        return [f"must be an {' or '.join(schemes)} URL without query or fragment, as the provider names itself"]
    return []


def email_domain(email: str) -> str:
    """The domain of an address, lower-case ('' when it has none)."""
    local, at, domain = email.strip().rpartition("@")
    return domain.lower().rstrip(".") if at and local else ""


def display_name(claims: dict[str, Any], email: str) -> str:
    """The `name` claim when the provider sends one, else the address's local part."""
    name = claims.get("name")
    if isinstance(name, str) and name.strip():
        return name.strip()[:200]
    return email.rpartition("@")[0][:200] or email


def timezone_of(claims: dict[str, Any]) -> str:
    """The `zoneinfo` claim when it names an IANA time zone, else UTC."""
    zone = claims.get("zoneinfo")
    if isinstance(zone, str) and 0 < len(zone) <= 64:
        try:
            ZoneInfo(zone)
            return zone
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return "UTC"


def identity_refusal(claims: dict[str, Any], allowed_domains: list[str]) -> tuple[str, str] | None:
    """Why verified ID-token claims do not admit their holder to the organisation — (slug,
    detail) — or None when they do: a verified email address in one of its domains."""
    email = claims.get("email")
    if not isinstance(email, str) or not email_domain(email):
        return "sso-email-unverified", "your organisation's sign-in did not tell us your email address"
    if claims.get("email_verified") is not True:
        return "sso-email-unverified", "your organisation's sign-in has not verified your email address"
    if email_domain(email) not in allowed_domains:
        return "sso-domain-not-allowed", "your email address's domain does not sign in through this organisation"
    return None
