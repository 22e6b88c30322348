from enum import StrEnum


class GatheringPatchKind(StrEnum):
    CONFERENCE = "conference"
    MEETUP = "meetup"

    def __str__(self) -> str:
        return str(self.value)
