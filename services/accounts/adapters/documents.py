"""The accounts service's documents."""
import mongoengine as me

from shared.db import BaseDocument, OutboxDocument, TenantDocument


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
    invited_by = me.StringField()      # the admin who invited them (POST /v1/members/invitations)
    invited_at = me.DateTimeField()    # when the last invitation was sent or tried
    # audit entries written with a change of this member, until they are in `audit` (adapters/audit.py)
    audit_pending = me.ListField(me.DictField())
    audit_pending_org = me.StringField()

    meta = {"collection": "members",
            "indexes": [{"fields": ("org_id", "email"), "unique": True}, "audit_pending_org"]}


class AuditEntry(BaseDocument):
    """One admin action (domain/admin.py `audit_entry`): who, what, when; listed newest first."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    at = me.DateTimeField(required=True)
    actor = me.DictField(required=True)   # member_id, email (at the time)
    action = me.StringField(required=True)
    target = me.StringField(null=True)    # the member acted on, if any
    details = me.DictField()

    meta = {"collection": "audit", "indexes": [("org_id", "at")]}


OUTBOX_DOCUMENTS = [Org, Member]
ALL_DOCUMENTS = [Org, Member, AuditEntry]
