from enum import StrEnum


class GetV1GatheringsKind(StrEnum):
    CONFERENCE = "conference"
    MEETUP = "meetup"

    def __str__(self) -> str:
        return str(self.value)
