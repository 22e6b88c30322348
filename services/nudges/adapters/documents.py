"""The nudges service's documents (the API and the workers share this database).

- `nudges`: the nudges themselves, each with its own outbox of `nudge.*` events;
- `nudge_read_model`: per member, every aggregate the workers learned from events
  (contact, interaction, gathering, goal, plan, profile), each with its `version`;
- `nudge_members`: per member, when to evaluate the rules next, and which partition
  (hence which worker) owns that member;
- `nudge_feeds`: ICS feed secrets (hashed); `nudge_sync_receipts`: the first results of each
  device's recent pushed mutations, capped (shared.syncing.Receipts); `processed_events`: the
  consumer's dedupe markers.
"""
import mongoengine as me

from shared.db import BaseDocument, TenantDocument


class Nudge(TenantDocument):
    id = me.StringField(primary_key=True)  # deterministic: member, rule and occurrence
    rule = me.StringField(required=True)
    kind = me.StringField(required=True)
    key = me.ListField(me.StringField())
    contact_id = me.StringField()
    goal_id = me.StringField()
    contact_ids = me.ListField(me.StringField())
    sentence = me.StringField(required=True)
    why = me.DictField()
    priority = me.IntField(required=True)
    due_at = me.DateTimeField(required=True)
    timezone = me.StringField()
    issued_day = me.StringField()
    status = me.StringField(default="pending")
    status_version = me.IntField()
    snoozed_until = me.DateTimeField()
    reason = me.StringField()
    note = me.StringField()
    withdrawn_reason = me.StringField()
    merged_into = me.StringField()
    scrubbed = me.BooleanField()
    applied_mutations = me.ListField(me.DictField())
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "nudges",
            "indexes": [("org_id", "member_id", "status", "due_at"), ("org_id", "member_id", "due_at", "_id"),
                        ("org_id", "member_id", "updated_at", "_id"), ("org_id", "member_id", "contact_ids"),
                        ("status", "updated_at")]}


class ReadRecord(BaseDocument):
    """One member's picture (`_id` org|member): `a.<kind>.<id>` = {i: id, v: version,
    d: deleted, s: state} per aggregate, `t.<kind>.<id>` = when it was first seen."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    a = me.DictField()
    t = me.DictField()

    meta = {"collection": "nudge_read_model"}


class MemberClock(BaseDocument):
    """When to look at a member again; the partition says which worker does (`_id` org|member)."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    partition = me.IntField(required=True)
    next_eval_at = me.DateTimeField()
    seq = me.IntField(default=0)
    lease_owner = me.StringField()
    lease_until = me.DateTimeField()
    erased = me.BooleanField()
    slot = me.StringField()  # <partition>:<minute of next_eval_at> (adapters/schedule.py)

    meta = {"collection": "nudge_members", "indexes": [("partition", "next_eval_at"), "slot"]}


class IcsFeed(BaseDocument):
    """A member's calendar feed; `_id` is the SHA-256 of the secret in its URL."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    created_at = me.DateTimeField(required=True)

    meta = {"collection": "nudge_feeds", "indexes": [("org_id", "member_id")]}


class SyncReceipt(BaseDocument):
    """First results of a device's recent mutations, in a few buckets per device (`_id`
    org|member|device:<bucket>, bucket = a hash of the mutation id), at most about
    `NUDGES_SYNC_RECEIPTS` a device (shared.syncing.Receipts)."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    device_id = me.StringField()
    receipts = me.DictField()   # mutation id -> {"result": first result, "at": when kept}
    count = me.IntField(default=0)

    meta = {"collection": "nudge_sync_receipts", "indexes": [("org_id", "member_id")]}


class ProcessedEvent(BaseDocument):
    """`<consumer group>:<event id>` of every event a worker has fully handled."""

    id = me.StringField(primary_key=True)
    at = me.DateTimeField()

    meta = {"collection": "processed_events"}


OUTBOX_DOCUMENTS = [Nudge]
ALL_DOCUMENTS = [Nudge, ReadRecord, MemberClock, IcsFeed, SyncReceipt, ProcessedEvent]
