from enum import StrEnum


class CommitmentInWhat(StrEnum):
    CALLS = "calls"
    COFFEE = "coffee"
    EVENTS = "events"
    GIVE_FIRST = "give_first"
    ONLINE = "online"
    SPEAKING = "speaking"
    WRITING = "writing"

    def __str__(self) -> str:
        return str(self.value)
