"""HTTP routes of the accounts service: thin views over the use cases (service_layer/accounts.py)."""
from flask import current_app
from flask.views import MethodView
from shared.web import Blueprint

from shared.auth import current_principal, require_role
from shared.db import Scope
from shared.schema import PageArgs

from .schemas import MemberIn, MemberOut, MemberPage
from .service_layer import accounts as use_cases

EXTENSION = "rapport_accounts"
LOST_RACE = "the member kept changing under other writes: `write-conflict`, retry after `Retry-After`"


def service() -> use_cases.Accounts:
    return current_app.extensions[EXTENSION]


blp = Blueprint("members", __name__, url_prefix="/v1/members", description="Members of organisations")


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MemberOut)
    def get(self):
        """The member the token belongs to."""
        return service().get_member(Scope.of(current_principal()))


@blp.route("")
class Members(MethodView):
    decorators = [require_role("admin")]

    @blp.arguments(PageArgs, location="query")
    @blp.response(200, MemberPage)
    def get(self, args):
        """The organisation's members (admins only)."""
        items, next_cursor = service().list_members(current_principal().org_id, args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @blp.arguments(MemberIn)
    @blp.response(201, MemberOut)
    def post(self, data):
        """Add a member to the admin's organisation; publishes `account.member_joined`."""
        return service().create_member(current_principal().org_id, data["email"], data["display_name"],
                                     data["roles"], data["timezone"])


@blp.route("/<member_id>/offboard")
class Offboard(MethodView):
    decorators = [require_role("admin")]

    @blp.response(200, MemberOut)
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, member_id):
        """The member leaves the organisation; publishes `account.member_left`."""
        return service().offboard_member(current_principal().org_id, member_id)


@blp.route("/<member_id>/erase")
class Erase(MethodView):
    decorators = [require_role("admin")]

    @blp.response(200, MemberOut)
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, member_id):
        """Erase the member everywhere; publishes `account.member_erased`."""
        return service().erase_member(current_principal().org_id, member_id)
