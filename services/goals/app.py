"""Application factory of the goals service."""
from shared import db, kafka
from shared.settings import Settings, load_settings
from shared.web import create_service_app

from .adapters.documents import ALL_DOCUMENTS
from .api import blp, plan_blp


def create_app(settings: Settings | None = None):
    settings = settings or load_settings("goals")
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    app, api = create_service_app(
        settings, title="Rapport goals",
        description="The ultimate career goal, interim goals, milestones and the networking plan.",
        ready_checks={"mongo": db.ping, "kafka": kafka.ready_check(settings)})
    api.register_blueprint(blp)
    api.register_blueprint(plan_blp)
    return app
