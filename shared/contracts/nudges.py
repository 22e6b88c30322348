"""Events published by the nudges service on `rapport.nudges.v1`.

- `nudge.created` / `nudge.updated`: the nudge's state after each change (status
  pending, snoozed, done, dismissed or withdrawn; `reason` is the member's dismissal
  reason or why the coach withdrew it).
- `nudge.completed`: the member marked a nudge done. When they also logged what they did,
  `interaction` carries it (with a deterministic `interaction_id`) so the contacts service
  can record the interaction — the nudges service never writes the contacts database.
"""
from marshmallow import fields

from ..events import contract
from ..schema import EventSchema, UtcDateTime

_NUDGE = {"nudge_id": "n-1", "kind": "follow_up", "rule": "follow_up_after_meeting", "contact_id": "c-1",
          "goal_id": None, "status": "pending", "due_at": "2026-05-02T09:00:00.000Z", "priority": 2,
          "reason": None, "snoozed_until": None, "version": 1}


class NudgeState(EventSchema):
    nudge_id = fields.String(required=True)
    kind = fields.String(required=True)
    rule = fields.String(allow_none=True, load_default=None)
    contact_id = fields.String(allow_none=True, load_default=None)
    goal_id = fields.String(allow_none=True, load_default=None)
    status = fields.String(required=True)
    due_at = UtcDateTime(required=True)
    priority = fields.Integer(required=True)
    reason = fields.String(allow_none=True, load_default=None)
    snoozed_until = UtcDateTime(allow_none=True, load_default=None)
    version = fields.Integer(allow_none=True, load_default=None)  # the nudge's version (added later: may be absent)


contract("nudge.created", 1, _NUDGE)(NudgeState)


@contract("nudge.updated", 1, {**_NUDGE, "status": "dismissed", "reason": "not_relevant"})
class NudgeUpdated(NudgeState):
    pass


class LoggedInteraction(EventSchema):
    interaction_id = fields.String(required=True)
    contact_id = fields.String(required=True)
    kind = fields.String(required=True)
    occurred_at = UtcDateTime(required=True)
    note = fields.String(allow_none=True, load_default=None)
    direction = fields.String(allow_none=True, load_default=None)


@contract("nudge.completed", 1, {
    "nudge_id": "n-1", "rule": "follow_up_after_meeting", "kind": "follow_up", "contact_id": "c-1", "goal_id": None,
    "completed_at": "2026-05-02T10:00:00.000Z", "note": "Sent her the slides",
    "interaction": {"interaction_id": "0f5c3b6e9a8d4f1e8b7a6c5d4e3f2a1b", "contact_id": "c-1", "kind": "message",
                    "occurred_at": "2026-05-02T10:00:00.000Z", "note": "Sent her the slides", "direction": None}})
class NudgeCompleted(EventSchema):
    nudge_id = fields.String(required=True)
    rule = fields.String(allow_none=True, load_default=None)
    kind = fields.String(required=True)
    contact_id = fields.String(allow_none=True, load_default=None)
    goal_id = fields.String(allow_none=True, load_default=None)
    completed_at = UtcDateTime(required=True)
    note = fields.String(allow_none=True, load_default=None)
    interaction = fields.Nested(LoggedInteraction, allow_none=True, load_default=None)
