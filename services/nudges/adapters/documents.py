"""The nudges service's documents (API and workers share this database)."""
import mongoengine as me

from shared.db import BaseDocument, TenantDocument


class Nudge(TenantDocument):
    id = me.StringField(primary_key=True)  # deterministic: derived from the cause and the rule
    kind = me.StringField(required=True)
    contact_id = me.StringField()
    goal_id = me.StringField()
    sentence = me.StringField(required=True)
    why = me.DictField()
    priority = me.IntField(required=True)
    due_at = me.DateTimeField(required=True)
    status = me.StringField(default="pending")
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "nudges",
            "indexes": [("org_id", "member_id", "status", "due_at"), ("org_id", "member_id", "_id")]}


class ProcessedEvent(BaseDocument):
    """`<consumer group>:<event id>` of every event a worker has fully handled."""

    id = me.StringField(primary_key=True)
    at = me.DateTimeField()

    meta = {"collection": "processed_events"}


OUTBOX_DOCUMENTS = [Nudge]
ALL_DOCUMENTS = [Nudge, ProcessedEvent]
