from enum import StrEnum


class InteractionFieldsDirectionType1(StrEnum):
    GAVE = "gave"
    MUTUAL = "mutual"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
