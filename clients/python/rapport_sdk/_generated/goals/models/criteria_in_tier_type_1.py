from enum import StrEnum


class CriteriaInTierType1(StrEnum):
    ACQUAINTANCE = "acquaintance"
    GUARDIAN = "guardian"
    MENTOR = "mentor"
    PEER = "peer"
    SPONSOR = "sponsor"

    def __str__(self) -> str:
        return str(self.value)
