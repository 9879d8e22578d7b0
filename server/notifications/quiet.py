"""Quiet hours: when a non-urgent webhook delivery may go out, in the recipient's own time zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from server.timefmt import from_us, to_us


def _wall(day: datetime, minute: int, zone: ZoneInfo) -> datetime:
    """``minute`` after midnight on ``day``'s local date, as an aware instant (a gap of DST moves it forward)."""
    naive = datetime.combine(day.date(), time(minute // 60, minute % 60))
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def quiet_until_us(instant_us: int, zone: ZoneInfo, start_minute: int | None, end_minute: int | None) -> int:
    """``instant_us`` when outside the quiet window ``[start, end)`` local time, else the window's end."""
    if start_minute is None or end_minute is None or start_minute == end_minute:
        return instant_us
    local = from_us(instant_us, zone)
    minute = local.hour * 60 + local.minute
    if start_minute < end_minute:
        quiet = start_minute <= minute < end_minute
        end_day = local
    else:  # the window wraps past midnight
        quiet = minute >= start_minute or minute < end_minute
        end_day = local + timedelta(days=1) if minute >= start_minute else local
    if not quiet:
        return instant_us
    return to_us(_wall(end_day, end_minute, zone))
