from enum import StrEnum


class AnswersFollowUp(StrEnum):
    SAME_DAY = "same_day"
    WITHIN_DAYS = "within_days"
    WITHIN_WEEK = "within_week"

    def __str__(self) -> str:
        return str(self.value)
