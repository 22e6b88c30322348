from enum import StrEnum


class InteractionInKind(StrEnum):
    CALL = "call"
    COFFEE = "coffee"
    HELP_GIVEN = "help_given"
    HELP_RECEIVED = "help_received"
    INTRO_MADE = "intro_made"
    MEETING = "meeting"
    MESSAGE = "message"
    MET = "met"

    def __str__(self) -> str:
        return str(self.value)
