from enum import StrEnum


class AnswersPreferredTimeType2Type1(StrEnum):
    ANY = "any"
    EVENINGS = "evenings"
    WORKING_HOURS = "working_hours"

    def __str__(self) -> str:
        return str(self.value)
