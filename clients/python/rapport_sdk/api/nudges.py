"""The nudges service: nudges and the calendar feed."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from .._generated.nudges import models as m
from .._generated.nudges.api.feeds import delete_v1_feeds_ics, get_v1_feeds_ics_secret_ics, post_v1_feeds_ics
from .._generated.nudges.api.nudges import (
    get_v1_nudges, get_v1_nudges_nudge_id, post_v1_nudges_nudge_id_dismiss, post_v1_nudges_nudge_id_done,
    post_v1_nudges_nudge_id_snooze)
from ._base import Body, Group, body, given


class Nudges(Group):
    """`/v1/nudges`"""

    def list(self, *, status: Iterable[str] | None = None, kind: str | None = None, contact_id: str | None = None,
             goal_id: str | None = None, due_before: datetime | None = None,
             page_size: int | None = None) -> Iterator[m.NudgeOut]:
        statuses = None if status is None else [m.GetV1NudgesStatusType0Item(s) for s in status]
        return self._caller.pages(get_v1_nudges, m.NudgeOut, page_size=page_size, **given(
            status=statuses, kind=None if kind is None else m.GetV1NudgesKindType1(kind), contact_id=contact_id,
            goal_id=goal_id, due_before=due_before))

    def get(self, nudge_id: str) -> m.NudgeOut:
        return self._caller.call(get_v1_nudges_nudge_id, nudge_id)

    def done(self, nudge_id: str, done: m.DoneIn | Body | None = None) -> m.NudgeOut:
        return self._caller.call(post_v1_nudges_nudge_id_done, nudge_id, body=body(done or {}))

    def snooze(self, nudge_id: str, snooze: m.SnoozeIn | Body) -> m.NudgeOut:
        return self._caller.call(post_v1_nudges_nudge_id_snooze, nudge_id, body=body(snooze))

    def dismiss(self, nudge_id: str, dismiss: m.DismissIn | Body) -> m.NudgeOut:
        return self._caller.call(post_v1_nudges_nudge_id_dismiss, nudge_id, body=body(dismiss))


class Feeds(Group):
    """`/v1/feeds/ics`: the member's secret calendar feed of nudges."""

    def create(self) -> m.FeedOut:
        """A new feed address (any earlier one stops working)."""
        return self._caller.call(post_v1_feeds_ics)

    def delete(self) -> None:
        self._caller.call(delete_v1_feeds_ics)

    def ics(self, secret: str) -> str:
        """The feed itself (text/calendar); its secret is its only credential."""
        return self._caller.request(get_v1_feeds_ics_secret_ics, secret).text
