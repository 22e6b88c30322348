"""Application factory of the accounts service (`gunicorn 'services.accounts.app:create_app()'`)."""
from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings, load_settings
from shared.web import REVOCATIONS, service_app

from . import sso_api
from .adapters.documents import ALL_DOCUMENTS
from .adapters.oidc import OpenIdProviders
from .adapters.sso_store import MongoSsoStore
from .adapters.store import MongoAccountStore
from .api import EXTENSION, blp
from .config import AccountsConfig
from .service_layer.accounts import Accounts
from .service_layer.sso import Sso


def create_app(settings: Settings | None = None, clock: Clock = clocks.now):
    settings = settings or load_settings("accounts")
    config = AccountsConfig.from_settings(settings)
    accounts = Accounts(MongoAccountStore(), clock)
    sso = Sso(MongoSsoStore(), accounts, OpenIdProviders(clock, allow_http=config.sso_allow_http), clock)
    app = service_app("accounts", settings=settings, title="Rapport accounts",
                       description="Organisations, members, roles and tokens.",
                       documents=ALL_DOCUMENTS, blueprints=[blp, sso_api.blp],
                       # accounts decides from its own member documents, not from events
                       extensions={EXTENSION: accounts, sso_api.EXTENSION: sso, REVOCATIONS: accounts.revoked})
    app.register_blueprint(sso_api.pages)
    return app
