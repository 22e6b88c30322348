from enum import StrEnum


class ObjectiveInKind(StrEnum):
    FIND_MENTOR = "find_mentor"
    GIVE_FIRST = "give_first"
    MEET = "meet"
    STRENGTHEN = "strengthen"
    TOUCHES = "touches"

    def __str__(self) -> str:
        return str(self.value)
