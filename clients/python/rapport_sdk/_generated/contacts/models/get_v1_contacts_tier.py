from enum import StrEnum


class GetV1ContactsTier(StrEnum):
    ACQUAINTANCE = "acquaintance"
    GUARDIAN = "guardian"
    MENTOR = "mentor"
    PEER = "peer"
    SPONSOR = "sponsor"

    def __str__(self) -> str:
        return str(self.value)
