"""The contract's time scalars: ``DateTime`` (an instant with its offset), ``Date`` (a calendar day), ``Duration``.

Resolvers return plain ``datetime``, ``date`` and ``timedelta`` values; the schema maps
those Python types to these scalars (``SCALAR_MAP``), so no type annotates a
scalar by hand. A ``DateTime`` a client sends must carry its offset: a naive instant
is ambiguous across the organisation's zone and DST, and is refused.
"""

import re
from datetime import date, datetime, timedelta
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

DATETIME_DESCRIPTION = (
    "An instant, RFC 3339 with a numeric offset (`2026-03-01T09:30:00+08:00`); instants the service returns carry "
    "the organisation's offset; an instant without an offset is refused. / 时间点，RFC 3339 格式且必须带时区偏移"
    "（如 `2026-03-01T09:30:00+08:00`）；返回值使用组织时区的偏移；不带偏移的输入会被拒绝。"
)
DATE_DESCRIPTION = (
    "A calendar day in the organisation's time zone, `YYYY-MM-DD`; a range of days includes both ends. "
    "/ 组织时区中的日历日，格式 `YYYY-MM-DD`；日期范围包含首尾两天。"
)
DURATION_DESCRIPTION = (
    "A length of time, ISO 8601 in days, hours, minutes and seconds (`PT30S`, `PT1H30M`, `P7D`); no years or months, "
    "whose length varies. / 时长，ISO 8601 格式，仅用天、时、分、秒（如 `PT30S`、`PT1H30M`、`P7D`）；不支持长度可变的年与月。"
)

class InvalidValue(GraphQLError, ValueError):
    """A value a client sent that a scalar refuses, shown with this message, never masked.

    Its code follows where the value was written (server/api/error_masking.py): in a variable,
    BAD_USER_INPUT; inline in the document, GRAPHQL_VALIDATION_FAILED.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)


_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d{1,6})?)S)?)?$"
)


def parse_datetime(value: Any) -> datetime:
    """An aware ``datetime`` from RFC 3339 text; ValueError (shown to the client) for anything else."""
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise InvalidValue(f"DateTime must be RFC 3339 with an offset, e.g. 2026-03-01T09:30:00+08:00; got {value!r}")
    text = value.replace("t", "T").replace("z", "Z").replace(" ", "T")
    fraction = re.search(r"\.(\d+)", text)
    if fraction and len(fraction.group(1)) > 6:  # Python keeps microseconds: nanoseconds are truncated, not refused
        text = text.replace(fraction.group(0), "." + fraction.group(1)[:6])
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidValue(f"DateTime {value!r} is not a valid instant: {error}") from None


def serialize_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("a DateTime must be aware")
    return value.isoformat()


def parse_date(value: Any) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise InvalidValue(f"Date must be YYYY-MM-DD; got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InvalidValue(f"Date {value!r} is not a calendar day: {error}") from None


def parse_duration(value: Any) -> timedelta:
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or value.rstrip("-").endswith(("P", "T")):
        raise InvalidValue(f"Duration must be ISO 8601 in days, hours, minutes and seconds, e.g. PT1H30M; got {value!r}")
    parts = match.groupdict()
    length = timedelta(
        days=int(parts["days"] or 0),
        hours=int(parts["hours"] or 0),
        minutes=int(parts["minutes"] or 0),
        seconds=float(parts["seconds"] or 0),
    )
    return -length if parts["sign"] else length


def serialize_duration(value: timedelta) -> str:
    """``timedelta`` as ISO 8601: whole days as ``nD``, the rest as hours, minutes and (fractional) seconds."""
    sign = "-" if value < timedelta(0) else ""
    total_us = abs(value) // timedelta(microseconds=1)
    days, rest_us = divmod(total_us, 86_400_000_000)
    hours, rest_us = divmod(rest_us, 3_600_000_000)
    minutes, rest_us = divmod(rest_us, 60_000_000)
    seconds, micros = divmod(rest_us, 1_000_000)
    clock = "".join(
        f"{amount}{unit}" for amount, unit in ((hours, "H"), (minutes, "M")) if amount
    )
    if seconds or micros:
        clock += f"{seconds}.{micros:06d}".rstrip("0").rstrip(".") + "S"
    if not days and not clock:
        return "PT0S"
    return f"{sign}P{f'{days}D' if days else ''}{f'T{clock}' if clock else ''}"


DateTime = strawberry.scalar(
    name="DateTime",
    description=DATETIME_DESCRIPTION,
    serialize=serialize_datetime,
    parse_value=parse_datetime,
    specified_by_url="https://datatracker.ietf.org/doc/html/rfc3339#section-5.6",
)
Date = strawberry.scalar(
    name="Date",
    description=DATE_DESCRIPTION,
    serialize=date.isoformat,
    parse_value=parse_date,
)
Duration = strawberry.scalar(
    name="Duration",
    description=DURATION_DESCRIPTION,
    serialize=serialize_duration,
    parse_value=parse_duration,
    specified_by_url="https://en.wikipedia.org/wiki/ISO_8601#Durations",
)

SCALAR_MAP: dict[object, ScalarDefinition] = {
    datetime: DateTime,
    date: Date,
    timedelta: Duration,
}
"""Python types → contract scalars (the schema's ``scalar_map``): fields annotate plain ``datetime``/``date``/``timedelta``."""
