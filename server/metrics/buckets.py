"""Local time buckets (hour, day, week starting Monday, month) in the organisation's zone.

Buckets are computed with ``zoneinfo``, so daylight-saving changes are exact: an
hour that occurs twice gives two buckets told apart by their offset.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from server.timefmt import from_us, to_us


@dataclass(frozen=True)
class Buckets:
    """The bucket texts of one instant: ``YYYY-MM-DDTHH:00:00±HH:MM`` and ``YYYY-MM-DD`` starts."""

    hour: str
    day: str
    week: str
    month: str


def buckets_of(instant_us: int, zone: ZoneInfo) -> Buckets:
    """The local hour, day, week (Monday) and month starting at or before ``instant_us``."""
    local = from_us(instant_us, zone)
    hour = local.replace(minute=0, second=0, microsecond=0)
    day = local.date()
    return Buckets(
        hour=hour_text(hour),
        day=day.isoformat(),
        week=(day - timedelta(days=day.weekday())).isoformat(),
        month=day.replace(day=1).isoformat(),
    )


def hour_text(local_hour: datetime) -> str:
    """``YYYY-MM-DDTHH:00:00+HH:MM``: always a numeric offset, never ``Z``."""
    offset = local_hour.utcoffset()
    assert offset is not None
    total_minutes = int(offset.total_seconds()) // 60
    sign = "+" if total_minutes >= 0 else "-"
    hours, minutes = divmod(abs(total_minutes), 60)
    return f"{local_hour.strftime('%Y-%m-%dT%H:00:00')}{sign}{hours:02d}:{minutes:02d}"


def bucket_sort_key(bucket: str) -> tuple[int, str]:
    """Order buckets by the instant they start (hour texts differ in offset around DST)."""
    moment = datetime.fromisoformat(bucket)
    if moment.tzinfo is None:
        return (0, bucket)
    return (to_us(moment), bucket)


def day_start_us(day: date, zone: ZoneInfo) -> int:
    """The first instant of a local day (a skipped midnight starts the day at the transition)."""
    return to_us(datetime.combine(day, time(0), tzinfo=zone))


def local_instant_us(moment: date | datetime, zone: ZoneInfo) -> int:
    """A range bound as an instant: a date or naive datetime is local time, an aware one is itself."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            return to_us(moment.replace(tzinfo=zone))
        return to_us(moment)
    return day_start_us(moment, zone)


def local_day_if_boundary(instant_us: int, zone: ZoneInfo) -> date | None:
    """The local day starting exactly at ``instant_us``, or None when it is inside a day."""
    day = from_us(instant_us, zone).date()
    return day if day_start_us(day, zone) == instant_us else None
