"""HTTP routes of the goals service: thin views over the use cases (service_layer/goals.py for
goals, service_layer/planning.py for the plan, its questionnaire and its suggestions)."""
from flask import current_app, g
from flask.views import MethodView
from marshmallow import RAISE
from shared.web import Blueprint

from shared import clock as clocks
from shared import syncing
from shared.auth import current_principal
from shared.db import Scope

from .objectives_api import blp as objectives_blp
from .objectives_api import reviews_blp
from .schemas import (AcceptedOut, CoverageOut, DirectionIn, DirectionOut, GoalIn, GoalListArgs, GoalOut, GoalPage,
                      GoalPatch, PlanIn, PlanOut, QuestionnaireIn, QuestionnaireOut, SuggestionArgs, SuggestionList,
                      SuggestionOut, SyncPullOut, SyncPushIn, SyncPushOut)
from .service_layer import goals as use_cases
from .service_layer.planning import Planning
from .service_layer.sync import MAX_MUTATIONS, MAX_PAGE, MIN_CLIENT_SCHEMA, SCHEMA_VERSION, GoalsSync

EXTENSION = "rapport_goals"
PLANNING = "rapport_planning"
SYNC_EXTENSION = "rapport_goals_sync"
LOST_RACE = "the goal kept changing under other writes: `write-conflict`, retry after `Retry-After`"


def service() -> use_cases.Goals:
    return current_app.extensions[EXTENSION]


def planning() -> Planning:
    return current_app.extensions[PLANNING]


blp = Blueprint("goals", __name__, url_prefix="/v1/goals", description="Career goals and their milestones")


@blp.route("")
class Goals(MethodView):
    @blp.arguments(GoalListArgs, location="query")
    @blp.response(200, GoalPage)
    def get(self, args):
        """List goals (cursor pagination)."""
        items, next_cursor = service().list_goals(Scope.of(current_principal()), args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @blp.arguments(GoalIn)
    @blp.response(201, GoalOut)
    @blp.alt_response(409, description="an active ultimate goal already exists: `ultimate-goal-exists` (archive it, "
                                       "or change direction)")
    def post(self, data):
        """Set a goal with its path (milestones); publishes `goal.created`.

        An interim goal may name the ultimate goal it serves (`parent_goal_id`; 422 if that is
        not one of the member's ultimate goals)."""
        return service().create_goal(Scope.of(current_principal()), data, g.correlation_id)


@blp.route("/<goal_id>")
class GoalById(MethodView):
    @blp.response(200, GoalOut)
    def get(self, goal_id):
        """One goal; another member's goal is a 404."""
        return service().get_goal(Scope.of(current_principal()), goal_id)

    @blp.arguments(GoalPatch)
    @blp.response(200, GoalOut)
    @blp.alt_response(409, description="it would make a second active ultimate goal: `ultimate-goal-exists`")
    @blp.alt_response(503, description=LOST_RACE)
    def patch(self, changes, goal_id):
        """Change a goal (title, status, target date, why, milestones); publishes `goal.updated`.

        Name at least one field: an empty body is a 422 and changes nothing."""
        return service().update_goal(Scope.of(current_principal()), goal_id, changes, g.correlation_id)

    @blp.response(204)
    @blp.alt_response(503, description=LOST_RACE)
    def delete(self, goal_id):
        """Delete a goal; publishes `goal.deleted`."""
        service().delete_goal(Scope.of(current_principal()), goal_id, g.correlation_id)


@blp.route("/<goal_id>/coverage")
class GoalCoverage(MethodView):
    @blp.response(200, CoverageOut)
    def get(self, goal_id):
        """Who in the member's network covers each need of the goal's milestones, how strongly, and
        what is missing, with the reason for each verdict (README, *The strategy*). Computed now
        from the network the goals service learnt from `contact.*` and `interaction.*` events:
        a contact captured a moment ago may take a few seconds to count."""
        return service().coverage(Scope.of(current_principal()), goal_id)


@blp.route("/<goal_id>/change-direction")
class ChangeDirection(MethodView):
    @blp.arguments(DirectionIn)
    @blp.response(201, DirectionOut)
    @blp.alt_response(409, description="the goal is not the active ultimate goal: `not-active-ultimate`")
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, data, goal_id):
        """Change direction: archive this ultimate goal and set a new one. Every contact and
        interaction stays, the old goal stays readable (`replaced_by`), the new one names it
        (`previous_goal_id`), and the answer says who already covers the new path. Publishes
        `goal.updated` (archived) and `goal.created`; a retry completes the same change."""
        return service().change_direction(Scope.of(current_principal()), goal_id, data, g.correlation_id)


plan_blp = Blueprint("plan", __name__, url_prefix="/v1/plan",
                     description="The member's networking plan, fitted to their temperament")


PLAN_RACE = "the plan kept changing under other writes: `write-conflict`, retry after `Retry-After`"
NO_SUGGESTION = "no such suggestion, or another member's: `not-found`"
DECIDED = "the suggestion is no longer proposed (accepted, declined or expired): `suggestion-decided`"


@plan_blp.route("")
class PlanView(MethodView):
    @plan_blp.response(200, PlanOut)
    def get(self):
        """The member's plan; until they set one, their style's defaults (`is_default: true`)."""
        return planning().get_plan(Scope.of(current_principal()))

    @plan_blp.arguments(PlanIn)
    @plan_blp.response(200, PlanOut)
    @plan_blp.alt_response(503, description=PLAN_RACE)
    def put(self, fields):
        """Set the plan; fields left out take the style's defaults. Publishes `plan.updated`.

        `channels` (known channels, shares 0..1 summing to 1) and `commitments` are checked: a bad
        one is a 422 naming the field."""
        return planning().put_plan(Scope.of(current_principal()), fields, g.correlation_id)


