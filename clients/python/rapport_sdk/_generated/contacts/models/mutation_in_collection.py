from enum import StrEnum


class MutationInCollection(StrEnum):
    CONTACTS = "contacts"
    GATHERINGS = "gatherings"
    INTERACTIONS = "interactions"

    def __str__(self) -> str:
        return str(self.value)
