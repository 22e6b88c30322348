from enum import StrEnum


class ObjectiveInPerType1(StrEnum):
    MONTH = "month"
    WEEK = "week"

    def __str__(self) -> str:
        return str(self.value)
