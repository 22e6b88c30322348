"""Application factory of the goals service (`gunicorn 'services.goals.app:create_app()'`)."""
from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS
from .adapters.store import MongoGoalStore
from .adapters.suggestions import MongoSuggestionStore
from .api import EXTENSION, PLANNING, blp, plan_blp
from .service_layer.goals import Goals
from .service_layer.planning import Planning


def create_app(settings: Settings | None = None, clock: Clock = clocks.now):
    return service_app("goals", settings=settings, title="Rapport goals",
                       description="The ultimate career goal, interim goals, milestones and the networking plan.",
                       documents=ALL_DOCUMENTS, blueprints=[blp, plan_blp],
                       extensions={EXTENSION: Goals(MongoGoalStore(), clock),
                                   PLANNING: Planning(MongoGoalStore(), MongoSuggestionStore(), clock)})
