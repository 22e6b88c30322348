from enum import StrEnum


class PlanInStyle(StrEnum):
    AMBIVERT = "ambivert"
    EXTROVERT = "extrovert"
    INTROVERT = "introvert"

    def __str__(self) -> str:
        return str(self.value)
