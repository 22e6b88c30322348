"""HTTP routes of the nudges service."""
from flask.views import MethodView
from flask_smorest import Blueprint

from shared.auth import current_principal
from shared.db import Scope

from . import service
from .schemas import NudgeListArgs, NudgePage

blp = Blueprint("nudges", __name__, url_prefix="/v1/nudges", description="Timely, explained suggestions")


@blp.route("")
class Nudges(MethodView):
    @blp.arguments(NudgeListArgs, location="query")
    @blp.response(200, NudgePage)
    def get(self, args):
        """List the member's nudges (cursor pagination, optional status filter)."""
        items, next_cursor = service.list_nudges(Scope.of(current_principal()), args["limit"], args["cursor"],
                                                 args["status"])
        return {"items": items, "next_cursor": next_cursor}
