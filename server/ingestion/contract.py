"""Read one event against the contract (docs/events.md): a ValidEvent or a Rejection. Pure, no I/O.

Input is one JSON Lines line (``str`` or ``bytes``) or an already-decoded object (the
GraphQL transport). Every offending field is reported, each with a code and an
English message. The content hash is the SHA-256 of the canonical JSON (see
``jsontext``) of the parsed object with ``ts`` replaced by its instant (integer
microseconds, UTC) and known optional members that are ``null`` left out (they
count as absent); unknown members are compared by value as they are.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from server.ingestion.catalog import COMMON_FIELDS, EVENT_TYPES, KNOWN_NAMES_BY_TYPE, RULES_BY_TYPE
from server.ingestion.codes import RejectionCode
from server.ingestion.fields import FieldProblem, FieldRule, json_kind, read_id
from server.ingestion.jsontext import JsonDecodeFailure, content_hash, decode_json, is_storable, text_is_storable
from server.ingestion.timestamps import TimestampProblem, parse_timestamp
from server.kernel.events import EventType

ID_RULE = FieldRule(read_id, required=True)
FUTURE_TOLERANCE_US = 24 * 3600 * 1_000_000
JSON_WHITE_SPACE = " \t\r\n"


@dataclass(frozen=True)
class FieldError:
    """One reason an event was refused; ``field`` is None when it concerns the whole line."""

    field: str | None
    code: RejectionCode
    message: str


@dataclass(frozen=True)
class Rejection:
    """An event refused with every offending field; ``id`` when the input carried a string id."""

    id: str | None
    errors: tuple[FieldError, ...]


@dataclass(slots=True)
class ValidEvent:
    """An event that satisfies the contract, with its fields read and normalised (never modified)."""

    id: str
    type: str
    ts_us: int
    fields: Mapping[str, Any]
    original: Mapping[str, Any]
    content_hash: str
    payload: str

    @property
    def conversation_id(self) -> str | None:
        return self.fields.get("conversation_id")


def parse_event(raw: str | bytes | Any, *, now_us: int, default_zone: ZoneInfo | None = None) -> ValidEvent | Rejection:
    """Read one event; ``now_us`` is the ingestion moment, ``default_zone`` the explicit zone for ``ts`` without offset."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as error:
            return _whole(RejectionCode.INVALID_UTF8, f"not valid UTF-8 (byte {error.start + 1} of the line)")
    if isinstance(raw, str):
        try:
            value = decode_json(raw)
        except JsonDecodeFailure as failure:
            return Rejection(None, (FieldError(failure.member, failure.code, failure.message),))
        payload = raw.strip(JSON_WHITE_SPACE)
        from_text, checked = True, text_is_storable(raw)
    else:
        value, payload, from_text, checked = raw, None, False, False
    if not isinstance(value, dict):
        return _whole(RejectionCode.NOT_AN_OBJECT, f"an event must be a JSON object, got {json_kind(value)}")
    return _read_object(value, payload, from_text, checked, now_us, default_zone)


def _whole(code: RejectionCode, message: str) -> Rejection:
    return Rejection(None, (FieldError(None, code, message),))


def _read_object(
    event: dict[str, Any],
    payload: str | None,
    from_text: bool,
    checked: bool,
    now_us: int,
    default_zone: ZoneInfo | None,
) -> ValidEvent | Rejection:
    """``from_text``: decoded here (numbers kept literal); ``checked``: its text is known storable."""
    errors: list[FieldError] = []
    fields: dict[str, Any] = {}
    event_id = _read(event, "id", ID_RULE, {}, errors)
    event_type = _read_type(event, errors)
    ts_us = _read_ts(event, errors, now_us, default_zone)
    rules = RULES_BY_TYPE.get(event_type or "", COMMON_FIELDS)
    for name, rule in rules.items():
        _read(event, name, rule, fields, errors)
    if event_type == EventType.MESSAGE_SENT and fields.get("sender") == "agent" and fields.get("agent_id") is None:
        errors.append(FieldError("agent_id", RejectionCode.MISSING, "'agent_id' is required when 'sender' is 'agent'"))
    if not checked:
        errors.extend(_unstorable_members(event, from_text))
    if errors:
        reported_id = event.get("id") if isinstance(event.get("id"), str) else None
        return Rejection(reported_id, tuple(errors))
    assert event_id is not None and event_type is not None and ts_us is not None
    known = KNOWN_NAMES_BY_TYPE[event_type]
    hashed = {name: member for name, member in event.items() if not (member is None and name in known)}
    hashed["ts"] = ts_us
    return ValidEvent(
        id=event_id,
        type=event_type,
        ts_us=ts_us,
        fields=fields,
        original=event,
        content_hash=content_hash(hashed, may_hold_floats=not from_text),
        payload=payload if payload is not None else json.dumps(event, ensure_ascii=False, separators=(",", ":")),
    )


