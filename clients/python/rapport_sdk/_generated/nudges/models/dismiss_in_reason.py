from enum import StrEnum


class DismissInReason(StrEnum):
    ALREADY_DONE = "already_done"
    NOT_NOW = "not_now"
    NOT_RELEVANT = "not_relevant"
    OTHER = "other"
    TOO_MANY = "too_many"

    def __str__(self) -> str:
        return str(self.value)
