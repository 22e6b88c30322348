"""Application factory of the accounts service (`gunicorn 'services.accounts.app:create_app()'`)."""
from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings
from shared.web import REVOCATIONS, service_app

from .adapters.documents import ALL_DOCUMENTS
from .adapters.store import MongoAccountStore
from .api import EXTENSION, blp
from .service_layer.accounts import Accounts


def create_app(settings: Settings | None = None, clock: Clock = clocks.now):
    accounts = Accounts(MongoAccountStore(), clock)
    return service_app("accounts", settings=settings, title="Rapport accounts",
                       description="Organisations, members, roles and tokens.",
                       documents=ALL_DOCUMENTS, blueprints=[blp],
                       # accounts decides from its own member documents, not from events
                       extensions={EXTENSION: accounts, REVOCATIONS: accounts.revoked})
