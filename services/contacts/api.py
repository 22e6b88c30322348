"""HTTP routes of the contacts service, thin: each view calls one use case of `service_layer/`
(`records`, `devices`, `sync`, `imports`) and shapes its answer.

Long because it declares every route with its OpenAPI: records (one factory for contacts,
interactions and gatherings), duplicates, imports, exports and sync.
"""
from __future__ import annotations

import json
import re

from flask import Response, current_app, g, request
from flask.views import MethodView
from shared.web import Blueprint
from marshmallow import RAISE

from shared import clock, syncing
from shared.auth import current_principal
from shared.db import Scope
from shared.problems import Problem
from shared.schema import PageArgs, is_id
from shared.urls import public_url
from shared.web import accepts, body_limit

from .service_layer import devices, imports, records, sync
from .config import SCHEMA_VERSION, ContactsConfig
from .domain.model import CONTACTS, GATHERINGS, INTERACTIONS
from .domain.records import KINDS, present
from .schemas import (ProblemOut, ContactCreatedOut, ContactFields, ContactListArgs, ContactOut, ContactPage,
                      DeviceList, DuplicatePage, ExportArgs, GatheringFields, GatheringListArgs, GatheringOut,
                      GatheringPage, ImportArgs, ImportJobOut, ImportPage, InteractionFields, InteractionListArgs,
                      InteractionOut, InteractionPage, MergeIn, MergeOut, PATCH_SCHEMAS, PullArgs, PullOut, PushIn,
                      PushOut)

PROBLEM = "application/problem+json"
EXTENSION = "rapport_contacts"  # app.extensions[EXTENSION]: the service's ContactsConfig (app.py)
LOST_RACE = "the record kept changing under other writes: `write-conflict`, retry after `Retry-After`"


def scope() -> Scope:
    return Scope.of(current_principal())


def config() -> ContactsConfig:
    return current_app.extensions[EXTENSION]


def json_response(body: dict, status: int = 200) -> Response:
    try:
        data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a rejected mutation echoes an unpaired surrogate it was sent: escape it
        data = json.dumps(body, separators=(",", ":")).encode("ascii")
    return current_app.response_class(data, status=status, mimetype="application/json")


def _if_match() -> int | None:
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    m = re.fullmatch(r'\s*(?:W/)?"?(\d{1,12})"?\s*', raw)
    if not m:
        raise Problem(400, 'If-Match must be the record version, e.g. "3"', slug="bad-request")
    return int(m[1])


_IF_MATCH_DOC = {"parameters": [{"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
                                 "description": 'the version you edited, e.g. "3": 412 if the record moved on'}]}
_ETAG_DOC = {"ETag": {"description": "the record version", "schema": {"type": "string"}}}