def _read(event: dict[str, Any], name: str, rule: FieldRule, fields: dict[str, Any], errors: list[FieldError]) -> Any:
    value = event.get(name)
    if value is None or (rule.required and value == ""):
        if rule.required:
            errors.append(FieldError(name, RejectionCode.MISSING, f"{name!r} is required"))
        fields[name] = rule.default
        return None
    lengths = rule.plain_lengths
    if lengths is not None and type(value) is str and lengths[0] <= len(value) <= lengths[1] and "\x00" not in value:
        fields[name] = value
        return value
    try:
        read = rule.read(name, value)
    except FieldProblem as problem:
        errors.append(FieldError(name, problem.code, problem.message))
        return None
    if read is None and rule.empty_is_missing:
        errors.append(FieldError(name, RejectionCode.MISSING, f"{name!r} is required and is empty after trimming white space"))
        return None
    fields[name] = read
    return read


def _read_type(event: dict[str, Any], errors: list[FieldError]) -> str | None:
    value = event.get("type")
    if value is None or value == "":
        errors.append(FieldError("type", RejectionCode.MISSING, "'type' is required"))
    elif not isinstance(value, str):
        errors.append(FieldError("type", RejectionCode.WRONG_TYPE, f"'type' must be a string, got {json_kind(value)}"))
    elif value not in EVENT_TYPES:
        errors.append(FieldError("type", RejectionCode.UNKNOWN_TYPE, f"unknown event type {value!r}; known: {', '.join(EVENT_TYPES)}"))
    else:
        return value
    return None


def _read_ts(event: dict[str, Any], errors: list[FieldError], now_us: int, default_zone: ZoneInfo | None) -> int | None:
    value = event.get("ts")
    if value is None or value == "":
        errors.append(FieldError("ts", RejectionCode.MISSING, "'ts' is required"))
        return None
    if not isinstance(value, str):
        errors.append(FieldError("ts", RejectionCode.WRONG_TYPE, f"'ts' must be a string, got {json_kind(value)}"))
        return None
    try:
        ts_us = parse_timestamp(value, default_zone)
    except TimestampProblem as problem:
        errors.append(FieldError("ts", problem.code, problem.message))
        return None
    if ts_us - now_us > FUTURE_TOLERANCE_US:
        errors.append(FieldError("ts", RejectionCode.TIMESTAMP_IN_FUTURE, f"{value!r} is more than 24 hours after the ingestion moment"))
        return None
    return ts_us


def _unstorable_members(event: dict[str, Any], from_text: bool) -> list[FieldError]:
    """Members holding a lone surrogate, a non-finite float, or (decoded input) a non-JSON value."""
    return [
        FieldError(name, RejectionCode.INVALID_VALUE, f"{name!r} holds text that is not valid Unicode or a non-finite number")
        for name, member in event.items()
        if not is_storable(member) or not is_storable(name) or (not from_text and _has_literal(member))
    ]


def _has_literal(value: Any) -> bool:
    """Whether already-decoded input holds something other than plain JSON values."""
    if isinstance(value, dict):
        return any(_has_literal(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_literal(item) for item in value)
    return not (value is None or isinstance(value, str | int | float | bool))
