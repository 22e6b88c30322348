"""HTTP contract of the contacts service: validation and OpenAPI from the same schemas.

Input schemas reject unknown fields and name each bad field; limits are explicit.
Output schemas describe exactly what `present()` returns (a test checks that they agree).

Long because it declares every request and response body of the service's routes, one schema
each: declarations with no logic, kept together so the HTTP contract reads in one place.
"""
from __future__ import annotations

import re
from typing import cast

import phonenumbers
from marshmallow import ValidationError

from shared.schema import ApiSchema, Bool, FreeForm, Id, PageArgs, Text, TextList, UtcDateTime, fields, validate

from .domain.model import COLLECTIONS, DIRECTIONS, GATHERING_KINDS, INTERACTION_KINDS, SOURCES, TIERS

MAX_NOTES = 10_000
MAX_URL = 2048


class CountryCode(fields.String):
    """ISO 3166-1 alpha-2, any case in, upper case out; tells phones which country they are in."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise ValidationError("must be an ISO 3166 two-letter country code, e.g. GB or US")
        return code


class Birthday(fields.String):
    """`YYYY-MM-DD`, or `--MM-DD` when the year is not known."""

    def _deserialize(self, value, attr, data, **kwargs):
        from .domain.vcard import parse_birthday

        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}|--\d{2}-\d{2}", text) or parse_birthday(text) is None:
            raise ValidationError("must be a date YYYY-MM-DD, or --MM-DD without the year")
        return text


class IsoDate(fields.Date):
    """A calendar date, stored as its `YYYY-MM-DD` text."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).isoformat()

    def _serialize(self, value, attr, obj, **kwargs):
        return value


def Email():
    return fields.Email(validate=validate.Length(max=254))


