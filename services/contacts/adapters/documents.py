"""The contacts service's documents (its own database; nobody else reads it).

mongoengine declares fields and indexes in one place; the service reads and writes through
raw pymongo collections (`Scoped`), so documents here are never instantiated on hot paths.
Records (contacts, interactions, gatherings) are kept as tombstones after a delete or a
merge (`deleted`, `deleted_at`, `merged_into`) until tombstone retention has passed.
"""
import mongoengine as me

from shared.db import BaseDocument, TenantDocument

_OPEN = {"strict": False}  # documents carry server fields (outbox, sync) beyond those declared


class Record(TenantDocument):
    """What every synced record has: a client-generated id, a version, per-field versions."""

    id = me.StringField(primary_key=True)
    field_versions = me.DictField()            # field -> version at which it last changed
    recent_mutations = me.ListField(me.DictField())  # {k: <device>:<mutation id>, v, s} of the last writes
    search = me.StringField()                  # folded words for text search (no $text on FerretDB)
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)
    deleted = me.BooleanField(default=False)
    deleted_at = me.DateTimeField()

    meta = {"abstract": True, **_OPEN}


class Contact(Record):
    display_name = me.StringField()
    given_name = me.StringField()
    family_name = me.StringField()
    emails = me.ListField(me.StringField())
    phones = me.ListField(me.StringField())
    country = me.StringField()
    company = me.StringField()
    title = me.StringField()
    profile_urls = me.ListField(me.StringField())
    tags = me.ListField(me.StringField())
    tier = me.StringField()
    goal_links = me.ListField(me.StringField())
    can_help_with = me.StringField()
    needs = me.ListField(me.StringField())
    offers = me.ListField(me.StringField())
    notes = me.StringField()
    gathering_id = me.StringField()
    met_at = me.DateTimeField()
    birthday = me.StringField()
    share_with_colleagues = me.BooleanField(default=False)
    source = me.StringField(default="capture")
    dedupe_keys = me.ListField(me.StringField())   # e:<email> p:<phone> u:<url> c:<company>
    import_keys = me.ListField(me.StringField())   # vcard:<uid>, linkedin:<url>, ...
    import_mark = me.DictField()                    # {job, rows: {line: created|updated|unchanged}}: the last
                                                    # import's rows that wrote it, so a redone chunk counts right
    merged_from = me.ListField(me.DictField())      # provenance of merges
    merged_into = me.StringField()

    meta = {"collection": "contacts", **_OPEN,
            "indexes": [("org_id", "member_id", "_id"), ("org_id", "member_id", "dedupe_keys"),
                        ("org_id", "member_id", "tags"), ("org_id", "member_id", "import_keys"),
                        ("org_id", "member_id", "deleted", "deleted_at")]}


class Interaction(Record):
    contact_id = me.StringField()
    kind = me.StringField()
    occurred_at = me.DateTimeField()
    notes = me.StringField()
    gathering_id = me.StringField()
    direction = me.StringField()

    meta = {"collection": "interactions", **_OPEN,
            "indexes": [("org_id", "member_id", "_id"), ("org_id", "member_id", "contact_id"),
                        ("org_id", "member_id", "deleted", "deleted_at")]}


class Gathering(Record):
    name = me.StringField()
    kind = me.StringField()
    starts_on = me.StringField()   # YYYY-MM-DD
    ends_on = me.StringField()
    place = me.StringField()
    link = me.StringField()

    meta = {"collection": "gatherings", **_OPEN,
            "indexes": [("org_id", "member_id", "_id"), ("org_id", "member_id", "deleted", "deleted_at")]}


class SyncChange(BaseDocument):
    """One slot of a member's change log: record `rid` of `coll` reached version `v` at `seq`.

    `_id` is `<member key>:<seq, zero-padded>`, so a slot is taken by exactly one insert;
    the unique (coll, rid, v) index keeps a version from being logged twice.
    """

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    seq = me.IntField(required=True)
    coll = me.StringField(required=True)
    rid = me.StringField(required=True)
    v = me.IntField(required=True)
    at = me.DateTimeField(required=True)

    meta = {"collection": "sync_changes", **_OPEN,
            "indexes": [("org_id", "member_id", "seq"),
                        {"fields": ("org_id", "member_id", "coll", "rid", "v"), "unique": True}]}


class SyncHead(BaseDocument):
    """Per member: the highest slot taken (a hint for writers) and what tombstone purges removed."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    seq = me.IntField(default=0)
    purged_seq = me.IntField(default=0)
    purged_at = me.DateTimeField()

    meta = {"collection": "sync_heads", **_OPEN}


class SyncIntent(BaseDocument):
    """Records about to be written; removed once their versions are in the change log.
    An intent left behind by a crash is repaired by the next pull."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    items = me.ListField(me.StringField())  # "<coll>/<id>"
    at = me.DateTimeField(required=True)

    meta = {"collection": "sync_intents", **_OPEN, "indexes": [("org_id", "member_id", "at")]}


class SyncDevice(BaseDocument):
    """The contacts sync state of one of a member's devices (an accounts device session; `_id`
    is its id, the tokens' `sid`): what the accounts events said of it and when it last synced."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    name = me.StringField()
    client_id = me.StringField()
    registered_at = me.DateTimeField()   # from account.device_registered (none until it arrives)
    revoked_at = me.DateTimeField()      # from account.device_revoked
    revoked_reason = me.StringField()
    last_push_at = me.DateTimeField()
    last_pull_at = me.DateTimeField()
    pushes = me.IntField(default=0)

    meta = {"collection": "sync_devices", **_OPEN, "indexes": [("org_id", "member_id")]}


class SyncReceipts(BaseDocument):
    """First results of a device's recent mutations, spread over a few buckets per device
    (`_id` = `<device>:<bucket>`, bucket = a hash of the mutation id), so a push reads and
    writes only small documents, by `_id`."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    device_id = me.StringField(required=True)
    receipts = me.DictField()          # mutation id -> first result (compact)
    count = me.IntField(default=0)

    meta = {"collection": "sync_receipts", **_OPEN}


class ImportJob(BaseDocument):
    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    format = me.StringField(required=True)
    filename = me.StringField()
    status = me.StringField(required=True)
    counts = me.DictField()
    errors = me.ListField(me.DictField())
    warnings = me.ListField(me.DictField())
    queued_at = me.DateTimeField(required=True)
    started_at = me.DateTimeField()
    finished_at = me.DateTimeField()
    lease_owner = me.StringField()
    lease_until = me.DateTimeField()

    meta = {"collection": "import_jobs", **_OPEN, "indexes": [("org_id", "member_id", "_id"), ("status", "queued_at")]}


class ImportFile(BaseDocument):
    """The uploaded file of an import job, kept until the job has finished."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    content_type = me.StringField(required=True)
    body = me.BinaryField(required=True)

    meta = {"collection": "import_files", **_OPEN, "indexes": [("org_id", "member_id")]}


OUTBOX_DOCUMENTS = [Contact, Interaction, Gathering]
ALL_DOCUMENTS = [Contact, Interaction, Gathering, SyncChange, SyncHead, SyncIntent, SyncDevice, SyncReceipts,
                 ImportJob, ImportFile]
