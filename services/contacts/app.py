"""Application factory of the contacts service (`gunicorn 'services.contacts.app:create_app()'`)."""
from shared import db, kafka
from shared.settings import Settings, load_settings
from shared.web import create_service_app

from .adapters.documents import ALL_DOCUMENTS
from .api import BLUEPRINTS
from .config import ContactsConfig


def create_app(settings: Settings | None = None):
    settings = settings or load_settings("contacts")
    config = ContactsConfig.from_settings(settings)
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    app, api = create_service_app(
        settings, title="Rapport contacts",
        description="Contacts, interactions and gatherings, with offline-first sync (scope `contacts`), "
                    "duplicates and merges, vCard/CSV import and export.",
        ready_checks={"mongo": db.ping, "kafka": kafka.ready_check(settings)})
    app.extensions["rapport_contacts"] = config
    for blp in BLUEPRINTS:
        api.register_blueprint(blp)
    return app
