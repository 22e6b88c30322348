from enum import StrEnum


class GoalPatchStatus(StrEnum):
    ACHIEVED = "achieved"
    ACTIVE = "active"
    ARCHIVED = "archived"

    def __str__(self) -> str:
        return str(self.value)
