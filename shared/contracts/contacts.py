"""Events published by the contacts service on `rapport.contacts.v1`.

`contact.created` and `contact.updated` carry the contact's current state (the fields
nudges need), so a consumer never has to read the contacts database. `source` says whether
the member captured the person (`capture`) or imported them in bulk (`import`: a rule may
not want to suggest a follow-up for each of 2,000 imported LinkedIn connections).
A merge publishes `contact.updated` for the contact that stays (its interactions move to it
with `interaction.updated`) and `contact.merged` for the one merged away.
"""
from marshmallow import fields

from ..events import contract
from ..schema import EventSchema, UtcDateTime

# The vocabulary of interactions, one list for every service that writes or reads them.
INTERACTION_KINDS = ("met", "call", "coffee", "message", "meeting", "intro_made", "help_given", "help_received")
DIRECTIONS = ("gave", "received", "mutual")  # from the member's side

_CONTACT = {
    "contact_id": "c-1", "version": 1, "display_name": "Grace Hopper", "company": "Navy",
    "title": "Rear Admiral", "tier": "mentor", "tags": ["compilers"],
    "needs": ["a reviewer for her paper"], "offers": ["intro to the COBOL committee"],
    "goal_links": ["g-1"], "gathering_id": "gat-1", "met_at": "2026-05-01T09:00:00.000Z",
    "source": "capture",
}


class ContactState(EventSchema):
    contact_id = fields.String(required=True)
    version = fields.Integer(required=True)
    display_name = fields.String(required=True)
    company = fields.String(allow_none=True, load_default=None)
    title = fields.String(allow_none=True, load_default=None)
    tier = fields.String(allow_none=True, load_default=None)
    tags = fields.List(fields.String(), load_default=list)
    needs = fields.List(fields.String(), load_default=list)
    offers = fields.List(fields.String(), load_default=list)
    goal_links = fields.List(fields.String(), load_default=list)
    gathering_id = fields.String(allow_none=True, load_default=None)
    met_at = UtcDateTime(allow_none=True, load_default=None)
    source = fields.String(load_default="capture")  # capture | import (added later: optional)


contract("contact.created", 1, _CONTACT)(ContactState)


@contract("contact.updated", 1, _CONTACT)
class ContactUpdated(ContactState):
    pass


@contract("contact.deleted", 1, {"contact_id": "c-1", "version": 3})
class ContactDeleted(EventSchema):
    contact_id = fields.String(required=True)
    version = fields.Integer(required=True)


@contract("contact.merged", 1, {"contact_id": "c-2", "merged_into": "c-1", "version": 4})
class ContactMerged(EventSchema):
    contact_id = fields.String(required=True)
    merged_into = fields.String(required=True)
    version = fields.Integer(required=True)


_INTERACTION = {"interaction_id": "i-1", "contact_id": "c-1", "version": 1, "kind": "coffee",
                "occurred_at": "2026-05-02T09:00:00.000Z", "direction": "mutual", "gathering_id": None}


class InteractionState(EventSchema):
    interaction_id = fields.String(required=True)
    contact_id = fields.String(required=True)
    version = fields.Integer(required=True)
    kind = fields.String(required=True)
    occurred_at = UtcDateTime(required=True)
    direction = fields.String(allow_none=True, load_default=None)
    gathering_id = fields.String(allow_none=True, load_default=None)


contract("interaction.logged", 1, _INTERACTION)(InteractionState)


@contract("interaction.updated", 1, _INTERACTION)
class InteractionUpdated(InteractionState):
    pass


@contract("interaction.deleted", 1, {"interaction_id": "i-1", "contact_id": "c-1", "version": 2})
class InteractionDeleted(EventSchema):
    interaction_id = fields.String(required=True)
    contact_id = fields.String(required=True)
    version = fields.Integer(required=True)


_GATHERING = {"gathering_id": "gat-1", "version": 1, "name": "PyCon", "starts_on": "2026-05-01",
              "ends_on": "2026-05-03", "place": "Pittsburgh", "kind": "conference",
              "link": "https://us.pycon.org/2026"}


class GatheringState(EventSchema):
    gathering_id = fields.String(required=True)
    version = fields.Integer(required=True)
    name = fields.String(required=True)
    starts_on = fields.Date(allow_none=True, load_default=None)
    ends_on = fields.Date(allow_none=True, load_default=None)
    place = fields.String(allow_none=True, load_default=None)
    kind = fields.String(allow_none=True, load_default=None)   # conference | meetup (optional)
    link = fields.String(allow_none=True, load_default=None)   # optional


contract("gathering.created", 1, _GATHERING)(GatheringState)


@contract("gathering.updated", 1, _GATHERING)
class GatheringUpdated(GatheringState):
    pass


@contract("gathering.deleted", 1, {"gathering_id": "gat-1", "version": 2})
class GatheringDeleted(EventSchema):
    gathering_id = fields.String(required=True)
    version = fields.Integer(required=True)
