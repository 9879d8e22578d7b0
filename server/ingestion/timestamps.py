"""The event ``ts``: RFC 3339 with an offset, read to integer microseconds since the epoch.

Accepted: ``YYYY-MM-DD``, ``T`` or a space (RFC 3339 also allows ``t``), ``hh:mm:ss``,
an optional fraction of 1–6 digits, then ``Z``/``z`` or ``±hh:mm`` (``-00:00`` is UTC).
Without an offset the text is read in ``default_zone`` when one was given explicitly;
a local time that a DST change makes ambiguous or skips is read with ``fold=0`` (the
offset in force before the change). Leap seconds (``:60``) are not representable and
are refused.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from server.ingestion.codes import RejectionCode
from server.timefmt import to_us

_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?",
    re.ASCII,
)


class TimestampProblem(ValueError):
    """Why a ``ts`` text was refused; ``code`` is a rejection code."""

    def __init__(self, code: RejectionCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_timestamp(text: str, default_zone: ZoneInfo | None) -> int:
    """Microseconds since the epoch of ``text``; raises TimestampProblem."""
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise TimestampProblem(
            RejectionCode.INVALID_TIMESTAMP, f"{text!r} is not an RFC 3339 timestamp such as 2026-03-02T09:15:00+08:00"
        )
    fraction, sign, offset_hours, offset_minutes = match.group(1, 3, 4, 5)
    if fraction is not None and len(fraction) > 6:
        raise TimestampProblem(RejectionCode.INVALID_TIMESTAMP, f"{text!r} has more than 6 fractional digits")
    if sign is not None and (int(offset_hours) > 23 or int(offset_minutes) > 59):
        raise TimestampProblem(RejectionCode.INVALID_TIMESTAMP, f"{text!r} has an impossible offset")
    if match.group(2) is None and sign is None and default_zone is None:
        raise TimestampProblem(
            RejectionCode.TIMESTAMP_WITHOUT_OFFSET,
            f"{text!r} has no UTC offset (add Z or ±hh:mm, or import with an explicit --default-tz)",
        )
    try:
        moment = datetime.fromisoformat(text.upper())  # the pattern admits ASCII only; T/Z may be lower case
    except ValueError as error:
        raise TimestampProblem(RejectionCode.INVALID_TIMESTAMP, f"{text!r} is not a valid date and time: {error}") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=default_zone)
    return to_us(moment)