def _record_blueprint(kind_name: str, url: str, description: str, fields_schema, out_schema, page_schema,
                      list_args, created_schema=None) -> Blueprint:
    kind = KINDS[kind_name]
    noun = kind_name[:-1]
    blp = Blueprint(kind_name, __name__, url_prefix=url, description=description)
    patch_schema = PATCH_SCHEMAS[kind_name]

    @blp.route("")
    class Collection(MethodView):
        @blp.arguments(list_args, location="query", unknown=RAISE)
        @blp.response(200, page_schema)
        def get(self, args):
            items, next_cursor = records.list_records(kind, scope(), args)
            return {"items": [present(kind, d) for d in items], "next_cursor": next_cursor}

        @blp.arguments(fields_schema)
        @blp.response(201, created_schema or out_schema, headers=_ETAG_DOC)
        @blp.alt_response(503, schema=ProblemOut, content_type=PROBLEM,
                          description="the new record's id was taken meanwhile: `write-conflict`, retry after "
                                      "`Retry-After`")
        def post(self, fields):
            doc, hints = records.create_record(kind, scope(), _sent(fields), g.correlation_id)
            body = present(kind, doc)
            if created_schema is not None:
                body["possible_duplicates"] = hints
            return body, 201, {"ETag": f'"{doc["version"]}"', "Location": f"{url}/{doc['_id']}"}

    Collection.get.__doc__ = f"List {kind_name} (filters, stable cursor pagination)."
    Collection.post.__doc__ = f"Create a {noun}; publishes `{kind.created}`."

    @blp.route("/<record_id>")
    class Item(MethodView):
        @blp.response(200, out_schema, headers=_ETAG_DOC)
        def get(self, record_id):
            doc = records.get_record(kind, scope(), _checked(record_id, noun))
            return present(kind, doc), 200, {"ETag": f'"{doc["version"]}"'}

        @blp.arguments(patch_schema)
        @blp.response(200, out_schema, headers=_ETAG_DOC)
        @blp.alt_response(412, schema=ProblemOut, content_type=PROBLEM, description="If-Match names an older version")
        @blp.alt_response(503, schema=ProblemOut, content_type=PROBLEM, description=LOST_RACE)
        @blp.doc(**_IF_MATCH_DOC)
        def patch(self, fields, record_id):
            doc = records.patch_record(kind, scope(), _checked(record_id, noun), _sent(fields), _if_match(),
                                       g.correlation_id)
            return present(kind, doc), 200, {"ETag": f'"{doc["version"]}"'}

        @blp.response(204)
        @blp.alt_response(503, schema=ProblemOut, content_type=PROBLEM, description=LOST_RACE)
        def delete(self, record_id):
            records.delete_record(kind, scope(), _checked(record_id, noun), g.correlation_id)
            return None

    Item.get.__doc__ = f"One {noun}; another member's is a 404."
    Item.patch.__doc__ = f"Change some fields; publishes `{kind.updated}`."
    Item.delete.__doc__ = (f"Delete (a tombstone reaches every device); publishes `{kind.deleted}`."
                           + (" The contact's interactions are deleted with it." if kind_name == CONTACTS else ""))
    return blp


def _sent(fields: dict) -> dict | None:
    """The fields the route's schema loaded (validated once: the use case only normalises them),
    or None when no body was sent, which the schema alone would take for "no fields"."""
    return fields if request.get_json() is not None else None


def _checked(record_id: str, noun: str) -> str:
    if not is_id(record_id):
        raise Problem(404, f"{noun} not found")
    return record_id


contacts_blp = _record_blueprint(CONTACTS, "/v1/contacts", "People in the member's network", ContactFields,
                                 ContactOut, ContactPage, ContactListArgs, ContactCreatedOut)
interactions_blp = _record_blueprint(INTERACTIONS, "/v1/interactions", "What happened with a contact, and who gave",
                                     InteractionFields, InteractionOut, InteractionPage, InteractionListArgs)
gatherings_blp = _record_blueprint(GATHERINGS, "/v1/gatherings", "Conferences and meetups where people meet",
                                   GatheringFields, GatheringOut, GatheringPage, GatheringListArgs)


# -- duplicates -----------------------------------------------------------------------------

duplicates_blp = Blueprint("duplicates", __name__, url_prefix="/v1/duplicates",
                           description="Probable duplicates among the member's contacts, and merging them")


@duplicates_blp.route("")
class Duplicates(MethodView):
    @duplicates_blp.arguments(PageArgs, location="query", unknown=RAISE)
    @duplicates_blp.response(200, DuplicatePage)
    def get(self, args):
        """Pairs that are probably the same person: same email, phone or profile URL, or a close
        name at the same company."""
        items, next_cursor = records.duplicate_pairs(scope(), args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}


@duplicates_blp.route("/merge")
class Merge(MethodView):
    @duplicates_blp.arguments(MergeIn)
    @duplicates_blp.response(200, MergeOut)
    @duplicates_blp.alt_response(409, schema=ProblemOut, content_type=PROBLEM,
                                 description="the loser was deleted or merged elsewhere, or the winner is gone")
    @duplicates_blp.alt_response(503, schema=ProblemOut, content_type=PROBLEM,
                                 description="the contacts kept changing under other writes: `write-conflict`, "
                                             "retry after `Retry-After`")
    def post(self, data):
        """Merge `loser_id` into `winner_id`: fields combined with provenance, interactions moved, the
        loser becomes a `merged_into` tombstone (synced). Idempotent: merging again changes nothing."""
        return records.merge(scope(), data["winner_id"], data["loser_id"], g.correlation_id)


