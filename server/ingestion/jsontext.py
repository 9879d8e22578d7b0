"""JSON as the event contract reads it: literal number forms kept, content compared by value.

``decode_json`` keeps the difference between ``4`` (an ``int``) and ``4.0`` or ``4e0``
(a ``NumberLiteral``), refuses ``NaN``/``Infinity`` and repeated member names.
``canonical_json`` writes a value so that two values are equal exactly when their
canonical texts are equal: members sorted by name (code-point order), strings
escaped the same way, and every number written as its exact decimal value in one
form (``1``, ``1.0``, ``1e0`` and ``10E-1`` are the same number; a float received
as a Python ``float`` counts as its shortest round-trip decimal, ``0.1`` for 0.1).
"""

import hashlib
import json
import math
import re
from contextlib import suppress
from decimal import Decimal
from typing import Any

import orjson

from server.ingestion.codes import RejectionCode

MAX_PLAIN_DIGITS = 4300  # Python's default limit for int <-> str conversion


class NumberLiteral(Decimal):
    """A JSON number written with a fraction or an exponent; its exact decimal value."""


class JsonDecodeFailure(ValueError):
    """The text is not one JSON value; ``code`` is a rejection code."""

    def __init__(self, code: RejectionCode, message: str, member: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.member = member


def _refuse_constant(name: str) -> Any:
    raise JsonDecodeFailure(RejectionCode.INVALID_JSON, f"{name} is not a JSON number")


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        seen: set[str] = set()
        for name, _value in pairs:
            if name in seen:
                raise JsonDecodeFailure(RejectionCode.DUPLICATE_MEMBER, f"member {name!r} appears more than once", name)
            seen.add(name)
    return members


_DECODER = json.JSONDecoder(
    parse_float=NumberLiteral,
    parse_constant=_refuse_constant,
    object_pairs_hook=_unique_members,
)


def decode_json(text: str) -> Any:
    """One JSON value from ``text`` (surrounding JSON white space allowed)."""
    try:
        return _DECODER.decode(text)
    except JsonDecodeFailure:
        raise
    except json.JSONDecodeError as error:
        raise JsonDecodeFailure(RejectionCode.INVALID_JSON, f"not valid JSON: {error.msg} at column {error.colno}") from error
    except ValueError as error:  # an integer literal longer than Python converts
        raise JsonDecodeFailure(RejectionCode.OUT_OF_RANGE, f"a number is too long: {error}") from error


def _number_text(value: Decimal) -> str:
    """The one canonical text of a finite decimal value: ``-12``, ``15e-1``, ``1e5000``.

    Integral values are written in plain digits (as Python writes an ``int``) up to
    ``MAX_PLAIN_DIGITS`` digits, so ``100`` and ``1e2`` agree; beyond that (reachable only
    through an exponent) in exponent form, which keeps ``1e999999999`` small.
    """
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits)).lstrip("0")
    if not text:
        return "0"
    stripped = text.rstrip("0")
    exponent += len(text) - len(stripped)
    prefix = "-" if sign else ""
    if exponent >= 0 and len(stripped) + exponent <= MAX_PLAIN_DIGITS:
        return f"{prefix}{stripped}{'0' * exponent}"
    return f"{prefix}{stripped}e{exponent}"


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, Decimal):
        out.append(_number_text(value))
    elif isinstance(value, float):
        out.append(_number_text(Decimal(repr(value))))
    elif isinstance(value, dict):
        out.append("{")
        for position, name in enumerate(sorted(value)):
            if position:
                out.append(",")
            out.append(json.dumps(name, ensure_ascii=False))
            out.append(":")
            _write(value[name], out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for position, item in enumerate(value):
            if position:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        raise TypeError(f"not a JSON value: {type(value).__name__}")


class _NotPlain(Exception):
    """A value the C encoder cannot write canonically (a NumberLiteral)."""


def _refuse_number_literal(_value: Any) -> Any:
    raise _NotPlain


_PLAIN_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False, default=_refuse_number_literal
)


def canonical_json(value: Any, *, may_hold_floats: bool = True) -> str:
    """The canonical text of a JSON value (see the module docstring).

    Without floats (always so for ``decode_json`` output, whose fractions are
    NumberLiterals) the C encoder writes it; a NumberLiteral falls back to the
    Python writer, which gives the same text for everything else.
    """
    if not may_hold_floats:
        with suppress(_NotPlain):
            return _PLAIN_ENCODER.encode(value)
    out: list[str] = []
    _write(value, out)
    return "".join(out)


def content_hash(value: Any, *, may_hold_floats: bool = True) -> str:
    """SHA-256 (hex) of the canonical text, UTF-8 encoded.

    Without floats, orjson writes the same bytes as the canonical writer for every
    value it accepts (sorted members, compact, the same string escapes); it refuses
    NumberLiterals, integers beyond 64 bits and lone surrogates, which take the
    canonical writer.
    """
    if not may_hold_floats:
        with suppress(orjson.JSONEncodeError):
            return hashlib.sha256(orjson.dumps(value, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return hashlib.sha256(canonical_json(value, may_hold_floats=may_hold_floats).encode("utf-8")).hexdigest()


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def text_is_storable(text: str) -> bool:
    """A fast sufficient check that the JSON ``text`` decodes to storable strings only.

    False means "look closer" (an escape that may be a lone surrogate, or a raw one).
    """
    if _ESCAPED_SURROGATE.search(text) is not None:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_storable(value: Any) -> bool:
    """Whether every string and member name is valid Unicode text and every float finite.

    Lone UTF-16 surrogates (``"\\ud800"``) decode in JSON but cannot be stored as UTF-8;
    non-finite floats can only come from already-decoded input.
    """
    if isinstance(value, str):
        return _encodable(value)
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(isinstance(name, str) and _encodable(name) and is_storable(item) for name, item in value.items())
    if isinstance(value, list | tuple):
        return all(is_storable(item) for item in value)
    return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
