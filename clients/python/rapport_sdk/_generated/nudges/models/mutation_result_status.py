from enum import StrEnum


class MutationResultStatus(StrEnum):
    APPLIED = "applied"
    CONFLICT = "conflict"
    DUPLICATE = "duplicate"
    MERGED = "merged"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
