from enum import StrEnum


class GetV1InteractionsDirection(StrEnum):
    GAVE = "gave"
    MUTUAL = "mutual"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
