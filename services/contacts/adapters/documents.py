"""The contacts service's documents (its own database; nobody else reads it)."""
import mongoengine as me

from shared.db import TenantDocument


class Contact(TenantDocument):
    id = me.StringField(primary_key=True)
    display_name = me.StringField(required=True)
    emails = me.ListField(me.StringField())
    phones = me.ListField(me.StringField())
    company = me.StringField()
    title = me.StringField()
    tier = me.StringField()
    tags = me.ListField(me.StringField())
    notes = me.StringField()
    needs = me.ListField(me.StringField())
    offers = me.ListField(me.StringField())
    goal_links = me.ListField(me.StringField())
    gathering_id = me.StringField()
    met_at = me.DateTimeField()
    source = me.StringField(default="capture")
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "contacts", "indexes": [("org_id", "member_id", "_id")]}


OUTBOX_DOCUMENTS = [Contact]
ALL_DOCUMENTS = [Contact]