class ProblemOut(ApiSchema):
    """RFC 9457 problem details (`application/problem+json`)."""

    type = fields.String(required=True, metadata={"description": "/problems/<slug>"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    request_id = fields.String()
    errors = fields.Dict(metadata={"description": "validation: each bad field and its messages"})
    limit = fields.Integer(metadata={"description": "413: the limit exceeded"})
    limit_name = fields.String(metadata={"description": "413: which limit (body_bytes, mutations_per_push, push_bytes, "
                                                        "changes_per_page, import_bytes, import_rows)"})
    min_schema_version = fields.Integer(metadata={"description": "426: the oldest sync schema served"})
    schema_version = fields.Integer(metadata={"description": "426: the sync schema this server speaks"})
    version = fields.Integer(metadata={"description": "412: the record's current version"})
    reason = fields.String(metadata={"description": "409 on merges: merge_invalid or deleted"})
    merged_into = fields.String()


# -- record fields (REST bodies and sync mutation `fields`) ---------------------------------

class ContactFields(ApiSchema):
    """A contact as the member sets it. Loaded whole to create, partially to update."""

    display_name = Text(required=True, min_length=1, metadata={"description": "how the member calls them"})
    given_name = Text(allow_none=True)
    family_name = Text(allow_none=True)
    emails = fields.List(Email(), validate=validate.Length(max=20),
                         metadata={"description": "stored in lower case, duplicates removed"})
    phones = TextList(max_items=20, max_length=40, metadata={
        "description": "stored in E.164 (+442079460958) when the country is known: a leading + or 00, or `country`"})
    country = CountryCode(allow_none=True, metadata={"description": "ISO 3166 country for phones without +"})
    company = Text(allow_none=True)
    title = Text(allow_none=True)
    profile_urls = fields.List(Text(MAX_URL, min_length=1), validate=validate.Length(max=20),
                               metadata={"description": "LinkedIn, GitHub, personal site... (http/https)"})
    tags = TextList(max_items=50, max_length=50, metadata={"description": "stored in lower case"})
    tier = fields.String(allow_none=True, validate=validate.OneOf(TIERS))
    goal_links = fields.List(Id(), validate=validate.Length(max=20),
                             metadata={"description": "ids of the member's goals or milestones they could help with"})
    can_help_with = Text(2000, allow_none=True, metadata={"description": "how they could help the member"})
    needs = TextList(max_items=20, max_length=500, metadata={"description": "what they need right now"})
    offers = TextList(max_items=20, max_length=500, metadata={"description": "what the member could offer them"})
    notes = Text(MAX_NOTES, allow_none=True)
    gathering_id = Id(allow_none=True, metadata={"description": "the gathering where they met"})
    met_at = UtcDateTime(allow_none=True)
    birthday = Birthday(allow_none=True)
    share_with_colleagues = Bool(metadata={"description": "consent to share with colleagues (off by default)"})


class InteractionFields(ApiSchema):
    contact_id = Id(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(INTERACTION_KINDS))
    occurred_at = UtcDateTime(required=True)
    notes = Text(MAX_NOTES, allow_none=True)
    gathering_id = Id(allow_none=True)
    direction = fields.String(allow_none=True, validate=validate.OneOf(DIRECTIONS),
                              metadata={"description": "who gave: gave, received or mutual"})


class GatheringFields(ApiSchema):
    name = Text(required=True, min_length=1)
    kind = fields.String(required=True, validate=validate.OneOf(GATHERING_KINDS))
    starts_on = IsoDate(allow_none=True)
    ends_on = IsoDate(allow_none=True)
    place = Text(allow_none=True)
    link = Text(MAX_URL, allow_none=True, metadata={"description": "http(s) URL"})


def _patch_of(schema: type[ApiSchema]) -> type[ApiSchema]:
    """The same fields, none required: the body of a PATCH (and of a sync edit)."""
    import copy

    optional = {}
    for field_name, f in schema._declared_fields.items():
        f = copy.copy(f)
        f.required = False
        optional[field_name] = f
    patch = ApiSchema.from_dict(optional, name=f"{schema.__name__.removesuffix('Fields')}Patch")
    return cast(type[ApiSchema], patch)  # from_dict subclasses the class it is called on


ContactPatch, InteractionPatch, GatheringPatch = (_patch_of(s) for s in (ContactFields, InteractionFields,
                                                                          GatheringFields))

# One schema per collection and purpose, for REST and sync alike: POST (and a sync create)
# loads the whole record, PATCH (and a sync edit) the fields it changes.
FIELD_SCHEMAS = {"contacts": ContactFields, "interactions": InteractionFields, "gatherings": GatheringFields}
PATCH_SCHEMAS = {"contacts": ContactPatch, "interactions": InteractionPatch, "gatherings": GatheringPatch}


# -- records out ----------------------------------------------------------------------------

class RecordOut(ApiSchema):
    id = fields.String(required=True)
    version = fields.Integer(required=True)
    created_at = UtcDateTime(required=True)
    updated_at = UtcDateTime(required=True)


class MergedFromOut(ApiSchema):
    contact_id = fields.String(required=True)
    merged_at = UtcDateTime(required=True)
    took = fields.Dict(required=True, metadata={"description": "field -> value taken from the merged contact"})


class ContactOut(RecordOut):
    display_name = fields.String(required=True)
    given_name = fields.String(allow_none=True)
    family_name = fields.String(allow_none=True)
    emails = fields.List(fields.String(), required=True)
    phones = fields.List(fields.String(), required=True)
    country = fields.String(allow_none=True)
    company = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    profile_urls = fields.List(fields.String(), required=True)
    tags = fields.List(fields.String(), required=True)
    tier = fields.String(allow_none=True)
    goal_links = fields.List(fields.String(), required=True)
    can_help_with = fields.String(allow_none=True)
    needs = fields.List(fields.String(), required=True)
    offers = fields.List(fields.String(), required=True)
    notes = fields.String(allow_none=True)
    gathering_id = fields.String(allow_none=True)
    met_at = UtcDateTime(allow_none=True)
    birthday = fields.String(allow_none=True)
    share_with_colleagues = fields.Boolean(required=True)
    source = fields.String(required=True, validate=validate.OneOf(SOURCES))
    merged_from = fields.List(fields.Nested(MergedFromOut), required=True,
                              metadata={"description": "provenance: contacts merged into this one"})


class DuplicateHint(ApiSchema):
    id = fields.String(required=True)
    display_name = fields.String(required=True)
    reasons = fields.List(fields.String(), required=True,
                          metadata={"description": "email, phone, profile_url, name_at_company"})


class ContactCreatedOut(ContactOut):
    possible_duplicates = fields.List(fields.Nested(DuplicateHint), required=True)


class InteractionOut(RecordOut):
    contact_id = fields.String(required=True)
    kind = fields.String(required=True)
    occurred_at = UtcDateTime(required=True)
    notes = fields.String(allow_none=True)
    gathering_id = fields.String(allow_none=True)
    direction = fields.String(allow_none=True)


class GatheringOut(RecordOut):
    name = fields.String(required=True)
    kind = fields.String(required=True)
    starts_on = fields.String(allow_none=True)
    ends_on = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    link = fields.String(allow_none=True)


class ContactPage(ApiSchema):
    items = fields.List(fields.Nested(ContactOut), required=True)
    next_cursor = fields.String(allow_none=True)


class InteractionPage(ApiSchema):
    items = fields.List(fields.Nested(InteractionOut), required=True)
    next_cursor = fields.String(allow_none=True)


class GatheringPage(ApiSchema):
    items = fields.List(fields.Nested(GatheringOut), required=True)
    next_cursor = fields.String(allow_none=True)


class ContactListArgs(PageArgs):
    tag = Text(50, min_length=1)
    tier = fields.String(validate=validate.OneOf(TIERS))
    gathering_id = Id()
    q = Text(200, min_length=1, metadata={"description": "words matched at word starts in names, company, "
                                                         "title and notes, accents and case ignored"})


class InteractionListArgs(PageArgs):
    contact_id = Id()
    kind = fields.String(validate=validate.OneOf(INTERACTION_KINDS))
    direction = fields.String(validate=validate.OneOf(DIRECTIONS))
    gathering_id = Id()
    q = Text(200, min_length=1, metadata={"description": "words matched at word starts in the notes"})


class GatheringListArgs(PageArgs):
    kind = fields.String(validate=validate.OneOf(GATHERING_KINDS))
    q = Text(200, min_length=1, metadata={"description": "words matched at word starts in name and place"})


class ExportArgs(ApiSchema):
    tag = Text(50, min_length=1)
    tier = fields.String(validate=validate.OneOf(TIERS))
    gathering_id = Id()
    q = Text(200, min_length=1)


# -- duplicates and merges ------------------------------------------------------------------

class DuplicateContact(ApiSchema):
    id = fields.String(required=True)
    display_name = fields.String(required=True)
    company = fields.String(allow_none=True)
    emails = fields.List(fields.String(), required=True)


class DuplicatePair(ApiSchema):
    contact_ids = fields.List(fields.String(), required=True)
    reasons = fields.List(fields.String(), required=True)
    contacts = fields.List(fields.Nested(DuplicateContact), required=True)


class DuplicatePage(ApiSchema):
    items = fields.List(fields.Nested(DuplicatePair), required=True)
    next_cursor = fields.String(allow_none=True)


class MergeIn(ApiSchema):
    winner_id = Id(required=True, metadata={"description": "the contact that stays"})
    loser_id = Id(required=True, metadata={"description": "the contact merged away (becomes a tombstone)"})


class MergeOut(ApiSchema):
    winner = fields.Nested(ContactOut, required=True)
    loser_id = fields.String(required=True)
    already_merged = fields.Boolean(required=True)
    moved_interactions = fields.Integer(required=True)


# -- sync -----------------------------------------------------------------------------------

class DeviceOut(ApiSchema):
    """The contacts sync state of one device (a device session of accounts: its id is the
    tokens' `sid`)."""
    device_id = fields.String(required=True)
    name = fields.String(allow_none=True, metadata={"description": "as the sign-in named it (accounts)"})
    client_id = fields.String(allow_none=True, metadata={"description": "the app it signed in with (accounts)"})
    registered_at = UtcDateTime(allow_none=True, metadata={
        "description": "when it signed in; null until accounts' `account.device_registered` has reached contacts"})
    last_push_at = UtcDateTime(allow_none=True)
    last_pull_at = UtcDateTime(allow_none=True)
    pushes = fields.Integer(required=True)


class DeviceList(ApiSchema):
    items = fields.List(fields.Nested(DeviceOut), required=True)
    server_time = UtcDateTime(required=True)


class MutationIn(ApiSchema):
    mutation_id = Id(required=True, metadata={"description": "client-generated, unique per device"})
    collection = fields.String(required=True, validate=validate.OneOf(COLLECTIONS))
    op = fields.String(required=True, validate=validate.OneOf(("upsert", "delete", "merge")),
                       metadata={"description": "merge: contacts only; `id` is merged into `merge_into`"})
    id = Id(required=True, metadata={"description": "the record's client-generated id (a UUID)"})
    base_version = fields.Integer(allow_none=True, validate=validate.Range(min=1),
                                  metadata={"description": "the version the device last saw; none for new records"})
    fields_ = FreeForm(data_key="fields", max_depth=0,  # the values: FIELD_SCHEMAS / PATCH_SCHEMAS (no mappings)
                       metadata={"description": "upsert: the fields set (all required ones for a new record); "
                                                "validated like the REST body: POST for a new record, "
                                                "PATCH for an edit"})
    client_time = UtcDateTime(allow_none=True, metadata={"description": "informational; server order decides"})
    merge_into = Id(metadata={"description": "merge: the contact that stays"})


class EachMutation(fields.Nested):
    """Documents the items as MutationIn but keeps each one raw: every mutation is validated
    on its own, so one bad mutation is `rejected` without failing the rest of the push."""

    def _deserialize(self, value, attr, data, **kwargs):
        return value


class PushIn(ApiSchema):
    device_id = Id(required=True, metadata={"description": "the device pushing: the one the token was signed in "
                                                           "on (its `sid`), else 409 device-not-registered"})
    mutations = fields.List(EachMutation(MutationIn), required=True,
                            metadata={"description": "applied in order; at most CONTACTS_SYNC_MAX_MUTATIONS"})


class ConflictOut(ApiSchema):
    field = fields.String(required=True)
    server_value = fields.Raw(allow_none=True)
    changed_in_version = fields.Integer(required=True)


class ResultOut(ApiSchema):
    mutation_id = fields.String(allow_none=True)
    collection = fields.String(allow_none=True)
    id = fields.String(allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(
        ("applied", "duplicate", "merged", "conflict", "rejected")))
    first_status = fields.String(metadata={"description": "duplicate: the status the first attempt got"})
    version = fields.Integer(metadata={"description": "the record's version after this mutation "
                                                      "(server's on conflict)"})
    reason = fields.String(metadata={"description": "rejected: invalid, deleted, not_found, base_version_ahead, "
                                                   "merge_invalid, server_error (retry later)"})
    errors = fields.Dict(metadata={"description": "rejected as invalid: each bad field named"})
    conflicts = fields.List(fields.Nested(ConflictOut))
    record = fields.Dict(metadata={"description": "merged/conflict: the server record now"})
    merged_into = fields.String(metadata={"description": "the record was merged into this contact"})
    relinked_to = fields.String(metadata={"description": "the interaction's contact had been merged into this one"})
    possible_duplicates = fields.List(fields.Nested(DuplicateHint))


class PushOut(ApiSchema):
    server_time = UtcDateTime(required=True)
    results = fields.List(fields.Nested(ResultOut), required=True)


class PullArgs(ApiSchema):
    cursor = fields.String(load_default=None, validate=validate.Length(max=512),
                           metadata={"description": "from the previous page; none for a full first sync"})
    limit = fields.Integer(validate=validate.Range(min=1), metadata={
        "description": "changes per page (default CONTACTS_SYNC_DEFAULT_PAGE; above CONTACTS_SYNC_MAX_PAGE: 413)"})
    device_id = Id(metadata={"description": "the device pulling: the token's own (its `sid`), else 409; "
                                            "without it, the pull counts for the token's device"})


class TombstoneOut(ApiSchema):
    id = fields.String(required=True)
    version = fields.Integer(required=True)
    deleted_at = UtcDateTime(required=True)
    merged_into = fields.String(allow_none=True)


def _changes(out):
    class Changes(ApiSchema):
        upserted = fields.List(fields.Nested(out), required=True)
        deleted = fields.List(fields.Nested(TombstoneOut), required=True)
    Changes.__name__ = f"{out.__name__.removesuffix('Out')}Changes"
    return Changes


class ChangesOut(ApiSchema):
    contacts = fields.Nested(_changes(ContactOut), required=True)
    interactions = fields.Nested(_changes(InteractionOut), required=True)
    gatherings = fields.Nested(_changes(GatheringOut), required=True)


class PullOut(ApiSchema):
    server_time = UtcDateTime(required=True)
    changes = fields.Nested(ChangesOut, required=True)
    next_cursor = fields.String(required=True, metadata={"description": "pass to the next pull"})
    has_more = fields.Boolean(required=True)


# -- imports --------------------------------------------------------------------------------

class ImportArgs(ApiSchema):
    filename = Text(200, min_length=1)


class ImportCounts(ApiSchema):
    rows = fields.Integer(required=True)
    done = fields.Integer(required=True)
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class LineMessage(ApiSchema):
    line = fields.Integer(required=True)
    message = fields.String(required=True)


class ImportWarning(LineMessage):
    field = fields.String(metadata={"description": "the file's name for the value (TEL, EMAIL, BDAY, Connected On, "
                                                   "a CSV column, `property` for a line that is not one)"})
    value = fields.String(metadata={"description": "the value as the file has it (cut at 200 characters)"})


class ImportJobOut(ApiSchema):
    id = fields.String(required=True)
    format = fields.String(required=True, metadata={"description": "vcard, linkedin or rapport (our CSV)"})
    filename = fields.String(allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(("queued", "running", "done", "failed")),
                           metadata={"description": "queued → running → done (or failed on a server error)"})
    counts = fields.Nested(ImportCounts, required=True)
    errors = fields.List(fields.Nested(LineMessage), required=True, metadata={
        "description": "rows not imported: nothing names a person, or the file could not be read there"})
    warnings = fields.List(fields.Nested(ImportWarning), required=True, metadata={
        "description": "values left out of contacts that were kept (each also at the end of the contact's notes), "
                       "and text between cards that was skipped"})
    queued_at = UtcDateTime(required=True)
    started_at = UtcDateTime(allow_none=True)
    finished_at = UtcDateTime(allow_none=True)


class ImportPage(ApiSchema):
    items = fields.List(fields.Nested(ImportJobOut), required=True)
    next_cursor = fields.String(allow_none=True)
