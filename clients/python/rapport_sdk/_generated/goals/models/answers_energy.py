from enum import StrEnum


class AnswersEnergy(StrEnum):
    BOTH = "both"
    GROUPS = "groups"
    ONE_TO_ONE = "one_to_one"

    def __str__(self) -> str:
        return str(self.value)
