"""Application factory of the goals service (`gunicorn 'services.goals.app:create_app()'`)."""
from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS
from .adapters.objectives import MongoNetwork, MongoObjectiveStore
from .adapters.store import MongoGoalStore
from .api import EXTENSION, blp, plan_blp
from .objectives_api import OBJECTIVES, REVIEWS, blp as objectives_blp, reviews_blp
from .service_layer.goals import Goals
from .service_layer.objectives import Objectives
from .service_layer.reviews import Reviews


def create_app(settings: Settings | None = None, clock: Clock = clocks.now):
    objectives, goals, network = MongoObjectiveStore(), MongoGoalStore(), MongoNetwork()
    return service_app("goals", settings=settings, title="Rapport goals",
                       description="The ultimate career goal, interim goals, milestones and the networking plan.",
                       documents=ALL_DOCUMENTS, blueprints=[blp, plan_blp, objectives_blp, reviews_blp],
                       extensions={EXTENSION: Goals(goals, clock),
                                   OBJECTIVES: Objectives(objectives, goals, network, clock),
                                   REVIEWS: Reviews(objectives, goals, network, clock)})
