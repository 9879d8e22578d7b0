"""Two periods compared: values, absolute and relative deltas, computed by hand from small fixtures."""

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.errors import BadUserInput
from server.insights.comparisons import Change, compare_periods
from server.insights.periods import Period
from server.metrics.request import MetricsRequest
from tests.insights.builders import DAY, handled
from tests.metrics.factory import Events
from tests.metrics.helpers import ingest

WEEK_ONE = Period(date(2026, 3, 2), date(2026, 3, 9))
WEEK_TWO = Period(date(2026, 3, 9), date(2026, 3, 16))
KEYS = ("conversations", "handle_avg_s", "service_level")


def two_weeks() -> Events:
    events = Events()
    handled(events, "w1-a", 0, "a1", wait=10, handle=100)
    handled(events, "w1-b", 60, "a1", wait=50, handle=300)  # misses the 30 s service level
    handled(events, "w1-c", 120, "a2", wait=20, handle=200)
    handled(events, "w2-a", 7 * DAY, "a1", wait=10, handle=150)
    handled(events, "w2-b", 7 * DAY + 60, "a2", wait=5, handle=250)
    handled(events, "w2-c", 7 * DAY + 120, "a2", wait=40, handle=350)  # misses
    handled(events, "w2-d", 7 * DAY + 180, "a3", wait=0, handle=60)
    return events


def _flat(rows: list) -> list[tuple]:
    return [
        (tuple(row.dimensions.values()), delta.key, delta.before.value, delta.after.value, delta.absolute, delta.relative, delta.change)
        for row in rows
        for delta in row.deltas
    ]


async def _compare(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, **request: object) -> list[tuple]:
    async with transaction(sessionmaker) as session:
        rows = await compare_periods(session, MetricsRequest.of(metrics=KEYS, **request), WEEK_ONE, WEEK_TWO, settings=settings)
    return _flat(rows)


async def test_deltas_per_agent(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, two_weeks().items)
    improved, worsened, unjudged = Change.IMPROVED, Change.WORSENED, Change.NOT_JUDGED
    assert await _compare(sessionmaker, settings, group_by=["agent"]) == [
        (("a1",), "conversations", 2, 1, -1, -0.5, unjudged),
        (("a1",), "handle_avg_s", 200.0, 150.0, -50.0, -0.25, improved),
        (("a1",), "service_level", 0.5, 1.0, 0.5, 1.0, improved),
        (("a2",), "conversations", 1, 2, 1, 1.0, unjudged),
        (("a2",), "handle_avg_s", 200.0, 300.0, 100.0, 0.5, worsened),
        (("a2",), "service_level", 1.0, 0.5, -0.5, -0.5, worsened),
        (("a3",), "conversations", 0, 1, 1, None, unjudged),  # absent in week one: 0, no relative change
        (("a3",), "handle_avg_s", None, 60.0, None, None, unjudged),
        (("a3",), "service_level", None, 1.0, None, None, unjudged),
    ]


async def test_deltas_of_the_whole_range(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    await ingest(sessionmaker, settings, two_weeks().items)
    assert await _compare(sessionmaker, settings) == [
        ((), "conversations", 3, 4, 1, pytest.approx(1 / 3), Change.NOT_JUDGED),
        ((), "handle_avg_s", 200.0, 202.5, 2.5, 0.0125, Change.WORSENED),  # (150+250+350+60)/4
        ((), "service_level", pytest.approx(2 / 3), 0.75, pytest.approx(0.75 - 2 / 3), pytest.approx(0.125), Change.IMPROVED),
    ]


async def test_time_buckets_are_refused(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    with pytest.raises(BadUserInput):
        await _compare(sessionmaker, settings, group_by=["day"])
