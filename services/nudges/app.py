"""Application factory of the nudges API (the workers are `services.nudges.worker`)."""
from shared import db, kafka
from shared.settings import Settings, load_settings
from shared.web import create_service_app

from .adapters.documents import ALL_DOCUMENTS
from .api import blp


def create_app(settings: Settings | None = None):
    settings = settings or load_settings("nudges")
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    app, api = create_service_app(
        settings, title="Rapport nudges", description="Nudges and their lifecycle.",
        ready_checks={"mongo": db.ping, "kafka": kafka.ready_check(settings)})
    api.register_blueprint(blp)
    return app
