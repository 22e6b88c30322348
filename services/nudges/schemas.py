"""HTTP contract of the nudges service (validation and OpenAPI from one place)."""
from __future__ import annotations

from marshmallow import ValidationError, validates_schema

from shared.contracts.contacts import DIRECTIONS, INTERACTION_KINDS
from shared.syncing import ConflictOut, PullArgs  # noqa: F401  (PullArgs: the routes' query)
from shared.schema import ApiSchema, FreeForm, Id, PageArgs, Text, UtcDateTime, fields, validate

from .domain.engine import DISMISS_REASONS
from .domain.lifecycle import MAX_SNOOZE
from .domain.model import STATUSES

KINDS = ("follow_up", "keep_in_touch", "give_help", "introduce", "goal_gap", "find_mentor", "reciprocity", "check_in")


class NudgeOut(ApiSchema):
    id = fields.String(attribute="_id")
    version = fields.Integer()
    kind = fields.String(metadata={"enum": list(KINDS)})
    rule = fields.String()
    contact_id = fields.String(allow_none=True)
    goal_id = fields.String(allow_none=True)
    sentence = fields.String(metadata={"description": "what to do, in one human sentence"})
    why = fields.Dict(metadata={"description": "the rule, a summary in words, and the data behind it"})
    priority = fields.Integer(metadata={"description": "1 (most important) … 5"})
    due_at = UtcDateTime(metadata={"description": "inside the member's working hours, in UTC"})
    due_local = fields.Method("_due_local", metadata={"description": "the due time in the member's own zone"})
    timezone = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(STATUSES)})
    snoozed_until = UtcDateTime(allow_none=True)
    reason = fields.String(allow_none=True, metadata={"description": "the member's dismissal reason"})
    note = fields.String(allow_none=True)
    withdrawn_reason = fields.String(allow_none=True)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()

    def _due_local(self, doc):
        from .service_layer.nudging import local_due
        return local_due(doc)


class NudgePage(ApiSchema):
    items = fields.List(fields.Nested(NudgeOut))
    next_cursor = fields.String(allow_none=True)


class NudgeListArgs(PageArgs):
    status = fields.List(fields.String(validate=validate.OneOf(STATUSES)), load_default=None,
                         metadata={"description": "repeat for several; default: all but withdrawn"})
    kind = fields.String(load_default=None, validate=validate.OneOf(KINDS))
    contact_id = Id(load_default=None)
    goal_id = Id(load_default=None)
    due_before = UtcDateTime(load_default=None)


class InteractionIn(ApiSchema):
    kind = fields.String(required=True, validate=validate.OneOf(INTERACTION_KINDS))
    occurred_at = UtcDateTime(load_default=None)
    note = Text(2000, allow_none=True, load_default=None)
    direction = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(DIRECTIONS))


class DoneIn(ApiSchema):
    note = Text(2000, allow_none=True, load_default=None)
    interaction = fields.Nested(InteractionIn, allow_none=True, load_default=None, metadata={
        "description": "log what you did with the contact (published as nudge.completed for the contacts service)"})


class SnoozeIn(ApiSchema):
    until = UtcDateTime(load_default=None)
    days = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_SNOOZE.days))
    hours = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_SNOOZE.days * 24))
    note = Text(2000, allow_none=True, load_default=None)

    @validates_schema
    def _one(self, data, **kwargs):
        given = [k for k in ("until", "days", "hours") if data.get(k) is not None]
        if len(given) != 1:
            raise ValidationError("give exactly one of until, days or hours", "until")


class DismissIn(ApiSchema):
    reason = fields.String(required=True, validate=validate.OneOf(DISMISS_REASONS), metadata={
        "description": "not_relevant quiets this rule for this contact or goal for 90 days, not_now for 14, "
                       "too_many quiets the rule for 14 days; already_done counts as a touch"})
    note = Text(2000, allow_none=True, load_default=None)


