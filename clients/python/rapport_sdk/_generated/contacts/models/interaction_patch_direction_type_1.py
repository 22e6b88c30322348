from enum import StrEnum


class InteractionPatchDirectionType1(StrEnum):
    GAVE = "gave"
    MUTUAL = "mutual"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
