"""The vocabulary of contacts, interactions and gatherings: kinds, enums and field lists."""
from __future__ import annotations

from shared.contracts.contacts import DIRECTIONS, INTERACTION_KINDS  # noqa: F401 - shared with nudges

TIERS = ("mentor", "guardian", "sponsor", "peer", "acquaintance")
GATHERING_KINDS = ("conference", "meetup")
SOURCES = ("capture", "import")

CONTACTS, INTERACTIONS, GATHERINGS = "contacts", "interactions", "gatherings"
COLLECTIONS = (CONTACTS, INTERACTIONS, GATHERINGS)

# The fields a client sets, per collection (everything else is the server's).
CONTACT_FIELDS = (
    "display_name", "given_name", "family_name", "emails", "phones", "country", "company", "title",
    "profile_urls", "tags", "tier", "goal_links", "can_help_with", "needs", "offers", "notes",
    "gathering_id", "met_at", "birthday", "share_with_colleagues",
)
INTERACTION_FIELDS = ("contact_id", "kind", "occurred_at", "notes", "gathering_id", "direction")
GATHERING_FIELDS = ("name", "kind", "starts_on", "ends_on", "place", "link")

DATA_FIELDS = {CONTACTS: CONTACT_FIELDS, INTERACTIONS: INTERACTION_FIELDS, GATHERINGS: GATHERING_FIELDS}

LIST_FIELDS = frozenset({"emails", "phones", "profile_urls", "tags", "goal_links", "needs", "offers"})

# Server-kept fields derived from data fields (never sent by clients, never synced).
DERIVED_FIELDS = ("search", "dedupe_keys")

# How many mutations a record remembers (with the version and status each write gave), so a
# retried mutation is answered its first result and never applied twice, even when the
# device's receipt for it is gone.
RECENT_MUTATIONS = 32


def empty(value) -> bool:
    return value is None or value == "" or value == []


class Notice(dict):
    """A warning about one value of an imported file, as an import job lists it: the line the
    value is on, the file's name for it (`TEL`, `Connected On`, `emails`), the value as the
    file has it, and a sentence saying what was done."""

    kept = False  # whether the value is worth keeping in the contact's notes for the member to fix

    def __init__(self, line: int, field: str, value: str, message: str):
        super().__init__(line=line, field=field, value=value, message=f"line {line}: {message}")

    @classmethod
    def dropped(cls, line: int, field: str, value: str, reason: str) -> "Notice":
        """A value left out of the contact (the contact itself is kept)."""
        shown = value if len(value) <= 200 else value[:200] + "…"
        notice = cls(line, field, shown, f"{field} {shown!r} {reason}; the contact was imported without it")
        notice.kept = True
        return notice
