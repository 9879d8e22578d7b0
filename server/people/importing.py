"""Reading users from an HR system or identity provider export: JSON Lines or CSV, one user per line. Pure, no I/O.

Fields (JSON names; CSV columns alike): ``user_id`` (the token's ``sub``), ``display_name``,
``email``, ``phone``, ``language`` (zh-CN or en), ``time_zone``, ``quiet_hours``
(``"22:00-07:00"``), ``agent_id``, ``active``, and the lists ``roles``, ``teams`` (teams
led) and ``pools`` (QA reviewer pools): JSON arrays, or ``;``-separated in CSV.
A line replaces the stored record of its user entirely.
"""

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from server.people.records import FieldProblem, UserRecord, check_user

LIST_FIELDS = ("roles", "teams", "pools")
TEXT_FIELDS = ("email", "phone", "time_zone", "agent_id")
KNOWN_FIELDS = frozenset({"user_id", "display_name", "language", "quiet_hours", "active", *LIST_FIELDS, *TEXT_FIELDS})
TRUE_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


@dataclass(frozen=True)
class ImportRejection:
    """Why one line was not imported."""

    line: int
    problems: tuple[FieldProblem, ...]


class LineProblem(Exception):
    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.problem = FieldProblem(field, code, message)


def parse_json_line(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise LineProblem("", "invalid_json", f"not JSON: {error.msg}") from error
    if not isinstance(value, dict):
        raise LineProblem("", "not_an_object", "a user must be a JSON object")
    return value


def parse_csv_line(header: list[str], text: str) -> dict[str, Any]:
    cells = next(csv.reader(io.StringIO(text)), [])
    if len(cells) != len(header):
        raise LineProblem("", "wrong_column_count", f"{len(cells)} columns where the header has {len(header)}")
    fields: dict[str, Any] = {}
    for name, cell in zip(header, cells, strict=True):
        if cell == "":
            continue
        fields[name] = [part.strip() for part in cell.split(";") if part.strip()] if name in LIST_FIELDS else cell
    return fields


def _quiet_hours(value: Any) -> tuple[int | None, int | None]:
    if value in (None, ""):
        return None, None
    try:
        start, end = str(value).split("-")
        return _minute(start), _minute(end)
    except ValueError as error:
        raise LineProblem("quiet_hours", "invalid_quiet_hours", f"quiet hours must look like 22:00-07:00, got {value!r}") from error


def _minute(text: str) -> int:
    hours, minutes = text.strip().split(":")
    if not (0 <= int(hours) < 24 and 0 <= int(minutes) < 60):
        raise ValueError(text)
    return int(hours) * 60 + int(minutes)


def _active(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in TRUE_WORDS:
        return TRUE_WORDS[value.lower()]
    raise LineProblem("active", "invalid_boolean", f"active must be true or false, got {value!r}")


def _strings(fields: dict[str, Any], name: str) -> frozenset[str]:
    value = fields.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LineProblem(name, "invalid_list", f"{name} must be a list of strings")
    return frozenset(value)


def _text(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is not None and not isinstance(value, str):
        raise LineProblem(name, "invalid_text", f"{name} must be text")
    return value


def record_from_fields(fields: dict[str, Any]) -> UserRecord:
    """The user a line describes; LineProblem or InvalidUser-style problems when it is not one."""
    unknown = sorted(set(fields) - KNOWN_FIELDS)
    if unknown:
        raise LineProblem(unknown[0], "unknown_field", f"unknown fields: {', '.join(unknown)}")
    user_id, name = _text(fields, "user_id"), _text(fields, "display_name")
    if not user_id:
        raise LineProblem("user_id", "missing_field", "user_id is required")
    if not name:
        raise LineProblem("display_name", "missing_field", "display_name is required")
    start, end = _quiet_hours(fields.get("quiet_hours"))
    return UserRecord(
        user_id=user_id,
        display_name=name,
        email=_text(fields, "email"),
        phone=_text(fields, "phone"),
        time_zone=_text(fields, "time_zone"),
        agent_id=_text(fields, "agent_id"),
        language=_text(fields, "language") or "zh-CN",
        quiet_start_minute=start,
        quiet_end_minute=end,
        active=_active(fields.get("active", True)),
        roles=_strings(fields, "roles"),
        teams=_strings(fields, "teams"),
        pools=_strings(fields, "pools"),
        source="import",
    )


def read_line(fields: dict[str, Any]) -> UserRecord | tuple[FieldProblem, ...]:
    """A valid record, or every problem found on the line."""
    try:
        record = record_from_fields(fields)
    except LineProblem as problem:
        return (problem.problem,)
    problems = check_user(record)
    return tuple(problems) if problems else record
