from enum import StrEnum


class ContactOutSource(StrEnum):
    CAPTURE = "capture"
    IMPORT = "import"

    def __str__(self) -> str:
        return str(self.value)
