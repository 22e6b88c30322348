from enum import StrEnum


class NudgeOutStatus(StrEnum):
    DISMISSED = "dismissed"
    DONE = "done"
    PENDING = "pending"
    SNOOZED = "snoozed"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
