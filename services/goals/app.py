"""Application factory of the goals service (`gunicorn 'services.goals.app:create_app()'`)."""
from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS, GoalSyncReceipt
from .adapters.network import MongoNetwork
from .adapters.objectives import MongoObjectiveStore
from .adapters.store import MongoGoalStore
from .adapters.suggestions import MongoSuggestionStore
from .api import BLUEPRINTS, EXTENSION, PLANNING, SYNC_EXTENSION
from .objectives_api import OBJECTIVES, REVIEWS
from .service_layer.goals import Goals
from .service_layer.objectives import Objectives
from .service_layer.planning import Planning
from .service_layer.reviews import Reviews
from .service_layer.sync import GoalsSync, Synced
from .service_layer.synced import SyncedGoals, SyncedObjectives, SyncedPlan


def create_app(settings: Settings | None = None, clock: Clock = clocks.now):
    objective_store, store, network = MongoObjectiveStore(), MongoGoalStore(), MongoNetwork()
    goals = Goals(store, clock, network)
    objectives = Objectives(objective_store, store, network, clock)
    planning = Planning(store, MongoSuggestionStore(), clock)
    app = service_app("goals", settings=settings, title="Rapport goals",
                      description="The ultimate career goal and the path to it, who the member needs to know, "
                                  "networking objectives and reviews, the plan, and mobile sync of the goals scope.",
                      documents=ALL_DOCUMENTS, blueprints=BLUEPRINTS,
                      extensions={EXTENSION: goals, OBJECTIVES: objectives, PLANNING: planning,
                                  REVIEWS: Reviews(objective_store, store, network, clock)})
    synced: list[Synced] = [SyncedGoals(goals, store), SyncedObjectives(objectives, objective_store),
                            SyncedPlan(planning, store)]
    # after service_app: it connects the database the receipts live in
    app.extensions[SYNC_EXTENSION] = GoalsSync(synced, GoalSyncReceipt._get_collection(), clock)
    return app
