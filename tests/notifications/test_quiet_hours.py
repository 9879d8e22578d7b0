"""Quiet hours in the recipient's zone, including windows across midnight and a daylight-saving change."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from server.notifications.quiet import quiet_until_us
from server.timefmt import to_us

SHANGHAI = ZoneInfo("Asia/Shanghai")
PARIS = ZoneInfo("Europe/Paris")


def at(zone: ZoneInfo, *parts: int) -> int:
    return to_us(datetime(*parts, tzinfo=zone))  # type: ignore[misc]


@pytest.mark.parametrize(
    ("now", "zone", "window", "expected"),
    [
        (at(SHANGHAI, 2026, 12, 7, 23, 30), SHANGHAI, (22 * 60, 7 * 60), at(SHANGHAI, 2026, 12, 8, 7, 0)),
        (at(SHANGHAI, 2026, 12, 8, 3, 0), SHANGHAI, (22 * 60, 7 * 60), at(SHANGHAI, 2026, 12, 8, 7, 0)),
        (at(SHANGHAI, 2026, 12, 8, 7, 0), SHANGHAI, (22 * 60, 7 * 60), at(SHANGHAI, 2026, 12, 8, 7, 0)),
        (at(SHANGHAI, 2026, 12, 8, 12, 0), SHANGHAI, (22 * 60, 7 * 60), at(SHANGHAI, 2026, 12, 8, 12, 0)),
        (at(SHANGHAI, 2026, 12, 8, 12, 30), SHANGHAI, (12 * 60, 13 * 60 + 30), at(SHANGHAI, 2026, 12, 8, 13, 30)),
        (at(SHANGHAI, 2026, 12, 8, 12, 30), SHANGHAI, None, at(SHANGHAI, 2026, 12, 8, 12, 30)),
        # the night the clocks go forward in Paris: 23:00 CET, quiet until 07:00 CEST (8 hours of wall time, 7 real)
        (at(PARIS, 2026, 3, 28, 23, 0), PARIS, (22 * 60, 7 * 60), at(PARIS, 2026, 3, 29, 7, 0)),
    ],
    ids=["evening", "night", "end-is-open", "daytime", "midday-window", "none", "dst"],
)
def test_a_delivery_waits_for_the_end_of_quiet_hours(
    now: int, zone: ZoneInfo, window: tuple[int, int] | None, expected: int
) -> None:
    start, end = window if window else (None, None)
    assert quiet_until_us(now, zone, start, end) == expected


def test_the_dst_case_is_seven_real_hours() -> None:
    assert quiet_until_us(at(PARIS, 2026, 3, 28, 23, 0), PARIS, 22 * 60, 7 * 60) - at(PARIS, 2026, 3, 28, 23, 0) == 7 * 3600 * 10**6
