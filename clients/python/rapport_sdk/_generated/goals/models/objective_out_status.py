from enum import StrEnum


class ObjectiveOutStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    MET = "met"
    MISSED = "missed"

    def __str__(self) -> str:
        return str(self.value)
