"""Application factory of the contacts service (`gunicorn 'services.contacts.app:create_app()'`)."""
from shared.settings import Settings, load_settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS
from .api import BLUEPRINTS, EXTENSION
from .config import ContactsConfig


def create_app(settings: Settings | None = None):
    settings = settings or load_settings("contacts")
    return service_app(
        "contacts", settings=settings, title="Rapport contacts",
        description="Contacts, interactions and gatherings, with offline-first sync (scope `contacts`), "
                    "duplicates and merges, vCard/CSV import and export.",
        documents=ALL_DOCUMENTS, blueprints=BLUEPRINTS,
        extensions={EXTENSION: ContactsConfig.from_settings(settings)})
