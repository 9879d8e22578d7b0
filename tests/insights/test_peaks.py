"""The weekday × hour grid in Asia/Shanghai from a handful of conversations, and its peak and valley cells."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import transaction
from server.insights.peaks import Level, peak_grid
from server.metrics.request import MetricsRequest
from tests.insights.builders import DAY, HOUR, handled
from tests.metrics.factory import Events
from tests.metrics.helpers import ingest

# BASE is Monday 2026-03-02 09:00 in Shanghai (01:00Z).


def week_of_traffic() -> Events:
    events = Events()
    for index, (offset, wait) in enumerate([(0, 10), (600, 20), (1200, 40), (1800, 50), (7 * DAY, 5), (7 * DAY + 60, 60)]):
        handled(events, f"mon9-{index}", offset, "a1", wait=wait)  # Monday 09:xx, two weeks: 3 of 6 within 30 s
    handled(events, "mon10-0", HOUR, "a1", wait=10)
    handled(events, "mon10-1", HOUR + 600, "a1", wait=100)
    handled(events, "tue9-0", DAY, "a2", wait=10)
    for index in range(3):
        handled(events, f"sun23-{index}", 6 * DAY + 14 * HOUR + 30 * 60 + index, "a2", wait=10)  # Sunday 23:30
    events.started("mon0", -8.5 * HOUR, customer="cust-mon0")  # 2026-03-01T16:30Z: Monday 00:30 in Shanghai
    events.queued("mon0", -8.5 * HOUR)
    events.ended("mon0", -8 * HOUR, "abandoned")
    return events


async def test_grid_in_the_organisation_time_zone(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    shanghai = settings.model_copy(update={"timezone": "Asia/Shanghai"})
    await ingest(sessionmaker, shanghai, week_of_traffic().items)
    async with transaction(sessionmaker) as session:
        grid = await peak_grid(session, MetricsRequest.of(), settings=shanghai)

    busy = [
        (cell.weekday, cell.hour, cell.conversations, cell.service_level.value, cell.service_level.sample_size, cell.level)
        for cell in grid.cells
        if cell.level is not Level.EMPTY
    ]
    # volumes 1, 6, 2, 1, 3 → upper quartile 3, lower quartile 1
    assert (grid.peak_threshold, grid.valley_threshold) == (3.0, 1.0)
    assert busy == [
        (1, 0, 1, 0.0, 1, Level.VALLEY),
        (1, 9, 6, 0.5, 6, Level.PEAK),
        (1, 10, 2, 0.5, 2, Level.REGULAR),
        (2, 9, 1, 1.0, 1, Level.VALLEY),
        (7, 23, 3, 1.0, 3, Level.PEAK),
    ]
    assert len(grid.cells) == 168
    assert [(cell.weekday, cell.hour) for cell in grid.cells[:2]] == [(1, 0), (1, 1)]
    assert all(cell.conversations == 0 and cell.service_level.value is None for cell in grid.cells if cell.level is Level.EMPTY)


async def test_an_empty_range_has_only_empty_cells(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    async with transaction(sessionmaker) as session:
        grid = await peak_grid(session, MetricsRequest.of(), settings=settings)
    assert (grid.peak_threshold, grid.valley_threshold) == (None, None)
    assert {cell.level for cell in grid.cells} == {Level.EMPTY}
