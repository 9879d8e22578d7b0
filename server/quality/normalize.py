"""Chinese text normalised for matching, with a map back to the original characters.

Each character is folded by NFKC (full-width ``ＡＢＣ１２３`` and ``，`` become their
half-width forms), lower-cased, and converted from traditional to simplified Chinese by
OpenCC's ``t2s`` tables (``保證收益`` → ``保证收益``). Whitespace, punctuation, symbols
and control characters are then dropped, so ``绝 对.保*本`` matches ``绝对保本``.
``positions[i]`` is the index in the original text of normalised character ``i``: a
match in the normalised text maps back to the span of the original message.
"""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC

_DROPPED_CATEGORIES = ("P", "S", "Z", "C")


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=65_536)
def _fold(character: str) -> str:
    """One original character as it reads normalised ('' when it is dropped)."""
    folded = unicodedata.normalize("NFKC", character).lower()
    kept = "".join(c for c in folded if not unicodedata.category(c).startswith(_DROPPED_CATEGORIES))
    return _converter().convert(kept) if kept and not kept.isascii() else kept


@dataclass(frozen=True)
class NormalizedText:
    """``text`` normalised; ``positions[i]`` is where normalised character ``i`` came from."""

    original: str
    text: str
    positions: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the normalised ``[start, end)`` (end > start)."""
        return self.positions[start], self.positions[end - 1] + 1


def normalize(text: str) -> NormalizedText:
    """``text`` folded for matching (see the module docstring), with the map back to the original."""
    characters: list[str] = []
    positions: list[int] = []
    for index, character in enumerate(text):
        for folded in _fold(character):
            characters.append(folded)
            positions.append(index)
    return NormalizedText(text, "".join(characters), tuple(positions))


def normalize_phrase(phrase: str) -> str:
    """A rule's phrase as the normalised text must contain it."""
    return normalize(phrase).text
