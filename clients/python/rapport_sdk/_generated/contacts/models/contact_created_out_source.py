from enum import StrEnum


class ContactCreatedOutSource(StrEnum):
    CAPTURE = "capture"
    IMPORT = "import"

    def __str__(self) -> str:
        return str(self.value)
