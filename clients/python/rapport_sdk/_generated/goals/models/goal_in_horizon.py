from enum import StrEnum


class GoalInHorizon(StrEnum):
    INTERIM = "interim"
    ULTIMATE = "ultimate"

    def __str__(self) -> str:
        return str(self.value)