class FeedOut(ApiSchema):
    secret = fields.String()
    path = fields.String()
    url = fields.String()
    created_at = UtcDateTime()


# -- sync -------------------------------------------------------------------------------------------


class MutationIn(ApiSchema):
    mutation_id = Id(required=True)
    id = Id(required=True)
    op = fields.String(required=True, validate=validate.OneOf(("upsert", "delete")))
    base_version = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1))
    fields_ = FreeForm(data_key="fields", attribute="fields", load_default=dict)
    client_time = UtcDateTime(allow_none=True, load_default=None)


class MutationFields(ApiSchema):
    """What a device may change on a nudge: its status, with what that status needs."""

    status = fields.String(required=True, validate=validate.OneOf(("done", "snoozed", "dismissed", "pending")))
    snoozed_until = UtcDateTime(allow_none=True, load_default=None)
    reason = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(DISMISS_REASONS))
    note = Text(2000, allow_none=True, load_default=None)
    interaction = fields.Nested(InteractionIn, allow_none=True, load_default=None)

    @validates_schema
    def _needs(self, data, **kwargs):
        if data.get("status") == "snoozed" and not data.get("snoozed_until"):
            raise ValidationError("required when status is snoozed", "snoozed_until")
        if data.get("status") == "dismissed" and not data.get("reason"):
            raise ValidationError("required when status is dismissed", "reason")
        if data.get("status") != "dismissed" and data.get("reason"):
            raise ValidationError("only a dismissal has a reason", "reason")
        if data.get("status") != "done" and data.get("interaction"):
            raise ValidationError("only a done nudge logs an interaction", "interaction")


class PushIn(ApiSchema):
    device_id = Id(required=True, metadata={
        "description": "the device pushing: the one the token was signed in on (its `sid`), else 409 "
                       "device-not-registered. It names the mutations (device_id, mutation_id) and the device's "
                       "receipts (docs/sync-protocol.md, devices)"})
    mutations = fields.List(fields.Dict(), required=True, metadata={
        "description": "at most 100; each {mutation_id, id, op, base_version, fields, client_time}"})


class MutationResult(ApiSchema):
    mutation_id = fields.String(allow_none=True)
    id = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": ["applied", "merged", "duplicate", "conflict", "rejected"]})
    version = fields.Integer(metadata={"description": "the nudge's version after this mutation (server's on conflict)"})
    first_status = fields.String(metadata={"description": "duplicate: the status the first attempt got"})
    reason = fields.String(metadata={"description": "rejected: invalid, not_found, deleted, base_version_ahead, "
                                                   "not_deletable, nudge_closed"})
    errors = fields.Dict(metadata={"description": "rejected as invalid: each bad field named"})
    conflicts = fields.List(fields.Nested(ConflictOut))
    record = fields.Nested(NudgeOut, metadata={"description": "conflict: the server's nudge now"})


class PushOut(ApiSchema):
    server_time = UtcDateTime()
    results = fields.List(fields.Nested(MutationResult))


class Tombstone(ApiSchema):
    id = fields.String()
    version = fields.Integer()
    deleted_at = UtcDateTime()
    merged_into = fields.String(allow_none=True, metadata={"description": "always null: nudges are not merged"})
    reason = fields.String(allow_none=True, metadata={
        "description": "why the coach withdrew it: contact_deleted, contact_merged, goal_closed, superseded, "
                       "no_longer_applies, member_left"})
    contact_merged_into = fields.String(allow_none=True)


class NudgeChanges(ApiSchema):
    upserted = fields.List(fields.Nested(NudgeOut))
    deleted = fields.List(fields.Nested(Tombstone))


class Changes(ApiSchema):
    nudges = fields.Nested(NudgeChanges)


class PullOut(ApiSchema):
    server_time = UtcDateTime()
    changes = fields.Nested(Changes)
    next_cursor = fields.String(metadata={"description": "pass to the next pull"})
    has_more = fields.Boolean()
