"""The member's network as the goals service knows it: its read model (`NetworkRecord`, filled by
the follower from other services' events) joined into a `Picture`."""
from __future__ import annotations

from shared.db import Scope
from shared.readmodel import MongoReadModel

from ..domain.picture import Picture, picture_from
from .documents import NetworkRecord


class MongoNetwork:
    """The member's network from the goals read model: one read of their read-model document."""

    def picture(self, scope: Scope) -> Picture:
        return picture_from(MongoReadModel(NetworkRecord._get_collection()).records(scope.org_id, scope.member_id))
