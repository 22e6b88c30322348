"""The goals service's documents."""
import mongoengine as me

from shared.db import BaseDocument, Scope, Scoped, TenantDocument

from ..domain.goals import ultimate_key as key_of


class Goal(TenantDocument):
    id = me.StringField(primary_key=True)
    title = me.StringField(required=True)
    horizon = me.StringField(required=True)  # ultimate | interim
    status = me.StringField(default="active")
    target_date = me.StringField()
    why = me.StringField()
    milestones = me.ListField(me.DictField())
    parent_goal_id = me.StringField()     # interim goals: the ultimate goal they serve
    previous_goal_id = me.StringField()   # set by a change of direction: the goal replaced
    replaced_by = me.StringField()        # the goal a change of direction set instead
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)
    # one active ultimate goal per member: see services/goals/domain/goals.py
    ultimate_key = me.StringField()

    meta = {"collection": "goals", "indexes": [
        ("org_id", "member_id", "_id"),
        ("org_id", "member_id", "updated_at", "_id"),  # sync pulls in write order
        {"fields": ("org_id", "member_id", "ultimate_key"), "unique": True, "name": "one_active_ultimate_goal"},
    ]}

    @classmethod
    def ensure_indexes(cls) -> None:
        """Goals stored before `ultimate_key` existed get it first, so its unique index can be
        built (by the API or the follower, whichever starts first). Should a member hold two
        active ultimate goals from before, the newest keeps the key and the others get their
        own id (they stay as they are; archiving one is the member's choice)."""
        coll = cls._get_collection()
        holders: set[tuple[str, str]] = set()
        for doc in coll.find({"ultimate_key": {"$exists": False}}, {"horizon": 1, "status": 1, "deleted": 1,
                                                                    "org_id": 1, "member_id": 1, "created_at": 1}
                             ).sort("created_at", -1):
            owner = (doc["org_id"], doc["member_id"])
            scoped = Scoped(coll, Scope(*owner))
            key = key_of(doc)
            if key != doc["_id"]:  # an active ultimate goal: the member's first one keeps the key
                if owner in holders or scoped.find_one({"ultimate_key": key}, {"_id": 1}) is not None:
                    key = doc["_id"]
                holders.add(owner)
            scoped.update_one({"_id": doc["_id"]}, {"$set": {"ultimate_key": key}})
        super().ensure_indexes()


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
    channels = me.DictField()            # channel → share; plans from before read with the style's
    commitments = me.ListField(me.DictField())
    answers = me.DictField(null=True)    # the questionnaire's, when it set the plan
    reasoning = me.ListField(me.StringField())
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "plans"}


class NetworkRecord(BaseDocument):
    """The goals service's read model of one member's network (`_id` org|member), learnt from
    `contact.*`, `interaction.*`, `gathering.*`, `nudge.*` and account events by its follower
    (shared.readmodel: `a.<kind>.<id>` = {i, v, d, s} per aggregate, `t.<kind>.<id>` first seen)."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    a = me.DictField()
    t = me.DictField()

    meta = {"collection": "goals_network", "indexes": [("org_id", "member_id")]}


class GoalSyncReceipt(BaseDocument):
    """First results of a device's recent `goals` sync mutations, in a few buckets per device
    (`_id` org|member|device:<bucket>; shared.syncing.Receipts)."""

    id = me.StringField(primary_key=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    device_id = me.StringField()
    receipts = me.DictField()
    count = me.IntField(default=0)

    meta = {"collection": "goals_sync_receipts", "indexes": [("org_id", "member_id")]}


class Objective(TenantDocument):
    """A networking objective (services/goals/domain/objectives.py); its progress is computed
    when read, never stored."""

    id = me.StringField(primary_key=True)
    title = me.StringField()
    kind = me.StringField(required=True)
    target = me.IntField(required=True)
    per = me.StringField()
    starts_on = me.StringField()
    due_date = me.StringField()
    goal_id = me.StringField()
    milestone_id = me.StringField()
    criteria = me.DictField()
    status = me.StringField(default="active")
    met_at = me.DateTimeField()
    deleted = me.BooleanField(default=False)
    created_at = me.DateTimeField(required=True)
    updated_at = me.DateTimeField(required=True)

    meta = {"collection": "goals_objectives", "indexes": [("org_id", "member_id", "_id")]}


class PlanSuggestion(TenantDocument):
    """An adjustment the plan proposes from outcomes (domain/learning.py); `_id` is deterministic
    over org, member, rule and ISO week. Status: proposed | accepted | declined | expired."""

    id = me.StringField(primary_key=True)
    rule = me.StringField(required=True)
    status = me.StringField(required=True, default="proposed")
    changes = me.DictField()
    reason = me.StringField(required=True)
    evidence = me.DictField()
    plan_version = me.IntField(null=True)
    week = me.StringField(required=True)
    created_at = me.DateTimeField(required=True)
    decided_at = me.DateTimeField()

    meta = {"collection": "plan_suggestions", "indexes": [("org_id", "member_id", "status", "created_at")]}


OUTBOX_DOCUMENTS = [Goal, Plan, Objective, PlanSuggestion]
ALL_DOCUMENTS = [Goal, Plan, NetworkRecord, Objective, PlanSuggestion, GoalSyncReceipt]
