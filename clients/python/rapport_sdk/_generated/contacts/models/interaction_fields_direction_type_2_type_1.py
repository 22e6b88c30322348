from enum import StrEnum


class InteractionFieldsDirectionType2Type1(StrEnum):
    GAVE = "gave"
    MUTUAL = "mutual"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
