"""The goals service's documents."""
import mongoengine as me

from shared.db import TenantDocument


class Goal(TenantDocument):
    id = me.StringField(primary_key=True)
    title = me.StringField(required=True)
    horizon = me.StringField(required=True)  # ultimate | interim
    status = me.StringField(default="active")
    target_date = me.StringField()
    why = me.StringField()
    milestones = me.ListField(me.DictField())
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "goals", "indexes": [("org_id", "member_id", "_id")]}


OUTBOX_DOCUMENTS = [Goal]
ALL_DOCUMENTS = [Goal]
