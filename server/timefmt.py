"""Instants as integer microseconds since the epoch, and their RFC 3339 text."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_us(moment: datetime) -> int:
    """Microseconds since the epoch of an aware datetime (exact, no float)."""
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(instant_us: int, zone: ZoneInfo | None = None) -> datetime:
    """The aware datetime of an instant, in ``zone`` (UTC when omitted)."""
    moment = EPOCH + timedelta(microseconds=instant_us)
    return moment.astimezone(zone) if zone is not None else moment


def format_instant(instant_us: int, zone: ZoneInfo | None = None) -> str:
    """RFC 3339 with a numeric offset (never ``Z``)."""
    return from_us(instant_us, zone).isoformat()


def now_us() -> int:
    return to_us(datetime.now(UTC))
