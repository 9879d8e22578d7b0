"""Field kinds of the event contract: each reads one JSON value or says what is wrong with it.

A reader gets a value that is present and not ``null`` (absence and ``null`` are
handled by the caller) and returns the normalised value, ``None`` for "no value"
(an empty category), or raises ``FieldProblem``.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from server.columns import ID_LENGTH
from server.ingestion.codes import RejectionCode

LABEL_LENGTH = 128
INT32_MAX = 2**31 - 1

# Unicode White_Space (PropList.txt); str.strip() would also strip U+001C–U+001F.
WHITE_SPACE = (
    "\u0009\u000a\u000b\u000c\u000d\u0020\u0085\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class FieldProblem(ValueError):
    """What is wrong with one field; ``code`` is a rejection code."""

    def __init__(self, code: RejectionCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


Reader = Callable[[str, Any], Any]


@dataclass(frozen=True)
class FieldRule:
    """One field of an event type: how to read it, whether it is required, its default.

    ``plain_lengths`` (min, max): a string of that many characters without U+0000 is
    the field's value as it is — the reader's answer, known without calling it.
    """

    read: Reader
    required: bool = False
    default: Any = None
    empty_is_missing: bool = False  # a value read as ``None`` counts as missing
    plain_lengths: tuple[int, int] | None = None


def normalise_label(text: str) -> str:
    """Unicode white space trimmed at both ends, ASCII A–Z lower-cased, nothing else changed."""
    return text.strip(WHITE_SPACE).translate(_ASCII_LOWER)


def _string(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldProblem(RejectionCode.WRONG_TYPE, f"{name!r} must be a string, got {json_kind(value)}")
    if "\x00" in value:
        raise FieldProblem(RejectionCode.INVALID_VALUE, f"{name!r} contains the NUL character U+0000")
    return value


def read_text(name: str, value: Any) -> str:
    return _string(name, value)


def read_id(name: str, value: Any) -> str:
    text = _string(name, value)
    if not 1 <= len(text) <= ID_LENGTH:
        raise FieldProblem(RejectionCode.OUT_OF_RANGE, f"{name!r} must be 1–{ID_LENGTH} characters, got {len(text)}")
    return text


def read_label(name: str, value: Any) -> str:
    text = _string(name, value)
    if len(text) > LABEL_LENGTH:
        raise FieldProblem(RejectionCode.OUT_OF_RANGE, f"{name!r} must be at most {LABEL_LENGTH} characters, got {len(text)}")
    return text


def read_normalised_label(name: str, value: Any) -> str | None:
    """``channel``/``category``: normalised; ``None`` when empty after trimming."""
    text = normalise_label(_string(name, value))
    if len(text) > LABEL_LENGTH:
        raise FieldProblem(RejectionCode.OUT_OF_RANGE, f"{name!r} must be at most {LABEL_LENGTH} characters, got {len(text)}")
    return text or None


def read_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem(RejectionCode.WRONG_TYPE, f"{name!r} must be true or false, got {json_kind(value)}")
    return value


def read_date(name: str, value: Any) -> date:
    text = _string(name, value)
    if _DATE.fullmatch(text) is None:
        raise FieldProblem(RejectionCode.INVALID_VALUE, f"{name!r} must be a date YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise FieldProblem(RejectionCode.INVALID_VALUE, f"{name!r} is not a valid date: {text!r}") from error


def enum_reader(*allowed: str) -> Reader:
    def read_enum(name: str, value: Any) -> str:
        text = _string(name, value)
        if text not in allowed:
            raise FieldProblem(RejectionCode.INVALID_VALUE, f"{name!r} must be one of {', '.join(allowed)}; got {text!r}")
        return text

    return read_enum


def int_reader(low: int, high: int) -> Reader:
    def read_int(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldProblem(
                RejectionCode.WRONG_TYPE, f"{name!r} must be an integer (no fraction or exponent), got {json_kind(value)}"
            )
        if not low <= value <= high:
            raise FieldProblem(RejectionCode.OUT_OF_RANGE, f"{name!r} must be from {low} to {high}, got {value}")
        return value

    return read_int


def json_kind(value: Any) -> str:
    """How a value was written, in JSON terms, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
