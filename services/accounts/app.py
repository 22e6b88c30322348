"""Application factory of the accounts service (`gunicorn 'services.accounts.app:create_app()'`)."""
from shared.settings import Settings
from shared.web import REVOCATIONS, service_app

from . import service
from .adapters.documents import ALL_DOCUMENTS
from .api import blp


def create_app(settings: Settings | None = None):
    return service_app("accounts", settings=settings, title="Rapport accounts",
                       description="Organisations, members, roles and tokens.",
                       documents=ALL_DOCUMENTS, blueprints=[blp],
                       # accounts decides from its own member documents, not from events
                       extensions={REVOCATIONS: service.revoked})
