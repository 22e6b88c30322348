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


class Plan(TenantDocument):
    """One per member (`_id` is the member id): the networking plan."""

    id = me.StringField(primary_key=True)
    style = me.StringField(required=True)
    weekly_budget = me.IntField(required=True)
    follow_up_days = me.IntField(required=True)
    max_nudges_per_day = me.IntField(required=True)
    timezone = me.StringField()
    working_hours = me.DictField()
    offers = me.ListField(me.StringField())
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "plans"}


OUTBOX_DOCUMENTS = [Goal, Plan]
ALL_DOCUMENTS = [Goal, Plan]
