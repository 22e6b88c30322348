"""HTTP routes of the accounts service."""
from flask.views import MethodView
from flask_smorest import Blueprint

from shared.auth import current_principal
from shared.db import Scope

from . import service
from .schemas import MemberOut

blp = Blueprint("members", __name__, url_prefix="/v1/members", description="Members of organisations")


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MemberOut)
    def get(self):
        """The member the token belongs to."""
        return service.get_member(Scope.of(current_principal()))
