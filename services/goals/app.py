"""Application factory of the goals service (`gunicorn 'services.goals.app:create_app()'`)."""
from shared.settings import Settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS
from .api import blp, plan_blp


def create_app(settings: Settings | None = None):
    return service_app("goals", settings=settings, title="Rapport goals",
                       description="The ultimate career goal, interim goals, milestones and the networking plan.",
                       documents=ALL_DOCUMENTS, blueprints=[blp, plan_blp])
