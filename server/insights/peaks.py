"""Peaks and valleys: conversation volume and service level by local weekday × hour over a range.

Hour buckets from the engine (the conversation's start, in the organisation's time
zone) are pooled into the 7 × 24 cells. Among the cells with at least one
conversation, a cell is a PEAK when its volume is at or above the upper quartile of
those volumes, a VALLEY when at or below the lower quartile (and not a peak), else
REGULAR; cells without conversations are EMPTY. Quartiles interpolate linearly.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

import numpy as np
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.insights.pooling import pooled
from server.metrics.api import Dimension, MetricRow, MetricScope, MetricValue, MetricsRequest, compute_metrics, metric_definition

WEEKDAYS, HOURS = range(1, 8), range(24)
Cell = tuple[int, int]
PEAK_QUANTILE, VALLEY_QUANTILE = 75, 25


class Level(StrEnum):
    PEAK = "peak"
    VALLEY = "valley"
    REGULAR = "regular"
    EMPTY = "empty"


@dataclass(frozen=True)
class HourCell:
    """``weekday`` 1 = Monday … 7 = Sunday; ``hour`` 0–23, local time."""

    weekday: int
    hour: int
    conversations: int
    service_level: MetricValue
    level: Level


@dataclass(frozen=True)
class PeakGrid:
    cells: tuple[HourCell, ...]
    """All 168 cells, Monday 00:00 first."""
    peak_threshold: float | None
    valley_threshold: float | None

    def level_of(self, cell: Cell) -> Level:
        weekday, hour = cell
        return self.cells[(weekday - 1) * 24 + hour].level


def cell_of(bucket: str) -> Cell:
    """The local weekday and hour of an hour bucket text (``YYYY-MM-DDTHH:00:00±HH:MM``)."""
    start = datetime.fromisoformat(bucket)
    return start.isoweekday(), start.hour


async def hourly_rows(
    session: AsyncSession,
    request: MetricsRequest,
    metrics: Iterable[str],
    *,
    settings: Settings,
    scope: MetricScope | None,
    extra: tuple[Dimension, ...] = (),
) -> list[MetricRow]:
    """The engine's rows by hour bucket (and ``extra`` dimensions) for ``metrics``, over the request's range."""
    hourly = replace(request, group_by=(*extra, Dimension.HOUR), metrics=tuple(metrics))
    return await compute_metrics(session, hourly, settings=settings, scope=scope)


def grid_of(rows: Iterable[MetricRow]) -> PeakGrid:
    """The weekday × hour grid from rows by hour carrying ``conversations`` and ``service_level``."""
    by_cell: dict[Cell, list[MetricRow]] = defaultdict(list)
    for row in rows:
        bucket = row.dimensions["bucket"]
        assert bucket is not None
        by_cell[cell_of(bucket)].append(row)
    volumes = {cell: sum(int(row.values["conversations"].value or 0) for row in found) for cell, found in by_cell.items()}
    busy = [volume for volume in volumes.values() if volume > 0]
    peak = float(np.percentile(busy, PEAK_QUANTILE)) if busy else None
    valley = float(np.percentile(busy, VALLEY_QUANTILE)) if busy else None
    service_level = metric_definition("service_level")
    cells = []
    for weekday in WEEKDAYS:
        for hour in HOURS:
            found, volume = by_cell.get((weekday, hour), []), volumes.get((weekday, hour), 0)
            if volume == 0 or peak is None or valley is None:
                level = Level.EMPTY
            elif volume >= peak:
                level = Level.PEAK
            elif volume <= valley:
                level = Level.VALLEY
            else:
                level = Level.REGULAR
            served = pooled(service_level, (row.values["service_level"] for row in found))
            cells.append(HourCell(weekday, hour, volume, served, level))
    return PeakGrid(tuple(cells), peak, valley)


async def peak_grid(
    session: AsyncSession, request: MetricsRequest, *, settings: Settings, scope: MetricScope | None = None
) -> PeakGrid:
    """Volume and service level by weekday × hour over the request's range and filters (its grouping is ignored)."""
    rows = await hourly_rows(session, request, ("conversations", "service_level"), settings=settings, scope=scope)
    return grid_of(rows)
