"""HTTP routes of networking objectives and the reviews: thin views over the use cases
(service_layer/objectives.py, service_layer/reviews.py)."""
from flask import current_app, g
from flask.views import MethodView

from shared.auth import current_principal
from shared.db import Scope
from shared.web import Blueprint

from .objectives_schemas import (ObjectiveIn, ObjectiveListArgs, ObjectiveOut, ObjectivePage, ObjectivePatch,
                                 ProposalList, QuarterArgs, QuarterlyReviewOut, ReviewOut, WeekArgs)
from .service_layer.objectives import Objectives
from .service_layer.reviews import Reviews

OBJECTIVES = "rapport_goals_objectives"
REVIEWS = "rapport_goals_reviews"
LOST_RACE = "the objective kept changing under other writes: `write-conflict`, retry after `Retry-After`"
INVALID = "invalid input (`validation-error`, each bad field named): e.g. an unknown kind or channel, a target " \
          "outside 1–1000, `per` on a kind counted in total, a due date before the start, a goal not yours"


def objectives() -> Objectives:
    return current_app.extensions[OBJECTIVES]


def reviews() -> Reviews:
    return current_app.extensions[REVIEWS]


def _scope() -> Scope:
    return Scope.of(current_principal())


blp = Blueprint("objectives", __name__, url_prefix="/v1/objectives",
                description="Networking objectives: concrete, measurable, dated; with their progress")


@blp.route("")
class ObjectiveList(MethodView):
    @blp.arguments(ObjectiveListArgs, location="query")
    @blp.response(200, ObjectivePage)
    @blp.alt_response(400, description="a cursor this API did not issue: `invalid-cursor`")
    def get(self, args):
        """List objectives with their progress (cursor pagination)."""
        items, next_cursor = objectives().list_objectives(_scope(), args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @blp.arguments(ObjectiveIn)
    @blp.response(201, ObjectiveOut)
    @blp.alt_response(422, description=INVALID)
    def post(self, data):
        """Set an objective (or accept a proposal: post its `objective`); publishes `objective.created`."""
        return objectives().create(_scope(), data, g.correlation_id)


@blp.route("/proposals")
class Proposals(MethodView):
    @blp.response(200, ProposalList)
    def get(self):
        """The first objective: whom in the network the plan's offers could help (give first)."""
        return {"items": objectives().proposals(_scope())}


@blp.route("/<objective_id>")
class ObjectiveById(MethodView):
    @blp.response(200, ObjectiveOut)
    @blp.alt_response(404, description="no such objective, or another member's: `not-found`")
    def get(self, objective_id):
        """One objective with its progress."""
        return objectives().get(_scope(), objective_id)

    @blp.arguments(ObjectivePatch)
    @blp.response(200, ObjectiveOut)
    @blp.alt_response(404, description="no such objective, or another member's: `not-found`")
    @blp.alt_response(422, description=INVALID + "; or no field named")
    @blp.alt_response(503, description=LOST_RACE)
    def patch(self, changes, objective_id):
        """Change an objective; publishes `objective.updated`. Name at least one field."""
        return objectives().update(_scope(), objective_id, changes, g.correlation_id)

    @blp.response(204)
    @blp.alt_response(404, description="no such objective, or another member's: `not-found`")
    @blp.alt_response(503, description=LOST_RACE)
    def delete(self, objective_id):
        """Delete an objective; publishes `objective.deleted`."""
        objectives().delete(_scope(), objective_id, g.correlation_id)


reviews_blp = Blueprint("reviews", __name__, url_prefix="/v1/reviews",
                        description="Weekly and quarterly reviews: planned against actual, ready for charts")


@reviews_blp.route("/weekly")
class WeeklyReview(MethodView):
    @reviews_blp.arguments(WeekArgs, location="query")
    @reviews_blp.response(200, ReviewOut)
    @reviews_blp.alt_response(422, description="a malformed week, or one not begun: `validation-error`")
    def get(self, args):
        """The review of an ISO week (default: the last full week)."""
        return reviews().weekly(_scope(), args["week"])


@reviews_blp.route("/quarterly")
class QuarterlyReview(MethodView):
    @reviews_blp.arguments(QuarterArgs, location="query")
    @reviews_blp.response(200, QuarterlyReviewOut)
    @reviews_blp.alt_response(422, description="a malformed quarter, or one not begun: `validation-error`")
    def get(self, args):
        """The review of a quarter (default: this quarter so far), with per-week series."""
        return reviews().quarterly(_scope(), args["quarter"])
