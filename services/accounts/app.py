"""Application factory of the accounts service (`gunicorn 'services.accounts.app:create_app()'`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request

from shared import clock as clocks
from shared import urls
from shared.auth import TokenVerifier
from shared.clock import Clock
from shared.keys import JwksKeys
from shared.settings import Settings, load_settings
from shared.web import REVOCATIONS, service_app

from . import oauth, signin_api, sso_api
from .adapters.audit import MongoAuditLog
from .adapters.documents import ALL_DOCUMENTS
from .adapters.mail import Mailer, SmtpMailer
from .adapters.oidc import OpenIdProviders
from .adapters.signin_store import SigninStore
from .adapters.sso_store import MongoSsoStore
from .adapters.store import MongoAccountStore
from .api import ADMIN_EXTENSION, BLUEPRINTS, EXTENSION
from .config import AccountsConfig
from .domain.clients import Client, first_party
from .service_layer.accounts import Accounts
from .service_layer.admin import Admin, Audit
from .service_layer.keys import KeyRing
from .service_layer.sessions import Sessions
from .service_layer.signin import Signin
from .service_layer.sso import Sso

APP_PATH = "/app/"
MAILER = "rapport_mailer"  # the app's mailer (tests inject OutboxMailer), shared by whatever sends mail


@dataclass
class SigninParts:
    """Everything the sign-in routes use (signin_api.py), built once per app."""

    config: AccountsConfig
    clock: Clock
    issuer: str
    clients: dict[str, Client]
    accounts_store: MongoAccountStore
    signin_store: SigninStore
    keys: KeyRing
    sessions: Sessions
    signin: Signin
    sso: Sso
    server: Any = None

    def sso_redirect(self, email: str, pending: str) -> str | None:
        """Where to send a person whose address belongs to an organisation with its own
        provider (the provider's authorization URL), or None: they get an emailed code."""
        org_id = self.sso.org_for_email(email)
        if org_id is None:
            return None
        return self.sso.begin(org_id, pending, sso_api.callback_url())

    @property
    def app_url(self) -> str:
        return urls.public_url(APP_PATH)

    def device_name(self) -> str:
        client = self.clients.get(request.form.get("client_id", ""))
        agent = (request.headers.get("User-Agent") or "").strip()[:120]
        return " · ".join(x for x in ((client.name if client else ""), agent) if x)


def build(settings: Settings, clock: Clock = clocks.now, mailer: Mailer | None = None) -> tuple[Accounts, SigninParts]:
    """The use cases and sign-in parts on the service's store (the app and the CLI share them)."""
    config = AccountsConfig.from_settings(settings)
    mailer = mailer or SmtpMailer(config.smtp)
    store = MongoAccountStore()
    signin_store = SigninStore()
    keys = KeyRing(signin_store, settings, config.key_rotate_days, clock)
    sessions = Sessions(signin_store, store, keys, refresh_days=config.refresh_token_days,
                        session_days=config.session_days, clock=clock)
    accounts = Accounts(store, clock, sessions=sessions)
    audit = Audit(MongoAuditLog(), accounts, clock)
    sso = Sso(MongoSsoStore(), accounts, OpenIdProviders(clock, allow_http=config.sso_allow_http), audit, clock)
    clients = first_party(_web_redirects(config, settings.jwt_issuer))
    parts = SigninParts(config, clock, settings.jwt_issuer, clients, store, signin_store, keys, sessions,
                        Signin(signin_store, store, mailer, config, clock), sso)
    return accounts, parts


def create_app(settings: Settings | None = None, clock: Clock = clocks.now, mailer: Mailer | None = None):
    settings = settings or load_settings("accounts", require_keys=False)  # its own keys are the key ring's
    accounts, parts = build(settings, clock, mailer)
    mailer = parts.signin.mailer
    admin = Admin(accounts, parts.sso.audit, mailer, clock)
    # tokens are verified with the key ring's published keys, read from its store (no HTTP to itself)
    verifier = TokenVerifier.from_settings(settings, own=JwksKeys.of(parts.keys.jwks,
                                                                    cache_seconds=settings.jwks_cache_seconds))
    app = service_app("accounts", settings=settings, verifier=verifier, title="Rapport accounts",
                      description="Organisations, members and roles, and what admins did (the audit log); "
                                  "sign-in (OAuth 2.1 / OpenID Connect), device sessions and the signing keys.",
                      documents=ALL_DOCUMENTS, blueprints=[*BLUEPRINTS, *signin_api.BLUEPRINTS, sso_api.blp],
                      # accounts decides from its own member documents and device sessions, not from events
                      extensions={EXTENSION: accounts, ADMIN_EXTENSION: admin, MAILER: mailer,
                                  REVOCATIONS: accounts.revoked, signin_api.EXTENSION: parts,
                                  sso_api.EXTENSION: parts.sso})
    parts.server = oauth.build(app, parts)
    return app


def _web_redirects(config: AccountsConfig, issuer: str) -> tuple[str, ...]:
    """The web app's redirect URIs: configured, or `/app/callback` on the public base URL (or on
    the issuer, which is that URL wherever sign-in is set up: make up, Compose, Kubernetes)."""
    if config.web_redirect_uris:
        return config.web_redirect_uris
    base = urls.configured_base() or (issuer.rstrip("/") if issuer.startswith(("https://", "http://")) else "")
    return (f"{base}{APP_PATH}callback",) if base else ()
