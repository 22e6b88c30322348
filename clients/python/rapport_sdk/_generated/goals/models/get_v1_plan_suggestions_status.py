from enum import StrEnum


class GetV1PlanSuggestionsStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
