from enum import StrEnum


class CriteriaInChannelType2Type1(StrEnum):
    CALLS = "calls"
    COFFEE = "coffee"
    EVENTS = "events"
    ONLINE = "online"
    SPEAKING = "speaking"
    WRITING = "writing"

    def __str__(self) -> str:
        return str(self.value)
