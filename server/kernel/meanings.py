"""What a stable code means, in English and Chinese: error codes, rejection reasons, anything a client branches on."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Meaning:
    """What a code means, for the people who branch on it: English and Chinese."""

    en: str
    zh: str

    @property
    def bilingual(self) -> str:
        """``English. / 中文。``, as every GraphQL description is written."""
        return f"{self.en} / {self.zh}"
