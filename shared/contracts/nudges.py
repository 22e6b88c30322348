"""Events published by the nudges service on `rapport.nudges.v1`."""
from marshmallow import fields

from ..events import contract
from ..schema import EventSchema, UtcDateTime

_NUDGE = {"nudge_id": "n-1", "kind": "follow_up", "contact_id": "c-1", "goal_id": None,
          "status": "pending", "due_at": "2026-05-02T09:00:00.000Z", "priority": 2}


class NudgeState(EventSchema):
    nudge_id = fields.String(required=True)
    kind = fields.String(required=True)
    contact_id = fields.String(allow_none=True, load_default=None)
    goal_id = fields.String(allow_none=True, load_default=None)
    status = fields.String(required=True)
    due_at = UtcDateTime(required=True)
    priority = fields.Integer(required=True)


contract("nudge.created", 1, _NUDGE)(NudgeState)


@contract("nudge.updated", 1, _NUDGE)
class NudgeUpdated(NudgeState):
    pass
