"""The accounts service's documents."""
import mongoengine as me

from shared.db import OutboxDocument, TenantDocument

from .signin_documents import SIGNIN_DOCUMENTS, Device


class Org(OutboxDocument):
    id = me.StringField(primary_key=True)
    name = me.StringField(required=True)
    slug = me.StringField(required=True, unique=True)
    created_at = me.DateTimeField(required=True)

    meta = {"collection": "orgs"}


class Member(TenantDocument):
    """A member is owned by itself: org_id + member_id (= _id)."""

    id = me.StringField(primary_key=True)
    email = me.StringField(required=True)
    display_name = me.StringField(required=True)
    timezone = me.StringField(default="UTC")
    roles = me.ListField(me.StringField())
    status = me.StringField(default="active")
    created_at = me.DateTimeField(required=True)

    meta = {"collection": "members",
            "indexes": [{"fields": ("org_id", "email"), "unique": True}, "email"]}


OUTBOX_DOCUMENTS = [Org, Member, Device]
ALL_DOCUMENTS = [Org, Member, *SIGNIN_DOCUMENTS]
