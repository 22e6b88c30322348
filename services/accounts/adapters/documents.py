"""The accounts service's documents."""
import mongoengine as me

from shared.db import BaseDocument, OutboxDocument, TenantDocument

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
    invited_by = me.StringField()      # the admin who invited them (POST /v1/members/invitations)
    invited_at = me.DateTimeField()    # when the last invitation was sent or tried
    # audit entries written with a change of this member, until they are in `audit` (adapters/audit.py)
    audit_pending = me.ListField(me.DictField())
    audit_pending_org = me.StringField()

    meta = {"collection": "members",
            "indexes": [{"fields": ("org_id", "email"), "unique": True}, "email", "audit_pending_org"]}


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


OUTBOX_DOCUMENTS = [Org, Member, Device]
ALL_DOCUMENTS = [Org, Member, AuditEntry, *SIGNIN_DOCUMENTS]


# Organisation sign-in through the organisation's own OpenID provider (adapters/sso_store.py)

class OrgSso(BaseDocument):
    """An organisation's OpenID provider: one per organisation (`_id` = the organisation's id).
    It carries the audit entries of its changes (adapters/audit.py), so a removal keeps the
    document (`removed`) instead of deleting it."""

    id = me.StringField(primary_key=True)
    issuer = me.StringField()
    client_id = me.StringField()
    client_secret = me.StringField()  # never in an answer
    allowed_domains = me.ListField(me.StringField())
    removed = me.BooleanField(default=False)
    updated_at = me.DateTimeField(required=True)
    version = me.IntField(default=0)
    audit_pending = me.ListField(me.DictField())
    audit_pending_org = me.StringField()

    meta = {"collection": "org_sso", "indexes": ["audit_pending_org"]}


class SsoDomain(BaseDocument):
    """An email domain one organisation signs in through its provider: `_id` is the domain, so no
    two organisations hold the same one."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)

    meta = {"collection": "sso_domains", "indexes": ["org_id"]}


class SsoLogin(BaseDocument):
    """A sign-in sent to a provider and not yet back: `_id` is its `state`; used once."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    nonce = me.StringField(required=True)
    code_verifier = me.StringField(required=True)
    pending = me.StringField(required=True)
    redirect_uri = me.StringField(required=True)
    expires_at = me.DateTimeField(required=True)
    used = me.BooleanField(default=False)

    meta = {"collection": "sso_logins", "indexes": ["expires_at"]}


class SsoIdentity(BaseDocument):
    """Which member a provider's subject is in an organisation: `_id` is a hash of organisation,
    issuer and `sub` (the identifier OpenID Connect promises to keep stable; an email may change)."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    created_at = me.DateTimeField(required=True)

    meta = {"collection": "sso_identities", "indexes": [("org_id", "member_id")]}


SSO_DOCUMENTS = [OrgSso, SsoDomain, SsoLogin, SsoIdentity]
ALL_DOCUMENTS += SSO_DOCUMENTS
