"""Use cases of organisation sign-in: an organisation brings its own OpenID provider, and its
members sign in through it.

An admin configures the provider (`configure`, `config`, `remove`): issuer, Rapport's client id
and secret there (the secret is kept and used, never answered), and the email domains whose
people sign in through it — each domain one organisation's only. Configuring fetches the
provider's discovery document first, so an unreachable provider or a wrong issuer is refused
with the field named, not found out at someone's sign-in.

A sign-in (`begin`, then `finish` when the browser comes back with `state` and `code`):

1. `begin(org_id, pending, redirect_uri)` keeps a login — a random `state` (32 bytes), a `nonce`,
   a PKCE verifier, the caller's opaque `pending`, valid ten minutes — and answers the
   provider's authorization URL. `org_for_email(email)` says which organisation, if any, an
   address signs in through.
2. `finish(state, code, redirect_uri)` takes the login once (a replayed, unknown or expired
   `state` is refused before anything else), redeems the code, verifies the ID token
   (adapters/oidc.py), and admits a verified email address of one of the organisation's
   domains, nothing else: the member that provider subject already is, else the organisation's
   member with that address, else a new member with the `member` role (just in time). A
   member who left or was erased is refused. Answers (`pending`, the member).

Every refusal is a domain error (shared.errors) with its own slug; a provider that cannot be
reached is `Busy` (`sso-provider-unavailable`), never a crash.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, NoReturn
from urllib.parse import urlsplit

from shared import clock as clocks
from shared.clock import Clock
from shared.db import Scope
from shared.errors import Busy, Conflict, Forbidden, Invalid, NotFound, not_found

from ..adapters.oidc import (OpenIdProviders, ProviderMisconfigured, ProviderRefused, ProviderUnreachable,
                             Registration, TokenRejected)
from ..adapters.sso_store import SsoStore
from ..domain.members import ACTIVE
from ..domain.sso import (display_name, domain_problems, email_domain, identity_refusal, issuer_problems,
                          normalized_domains, timezone_of)
from ..domain.admin import SSO_CONFIGURED, SSO_REMOVED
from .accounts import Accounts
from .admin import Audit

LOGIN_TTL = timedelta(minutes=10)
MAX_PENDING = 4096
MAX_CLIENT_FIELD = 500
UNAVAILABLE_RETRY_SECONDS = 5


CARRIER = "org_sso"  # the configuration's collection carries the audit entries of its changes


class Sso:
    def __init__(self, store: SsoStore, accounts: Accounts, providers: OpenIdProviders, audit: Audit,
                 clock: Clock = clocks.now):
        self.store = store
        self.accounts = accounts
        self.providers = providers
        self.audit = audit  # each change of the configuration is an admin action, recorded with it
        self.clock = clock

    # the organisation's configuration (its admins)

    def configure(self, org_id: str, actor_id: str, issuer: str, client_id: str, client_secret: str | None,
                  allowed_domains: list[str]) -> dict[str, Any]:
        """Set the organisation's provider (`actor_id`: the admin, for the audit log).
        `client_secret` None keeps the one configured, when issuer and client id stay the same."""
        self.accounts.find_org(org_id)
        current = self.store.config(org_id)
        domains = normalized_domains(allowed_domains)
        errors = {"issuer": issuer_problems(issuer, self.providers.allow_http),
                  "allowed_domains": domain_problems(domains),
                  "client_id": [] if 0 < len(client_id) <= MAX_CLIENT_FIELD and client_id.strip() == client_id
                  else [f"must be 1 to {MAX_CLIENT_FIELD} characters without surrounding spaces"]}
        if client_secret is None:
            same = current and current["issuer"] == issuer and current["client_id"] == client_id
            if not same:
                errors["client_secret"] = ["required when the issuer or the client id changes"]
            client_secret = current["client_secret"] if same and current else ""
        elif not 0 < len(client_secret) <= MAX_CLIENT_FIELD:
            errors["client_secret"] = [f"must be 1 to {MAX_CLIENT_FIELD} characters"]
        errors = {field: messages for field, messages in errors.items() if messages}
        if errors:
            raise Invalid("the sign-in configuration has invalid fields", errors=errors)
        try:
            self.providers.discover(issuer, fresh=True)
        except (ProviderUnreachable, ProviderMisconfigured) as exc:
            raise Invalid("the provider cannot be used", errors={"issuer": [str(exc)]}) from None
        taken = self.store.claim_domains(org_id, domains)
        if taken:
            raise Conflict(f"another organisation signs in {', '.join(taken)} through its own provider",
                           slug="sso-domain-taken")
        doc = {"_id": org_id, "issuer": issuer, "client_id": client_id, "client_secret": client_secret,
               "allowed_domains": domains, "updated_at": self.clock()}
        self.audit.record(org_id, actor_id, SSO_CONFIGURED, None,
                          {"issuer": issuer, "client_id": client_id, "allowed_domains": domains},
                          carrier=(CARRIER, org_id), write=lambda entry: self.store.save_config(doc, entry))
        self.store.release_domains(org_id, domains)  # the ones it no longer lists
        return _public(doc)

    def config(self, org_id: str) -> dict[str, Any]:
        """The organisation's provider, without its client secret."""
        doc = self.store.config(org_id)
        if doc is None:
            raise not_found("sign-in configuration")
        return _public(doc)

    def remove(self, org_id: str, actor_id: str) -> None:
        """Members sign in by email code again; idempotent (only a removal that removed
        something is recorded)."""
        self.audit.record(org_id, actor_id, SSO_REMOVED, carrier=(CARRIER, org_id),
                          write=lambda entry: self.store.delete_config(org_id, entry))
        self.store.release_domains(org_id, [])

    def org_for_email(self, email: str) -> str | None:
        """The organisation whose provider `email` signs in through, if any."""
        domain = email_domain(email) if isinstance(email, str) else ""
        org_id = self.store.domain_owner(domain) if domain else None
        config = self.store.config(org_id) if org_id else None
        return org_id if config and domain in config["allowed_domains"] else None

    # a member's sign-in

    def begin(self, org_id: str, pending: str, redirect_uri: str) -> str:
        """Keep a login for ten minutes; the provider's authorization URL to send the browser to."""
        config = self.store.config(org_id)
        if config is None:
            raise not_found("sign-in configuration")
        if not isinstance(pending, str) or not 0 < len(pending) <= MAX_PENDING:
            raise Invalid("pending must be 1 to 4096 characters", errors={"pending": ["1 to 4096 characters"]})
        if urlsplit(redirect_uri).scheme not in ("https", "http") or not urlsplit(redirect_uri).hostname:
            raise Invalid("the redirect URI must be absolute", errors={"redirect_uri": ["an absolute http(s) URL"]})
        state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64)
        try:
            url = self.providers.authorization_url(_registration(config), redirect_uri, state, nonce, verifier)
        except (ProviderUnreachable, ProviderMisconfigured) as exc:
            raise _unavailable(exc) from None
        now = self.clock()
        self.store.sweep_logins(now)
        self.store.insert_login({"_id": state, "org_id": org_id, "nonce": nonce, "code_verifier": verifier,
                                 "pending": pending, "redirect_uri": redirect_uri, "expires_at": now + LOGIN_TTL,
                                 "used": False})
        return url

    def finish(self, state: str, code: str, redirect_uri: str) -> tuple[str, dict[str, Any]]:
        """The browser is back from the provider: (the login's `pending`, the member signed in)."""
        login = self._take(state)
        if login["redirect_uri"] != redirect_uri:
            raise Invalid("this sign-in was started for another address; start again", slug="sso-login-expired")
        if not isinstance(code, str) or not 0 < len(code) <= 4096:
            raise Forbidden("your organisation's sign-in sent no code back", slug="sso-provider-refused")
        config = self.store.config(login["org_id"])
        if config is None:
            raise not_found("sign-in configuration")
        try:
            claims = self.providers.redeem(_registration(config), code, redirect_uri, login["code_verifier"],
                                           login["nonce"])
        except (ProviderUnreachable, ProviderMisconfigured) as exc:
            raise _unavailable(exc) from None
        except ProviderRefused as exc:
            raise Forbidden(f"your organisation's sign-in did not accept this sign-in ({exc.error or 'refused'})",
                            slug="sso-provider-refused") from None
        except TokenRejected as exc:
            raise Forbidden(f"your organisation's sign-in could not be verified: {exc}", slug="sso-token-invalid"
                            ) from None
        return login["pending"], self._admit(config, claims)

    def abandon(self, state: str, error: str) -> NoReturn:
        """The provider sent the browser back with an `error` instead of a code: the login is
        used up, and the refusal says what the provider said (an OAuth error code)."""
        self._take(state)
        code = error if error.replace("_", "").isalnum() and len(error) <= 40 else "refused"
        raise Forbidden(f"your organisation's sign-in ended without signing you in ({code})",
                        slug="sso-provider-refused")

    def _take(self, state: str) -> dict[str, Any]:
        login = self.store.take_login(state, self.clock()) if isinstance(state, str) and 0 < len(state) <= 200 \
            else None
        if login is None:
            raise Invalid("this sign-in has expired or was already used; start again", slug="sso-login-expired")
        return login

    def _admit(self, config: dict[str, Any], claims: dict[str, Any]) -> dict[str, Any]:
        org_id = config["_id"]
        refusal = identity_refusal(claims, config["allowed_domains"])
        email = str(claims.get("email", "")).strip().lower()
        if refusal is None and self.store.domain_owner(email_domain(email)) != org_id:
            refusal = ("sso-domain-not-allowed", "your email address's domain does not sign in through "
                                                 "this organisation")
        if refusal:
            raise Forbidden(refusal[1], slug=refusal[0])
        key = hashlib.sha256(f"{org_id}\n{config['issuer']}\n{claims['sub']}".encode()).hexdigest()
        linked = self.store.identity(org_id, key)
        member = self.accounts.store.member(Scope(org_id, linked["member_id"])) if linked else None
        if member is None:
            member = self._member_by_email(org_id, email, claims)
            self.store.link_identity({"_id": key, "org_id": org_id, "member_id": member["_id"],
                                      "created_at": self.clock()})
        if member.get("status") != ACTIVE:
            raise Forbidden("your membership of this organisation has ended", slug="member-inactive")
        return {k: v for k, v in member.items() if k != "outbox"}

    def _member_by_email(self, org_id: str, email: str, claims: dict[str, Any]) -> dict[str, Any]:
        """The organisation's member with that address, or a new one (the `member` role)."""
        for _ in range(2):
            try:
                return self.accounts.find_member(org_id, email)
            except NotFound:
                pass
            try:
                return self.accounts.create_member(org_id, email, display_name(claims, email), ["member"],
                                                   timezone_of(claims))
            except Conflict:
                continue  # created meanwhile by a racing sign-in of the same person: find it
        raise Busy("the member kept changing; try again", retry_after=1)


def _registration(config: dict[str, Any]) -> Registration:
    return Registration(config["issuer"], config["client_id"], config["client_secret"])


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    return {"org_id": doc["_id"], "issuer": doc["issuer"], "client_id": doc["client_id"],
            "allowed_domains": list(doc["allowed_domains"]), "updated_at": doc["updated_at"]}


def _unavailable(exc: Exception) -> Busy:
    return Busy(f"your organisation's sign-in provider cannot be used right now: {exc}",
                slug="sso-provider-unavailable", retry_after=UNAVAILABLE_RETRY_SECONDS)