# -- imports and exports --------------------------------------------------------------------

imports_blp = Blueprint("imports", __name__, url_prefix="/v1/imports",
                        description="Import vCard 4.0/3.0, LinkedIn Connections.csv or Rapport CSV, as jobs")


_IMPORT_BODY = {"requestBody": {"required": True, "content": {
    "text/vcard": {"schema": {"type": "string", "description": "one or more vCards (4.0 or 3.0)"}},
    "text/csv": {"schema": {"type": "string", "description": "LinkedIn Connections.csv or a Rapport CSV export"}}}}}


@imports_blp.route("")
class Imports(MethodView):
    @imports_blp.arguments(PageArgs, location="query", unknown=RAISE)
    @imports_blp.response(200, ImportPage)
    def get(self, args):
        """The member's import jobs."""
        items, next_cursor = imports.list_jobs(scope(), args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @accepts("text/vcard", "text/x-vcard", "text/directory", "text/csv")
    @body_limit(lambda: config().import_max_bytes, "import_bytes")
    @imports_blp.arguments(ImportArgs, location="query", unknown=RAISE)
    @imports_blp.response(202, ImportJobOut)
    @imports_blp.alt_response(413, schema=ProblemOut, content_type=PROBLEM,
                              description="the file is larger than CONTACTS_IMPORT_MAX_BYTES or has more rows "
                                          "than CONTACTS_IMPORT_MAX_ROWS (`limit_name` says which)")
    @imports_blp.doc(**_IMPORT_BODY)
    def post(self, args):
        """Queue an import of a file and answer at once (202, status `queued`). Follow the job at
        `GET /v1/imports/{id}` (the `Location`): status, progress counts and per-line errors."""
        body = request.get_data(cache=False)
        if not body.strip():
            raise Problem(422, "the file is empty", slug="validation-error", errors={"body": ["empty file"]})
        job = imports.submit(scope(), request.mimetype, body, args.get("filename"), g.correlation_id,
                             max_rows=config().import_max_rows)
        return job, 202, {"Location": public_url(f"/v1/imports/{job['id']}")}


@imports_blp.route("/<job_id>")
class ImportById(MethodView):
    @imports_blp.response(200, ImportJobOut)
    def get(self, job_id):
        """One import job: status, counts and per-line errors."""
        return imports.get_job(scope(), _checked(job_id, "import"))


exports_blp = Blueprint("exports", __name__, url_prefix="/v1/exports", description="Export contacts")


def _export(fmt: str, mimetype: str, filename: str, args: dict) -> Response:
    chunks = imports.export(scope(), args, fmt)
    return Response(chunks, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@exports_blp.route("/contacts.vcf")
class ExportVcard(MethodView):
    @exports_blp.arguments(ExportArgs, location="query", unknown=RAISE)
    @exports_blp.doc(responses={"200": {"description": "vCard 4.0",
                                        "content": {"text/vcard": {"schema": {"type": "string"}}}}})
    def get(self, args):
        """All (or the filtered) live contacts as vCard 4.0."""
        return _export("vcard", "text/vcard", "contacts.vcf", args)


@exports_blp.route("/contacts.csv")
class ExportCsv(MethodView):
    @exports_blp.arguments(ExportArgs, location="query", unknown=RAISE)
    @exports_blp.doc(responses={"200": {"description": "CSV with a header row (imports back)",
                                        "content": {"text/csv": {"schema": {"type": "string"}}}}})
    def get(self, args):
        """All (or the filtered) live contacts as CSV."""
        return _export("csv", "text/csv", "contacts.csv", args)


# -- sync (the protocol: docs/sync-protocol.md) ---------------------------------------------

sync_blp = Blueprint("sync", __name__, url_prefix="/v1/sync/contacts",
                     description="Offline-first sync of contacts, interactions and gatherings "
                                 "(the protocol: docs/sync-protocol.md)")

syncing.serve(sync_blp, minimum=lambda: config().sync_min_schema_version, current=SCHEMA_VERSION, now=clock.now)
SYNC_PARAMETERS = syncing.header_parameters(SCHEMA_VERSION)
NOT_THIS_DEVICE = ("`device_id` is not the device the token was signed in on, or the token names no device (an "
                   "operator token): `device-not-registered`, sign in on this device; nothing applied")


@sync_blp.route("/devices", parameters=SYNC_PARAMETERS)
class Devices(MethodView):
    @sync_blp.response(200, DeviceList)
    def get(self):
        """The contacts sync state of the member's devices: when each last pushed and pulled, and
        how many pushes. Not a registry: a device is registered by signing in on it, and listed and
        revoked in accounts (`GET /v1/devices`, `DELETE /v1/devices/{id}`)."""
        return {"items": [devices.device_view(d) for d in devices.list_devices(scope())], "server_time": clock.now()}


@sync_blp.route("/push", parameters=SYNC_PARAMETERS)
class Push(MethodView):
    @body_limit(lambda: config().sync_max_push_bytes, "push_bytes")
    @sync_blp.arguments(PushIn)
    @sync_blp.response(200, PushOut)
    @sync_blp.alt_response(409, schema=ProblemOut, content_type=PROBLEM, description=NOT_THIS_DEVICE)
    @sync_blp.alt_response(413, schema=ProblemOut, content_type=PROBLEM,
                           description="too many mutations or bytes")
    @sync_blp.alt_response(426, schema=ProblemOut, content_type=PROBLEM,
                           description="app schema version too old: nothing applied")
    @sync_blp.alt_response(503, schema=ProblemOut, content_type=PROBLEM,
                           description="a delete or merge kept losing its race to other writes: `write-conflict`, "
                                       "retry the push after `Retry-After` (an upsert that keeps losing is "
                                       "answered `rejected`, `server_error`)")
    def post(self, data):
        """Apply a device's mutations in order; one result per mutation: applied, duplicate, merged,
        conflict or rejected. One bad mutation never blocks the others."""
        results = sync.push(scope(), config(), current_principal().device_id, data["device_id"], data["mutations"],
                            g.correlation_id)
        return json_response({"server_time": clock.rfc3339(clock.now()), "results": results})


@sync_blp.route("/pull", parameters=SYNC_PARAMETERS)
class Pull(MethodView):
    @sync_blp.arguments(PullArgs, location="query", unknown=RAISE)
    @sync_blp.response(200, PullOut)
    @sync_blp.alt_response(409, schema=ProblemOut, content_type=PROBLEM, description=NOT_THIS_DEVICE)
    @sync_blp.alt_response(410, schema=ProblemOut, content_type=PROBLEM,
                           description="cursor older than tombstone retention (or unknown): resync-required")
    @sync_blp.alt_response(413, schema=ProblemOut, content_type=PROBLEM,
                           description="limit above the maximum page size")
    @sync_blp.alt_response(426, schema=ProblemOut, content_type=PROBLEM,
                           description="app schema version too old")
    def get(self, args):
        """Changes after `cursor` (none: full first sync), in server order, paginated; never misses
        nor repeats a change while others write. Tombstones carry `merged_into` after merges."""
        body = sync.pull(scope(), config(), args.get("cursor"), args.get("limit"), current_principal().device_id,
                         args.get("device_id"))
        body["server_time"] = clock.rfc3339(body["server_time"])
        return json_response(body)


BLUEPRINTS = [contacts_blp, interactions_blp, gatherings_blp, duplicates_blp, imports_blp, exports_blp, sync_blp]
