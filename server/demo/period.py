"""The demo period in Asia/Shanghai: its days, daily conversation counts, hourly load and promotion."""

import bisect
import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from random import Random
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
LOCAL_OFFSET = 8 * 3600
"""Asia/Shanghai has kept UTC+08:00, without daylight saving, since 1991."""
LOCAL_SUFFIX = "+08:00"
UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
MINUTE, HOUR, DAY = 60, 3600, 86_400

DEFAULT_FIRST_DAY = date(2026, 9, 1)
LATEST_DEFAULT_END = date(2026, 11, 20)
PROMOTION = (date(2026, 11, 1), date(2026, 11, 11))
MIN_DAYS, MAX_DAYS, CONVERSATIONS_PER_DAY = 14, 120, 2000

WEEKDAY_VOLUME = (1.15, 1.10, 1.05, 1.0, 1.0, 0.85, 0.80)
HOURLY_VOLUME = (0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 4.0, 4.5,
                 3.8, 2.5, 3.8, 4.2, 4.2, 3.8, 2.8, 2.5, 3.6, 4.0, 3.8, 1.5)
PROMOTION_VOLUME, PROMOTION_FINALE_VOLUME, PROMOTION_LOAD = 2.2, 3.0, 1.8


def cumulative_weights(weights: Iterable[float]) -> list[float]:
    """Running totals, normalised to end at 1, for a weighted pick with ``bisect``."""
    totals: list[float] = []
    running = 0.0
    for weight in weights:
        running += weight
        totals.append(running)
    return [total / running for total in totals]


def _local_midnight(day: date) -> int:
    """Unix seconds of 00:00 in Asia/Shanghai on ``day``."""
    return int(datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).timestamp())


def local_hour(instant: int) -> int:
    """The hour of the day (0-23) in Asia/Shanghai at ``instant`` (Unix seconds)."""
    return (instant + LOCAL_OFFSET) % DAY // HOUR


def _first_day(start: datetime | None, days: int) -> date:
    """The period's first local day: the default ends no later than 2026-11-20 00:00 +08:00."""
    if start is None:
        return min(DEFAULT_FIRST_DAY, LATEST_DEFAULT_END - timedelta(days=days))
    if start.tzinfo is None:
        start = start.replace(tzinfo=SHANGHAI)
    return start.astimezone(SHANGHAI).date()


class Period:
    """The period's days, their conversation counts, hourly load and the promotion days."""

    def __init__(self, conversations: int, start: datetime | None) -> None:
        self.days = min(MAX_DAYS, max(MIN_DAYS, math.ceil(conversations / CONVERSATIONS_PER_DAY)))
        self.first_day = _first_day(start, self.days)
        self.start = _local_midnight(self.first_day)
        self.end = self.start + self.days * DAY
        self.promotion = self._promotion_days()
        volumes = [self._volume(day) for day in range(self.days)]
        cumulative = cumulative_weights(volumes)
        bounds = [0] + [round(total * conversations) for total in cumulative]
        self.counts = [bounds[day + 1] - bounds[day] for day in range(self.days)]
        self._hours = cumulative_weights(HOURLY_VOLUME)

    def _promotion_days(self) -> range:
        first, last = (day.toordinal() - self.first_day.toordinal() for day in PROMOTION)
        if first >= 0 and last < self.days:
            return range(first, last + 1)
        middle = self.days // 2
        return range(middle - 3, middle + 4)

    def _volume(self, day: int) -> float:
        weekday = (self.first_day.toordinal() + day - 1) % 7
        volume = WEEKDAY_VOLUME[weekday]
        if day == self.promotion[-1]:
            return volume * PROMOTION_FINALE_VOLUME
        return volume * PROMOTION_VOLUME if day in self.promotion else volume

    def conversation_starts(self, day: int, rng: Random) -> list[int]:
        """Sorted start instants of the day's conversations, peaking in the busy hours."""
        day_start = self.start + day * DAY
        random, hours = rng.random, self._hours
        return sorted(
            day_start + bisect.bisect(hours, random()) * HOUR + int(random() * HOUR)
            for _ in range(self.counts[day])
        )

    def load(self, day: int, instant: int) -> float:
        """How busy the service is: stretches queue waits and reply delays."""
        hour = local_hour(instant)
        load = 0.6 + 0.2 * HOURLY_VOLUME[hour]
        return load * PROMOTION_LOAD if day in self.promotion else load
