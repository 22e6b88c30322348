"""HTTP routes of the nudges service: thin views over the service layer (the sync routes speak
docs/sync-protocol.md)."""
from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, g
from flask.views import MethodView
from marshmallow import RAISE
from shared.web import Blueprint

from shared import clock as clocks
from shared import syncing
from shared.auth import current_principal, public
from shared.db import Scope
from shared.errors import not_found
from shared.urls import public_url

from .schemas import (DismissIn, DoneIn, FeedOut, NudgeListArgs, NudgeOut, NudgePage, PullArgs, PullOut, PushIn,
                      PushOut, SnoozeIn)
from .service_layer.sync import MIN_CLIENT_SCHEMA, SCHEMA_VERSION

blp = Blueprint("nudges", __name__, url_prefix="/v1/nudges",
                description="Timely, explained suggestions: list them, mark them done, snooze or dismiss them")
sync_blp = Blueprint("nudges-sync", __name__, url_prefix="/v1/sync/nudges",
                     description="Mobile sync of the nudges scope: pull changes, push offline status changes")
feeds_blp = Blueprint("feeds", __name__, url_prefix="/v1/feeds",
                      description="Open nudges as an iCalendar (VTODO) feed behind a secret URL")


LOST_RACE = "the nudge kept changing under other writes: `write-conflict`, retry after `Retry-After`"
NOT_THIS_DEVICE = ("`device_id` is not the device the token was signed in on, or the token names no device (an "
                   "operator token): `device-not-registered`, sign in on this device; nothing applied")

syncing.serve(sync_blp, minimum=lambda: MIN_CLIENT_SCHEMA, current=SCHEMA_VERSION, now=clocks.now)
SYNC_PARAMETERS = syncing.header_parameters(SCHEMA_VERSION)


def parts():
    return current_app.extensions["rapport_nudges"]


def scope() -> Scope:
    return Scope.of(current_principal())


@blp.route("")
class NudgeList(MethodView):
    @blp.arguments(NudgeListArgs, location="query")
    @blp.response(200, NudgePage)
    def get(self, args):
        """The member's nudges in due order, filtered (status repeats; default: all but withdrawn)."""
        items, next_cursor = parts().nudges.list(
            scope(), limit=args["limit"], cursor=args["cursor"], statuses=args["status"], kind=args["kind"],
            contact_id=args["contact_id"], goal_id=args["goal_id"], due_before=args["due_before"])
        return {"items": items, "next_cursor": next_cursor}


@blp.route("/<string:nudge_id>")
class NudgeItem(MethodView):
    @blp.response(200, NudgeOut)
    def get(self, nudge_id):
        """One nudge, with why it was made."""
        return parts().nudges.get(scope(), nudge_id)


@blp.route("/<string:nudge_id>/done")
class NudgeDone(MethodView):
    @blp.arguments(DoneIn)
    @blp.response(200, NudgeOut)
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, body, nudge_id):
        """Mark done; optionally log the interaction (published as `nudge.completed`)."""
        doc, _ = parts().nudges.act(scope(), nudge_id, "done", note=body["note"], interaction=body["interaction"],
                                    correlation_id=g.correlation_id)
        return doc


@blp.route("/<string:nudge_id>/snooze")
class NudgeSnooze(MethodView):
    @blp.arguments(SnoozeIn)
    @blp.response(200, NudgeOut)
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, body, nudge_id):
        """Snooze until a time (or for days or hours); it returns then, inside working hours."""
        now = parts().clock()
        until = body["until"] or now + timedelta(days=body["days"] or 0, hours=body["hours"] or 0)
        doc, _ = parts().nudges.act(scope(), nudge_id, "snooze", until=until, note=body["note"],
                                    correlation_id=g.correlation_id)
        return doc


@blp.route("/<string:nudge_id>/dismiss")
class NudgeDismiss(MethodView):
    @blp.arguments(DismissIn)
    @blp.response(200, NudgeOut)
    @blp.alt_response(503, description=LOST_RACE)
    def post(self, body, nudge_id):
        """Dismiss with a reason; `not_relevant` quiets this rule for this contact for a while."""
        doc, _ = parts().nudges.act(scope(), nudge_id, "dismiss", reason=body["reason"], note=body["note"],
                                    correlation_id=g.correlation_id)
        return doc


@sync_blp.route("/pull", parameters=SYNC_PARAMETERS)
class SyncPull(MethodView):
    @sync_blp.arguments(PullArgs, location="query", unknown=RAISE)
    @sync_blp.response(200, PullOut)
    @sync_blp.alt_response(409, description=NOT_THIS_DEVICE)
    @sync_blp.alt_response(410, description="cursor older than tombstone retention: resync-required")
    @sync_blp.alt_response(413, description="limit above 500")
    @sync_blp.alt_response(422, description="a query parameter is malformed, or not one of those documented: "
                                            "validation-error, `errors` names each")
    @sync_blp.alt_response(426, description="app schema version too old")
    def get(self, args):
        """Changes since the cursor (none = full first sync): upserted nudges and tombstones."""
        return parts().sync.pull(scope(), args["cursor"], args["limit"], current_principal().device_id,
                                 args["device_id"])


@sync_blp.route("/push", parameters=SYNC_PARAMETERS)
class SyncPush(MethodView):
    @sync_blp.arguments(PushIn)
    @sync_blp.response(200, PushOut)
    @sync_blp.alt_response(409, description=NOT_THIS_DEVICE)
    @sync_blp.alt_response(413, description="more than 100 mutations")
    @sync_blp.alt_response(426, description="app schema version too old: nothing applied")
    @sync_blp.alt_response(503, description="a nudge kept changing under other writes: `write-conflict`, resend the "
                                             "push after `Retry-After` (what applied answers `duplicate`)")
    def post(self, body):
        """Status changes made offline; one result per mutation, in order."""
        return parts().sync.push(scope(), current_principal().device_id, body["device_id"], body["mutations"],
                                 g.correlation_id)


@feeds_blp.route("/ics")
class IcsFeedSecret(MethodView):
    @feeds_blp.response(201, FeedOut)
    def post(self):
        """Create the member's feed, or rotate its secret (the old URL stops working)."""
        feed = parts().feeds.rotate(scope())
        return {**feed, "url": public_url(feed["path"])}

    @feeds_blp.response(204)
    def delete(self):
        """Turn the feed off."""
        parts().feeds.revoke(scope())


@feeds_blp.route("/ics/<string:secret>.ics")
class IcsFeedCalendar(MethodView):
    @public
    @feeds_blp.response(200, {"type": "string", "description": "RFC 5545 VCALENDAR of VTODOs, CRLF lines"},
                        content_type="text/calendar", description="the member's open nudges as VTODOs",
                        headers={"Cache-Control": {"schema": {"type": "string"}},
                                 "Content-Disposition": {"schema": {"type": "string"}}})
    @feeds_blp.doc(security=[])
    def get(self, secret):
        """The calendar: open nudges as VTODOs. No token: the secret in the URL is the key."""
        text = parts().feeds.calendar(secret)
        if text is None:
            raise not_found("feed")
        resp = Response(text, mimetype="text/calendar")
        resp.headers["Content-Type"] = "text/calendar; charset=utf-8"
        resp.headers["Cache-Control"] = "private, max-age=300"
        resp.headers["Content-Disposition"] = 'inline; filename="rapport-nudges.ics"'
        return resp
