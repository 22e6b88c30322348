from enum import StrEnum


class MilestoneInKind(StrEnum):
    EXPERIENCE = "experience"
    POSITION = "position"
    RELATIONSHIP = "relationship"
    TRAINING = "training"

    def __str__(self) -> str:
        return str(self.value)
