from enum import StrEnum


class MutationInOp(StrEnum):
    DELETE = "delete"
    MERGE = "merge"
    UPSERT = "upsert"

    def __str__(self) -> str:
        return str(self.value)
