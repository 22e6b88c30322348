from enum import StrEnum


class GatheringFieldsKind(StrEnum):
    CONFERENCE = "conference"
    MEETUP = "meetup"

    def __str__(self) -> str:
        return str(self.value)
