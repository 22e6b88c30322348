"""HTTP routes of the goals service."""
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from shared.auth import current_principal
from shared.db import Scope

from . import service
from .schemas import GoalIn, GoalListArgs, GoalOut, GoalPage

blp = Blueprint("goals", __name__, url_prefix="/v1/goals", description="Career goals and their milestones")


@blp.route("")
class Goals(MethodView):
    @blp.arguments(GoalListArgs, location="query")
    @blp.response(200, GoalPage)
    def get(self, args):
        """List goals (cursor pagination)."""
        items, next_cursor = service.list_goals(Scope.of(current_principal()), args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @blp.arguments(GoalIn)
    @blp.response(201, GoalOut)
    @blp.alt_response(409, description="an active ultimate goal already exists")
    def post(self, data):
        """Set a goal with its milestones; publishes `goal.created`."""
        return service.create_goal(Scope.of(current_principal()), data, g.correlation_id)