@plan_blp.route("/questionnaire")
class Questionnaire(MethodView):
    @plan_blp.response(200, QuestionnaireOut)
    def get(self):
        """The questions that fit the plan to the member: ids, kinds, options and ranges."""
        return {"questions": planning().questionnaire()}

    @plan_blp.arguments(QuestionnaireIn)
    @plan_blp.response(200, PlanOut)
    @plan_blp.alt_response(503, description=PLAN_RACE)
    def post(self, data):
        """Set the plan from the answers; `reasoning` says which answer led to which choice.
        Publishes `plan.updated` with the answers and the reasoning. A bad answer is a 422 naming it."""
        return planning().answer(Scope.of(current_principal()), data["answers"], g.correlation_id)


@plan_blp.route("/suggestions")
class Suggestions(MethodView):
    @plan_blp.arguments(SuggestionArgs, location="query")
    @plan_blp.response(200, SuggestionList)
    def get(self, args):
        """The adjustments the plan proposes from outcomes (`?status=`, default `proposed`), newest first."""
        return {"items": planning().list_suggestions(Scope.of(current_principal()), args["status"])}


@plan_blp.route("/suggestions/<suggestion_id>/accept")
class AcceptSuggestion(MethodView):
    @plan_blp.response(200, AcceptedOut)
    @plan_blp.alt_response(404, description=NO_SUGGESTION)
    @plan_blp.alt_response(409, description=DECIDED)
    @plan_blp.alt_response(503, description=PLAN_RACE)
    def post(self, suggestion_id):
        """Accept a suggestion: its changes go onto the plan as it is now (even if it changed since
        the suggestion was made). Publishes `plan.suggestion_accepted` and `plan.updated`; another
        member's suggestion is a 404."""
        return planning().accept(Scope.of(current_principal()), suggestion_id, g.correlation_id)


@plan_blp.route("/suggestions/<suggestion_id>/decline")
class DeclineSuggestion(MethodView):
    @plan_blp.response(200, SuggestionOut)
    @plan_blp.alt_response(404, description=NO_SUGGESTION)
    @plan_blp.alt_response(409, description=DECIDED)
    @plan_blp.alt_response(503, description="the suggestion kept changing: `write-conflict`, retry after "
                                            "`Retry-After`")
    def post(self, suggestion_id):
        """Decline a suggestion (`plan.suggestion_declined`): its rule proposes nothing for four
        weeks. Another member's suggestion is a 404."""
        return planning().decline(Scope.of(current_principal()), suggestion_id, g.correlation_id)


sync_blp = Blueprint("goals-sync", __name__, url_prefix="/v1/sync/goals",
                     description="Mobile sync of the goals scope: push offline edits of goals, pull changes")
syncing.serve(sync_blp, minimum=lambda: MIN_CLIENT_SCHEMA, current=SCHEMA_VERSION, now=clocks.now)
SYNC_PARAMETERS = syncing.header_parameters(SCHEMA_VERSION)
NOT_THIS_DEVICE = ("`device_id` is not the device the token was signed in on, or the token names no device (an "
                   "operator token): `device-not-registered`, sign in on this device; nothing applied")


def sync() -> GoalsSync:
    return current_app.extensions[SYNC_EXTENSION]


@sync_blp.route("/pull", parameters=SYNC_PARAMETERS)
class SyncPull(MethodView):
    @sync_blp.arguments(syncing.PullArgs, location="query", unknown=RAISE)
    @sync_blp.response(200, SyncPullOut)
    @sync_blp.alt_response(409, description=NOT_THIS_DEVICE)
    @sync_blp.alt_response(410, description="cursor older than the tombstones kept (90 days): resync-required")
    @sync_blp.alt_response(413, description=f"limit above {MAX_PAGE}")
    @sync_blp.alt_response(422, description="a query parameter is malformed, or not one of those documented: "
                                            "validation-error, `errors` names each")
    @sync_blp.alt_response(426, description="app schema version too old")
    def get(self, args):
        """Changes since the cursor (none = full first sync): upserted goals and tombstones, in write order."""
        return sync().pull(Scope.of(current_principal()), args["cursor"], args["limit"],
                           current_principal().device_id, args["device_id"])


@sync_blp.route("/push", parameters=SYNC_PARAMETERS)
class SyncPush(MethodView):
    @sync_blp.arguments(SyncPushIn)
    @sync_blp.response(200, SyncPushOut)
    @sync_blp.alt_response(409, description=NOT_THIS_DEVICE)
    @sync_blp.alt_response(413, description=f"more than {MAX_MUTATIONS} mutations: nothing applied")
    @sync_blp.alt_response(426, description="app schema version too old: nothing applied")
    @sync_blp.alt_response(503, description="a record kept changing under other writes: `write-conflict`, resend "
                                             "the push after `Retry-After` (what applied answers `duplicate`)")
    def post(self, body):
        """Edits made offline (create, edit, delete goals with their milestones); one result per
        mutation, in order (docs/sync-protocol.md)."""
        return sync().push(Scope.of(current_principal()), current_principal().device_id, body["device_id"],
                           body["mutations"], g.correlation_id)


# what the app registers and the OpenAPI document describes
BLUEPRINTS = [blp, plan_blp, objectives_blp, reviews_blp, sync_blp]
