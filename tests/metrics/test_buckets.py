"""Local buckets: zone, midnight, Monday weeks, hour text with a numeric offset, daylight saving."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from server.metrics.buckets import bucket_sort_key, buckets_of, day_start_us, local_day_if_boundary, local_instant_us
from server.timefmt import to_us

SHANGHAI, NEW_YORK, UTC_ZONE = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), ZoneInfo("UTC")


def at(text: str) -> int:
    return to_us(datetime.fromisoformat(text))


@pytest.mark.parametrize(
    ("instant", "zone", "hour", "day", "week", "month"),
    [
        # 15:59:59Z is 23:59:59 in Shanghai; one second later it is the next day (and month).
        ("2026-02-28T15:59:59Z", SHANGHAI, "2026-02-28T23:00:00+08:00", "2026-02-28", "2026-02-23", "2026-02-01"),
        ("2026-02-28T16:00:00Z", SHANGHAI, "2026-03-01T00:00:00+08:00", "2026-03-01", "2026-02-23", "2026-03-01"),
        # 2026-03-01 is a Sunday: its week began Monday 2026-02-23; Monday 03-02 starts a new one.
        ("2026-03-01T16:00:00Z", SHANGHAI, "2026-03-02T00:00:00+08:00", "2026-03-02", "2026-03-02", "2026-03-01"),
        ("2026-03-02T01:30:00Z", UTC_ZONE, "2026-03-02T01:00:00+00:00", "2026-03-02", "2026-03-02", "2026-03-01"),
        # New York springs forward at 2026-03-08 02:00 EST → 03:00 EDT.
        ("2026-03-08T06:59:59Z", NEW_YORK, "2026-03-08T01:00:00-05:00", "2026-03-08", "2026-03-02", "2026-03-01"),
        ("2026-03-08T07:00:00Z", NEW_YORK, "2026-03-08T03:00:00-04:00", "2026-03-08", "2026-03-02", "2026-03-01"),
        # It falls back at 2026-11-01 02:00 EDT → 01:00 EST: the 01:00 hour happens twice.
        ("2026-11-01T05:30:00Z", NEW_YORK, "2026-11-01T01:00:00-04:00", "2026-11-01", "2026-10-26", "2026-11-01"),
        ("2026-11-01T06:30:00Z", NEW_YORK, "2026-11-01T01:00:00-05:00", "2026-11-01", "2026-10-26", "2026-11-01"),
    ],
)
def test_buckets(instant: str, zone: ZoneInfo, hour: str, day: str, week: str, month: str) -> None:
    buckets = buckets_of(at(instant), zone)
    assert (buckets.hour, buckets.day, buckets.week, buckets.month) == (hour, day, week, month)


def test_hour_buckets_sort_by_instant_across_the_repeated_hour() -> None:
    # Berlin falls back at 03:00 CEST → 02:00 CET: "+02:00" sorts after "+01:00" as text, but comes first.
    berlin = ZoneInfo("Europe/Berlin")
    first, second = buckets_of(at("2026-10-25T00:30:00Z"), berlin).hour, buckets_of(at("2026-10-25T01:30:00Z"), berlin).hour
    assert (first, second) == ("2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00")
    assert sorted([second, first], key=bucket_sort_key) == [first, second]


def test_range_bounds() -> None:
    assert local_instant_us(date(2026, 3, 2), SHANGHAI) == at("2026-03-01T16:00:00Z")
    assert local_instant_us(datetime(2026, 3, 2, 9, 30), SHANGHAI) == at("2026-03-02T01:30:00Z")
    assert local_instant_us(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), SHANGHAI) == at("2026-03-02T09:30:00Z")
    # The day New York springs forward is 23 hours long; the next one starts at 04:00Z.
    assert day_start_us(date(2026, 3, 9), NEW_YORK) - day_start_us(date(2026, 3, 8), NEW_YORK) == 23 * 3600 * 10**6
    assert local_day_if_boundary(at("2026-03-09T04:00:00Z"), NEW_YORK) == date(2026, 3, 9)
    assert local_day_if_boundary(at("2026-03-09T05:00:00Z"), NEW_YORK) is None
