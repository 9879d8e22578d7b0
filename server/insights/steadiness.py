"""Who holds response times steady at peaks: each agent's average response at peak ÷ off-peak hours.

Peak hours are the PEAK cells of the weekday × hour grid over the same range and
filters (``server.insights.peaks``); every other hour is off-peak. Response intervals
take their conversation's start hour (metrics.md). Only agents with at least
``minimum_intervals`` response intervals in both are ranked; a lower ratio is steadier.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.insights.peaks import Level, cell_of, hourly_rows, peak_grid
from server.insights.pooling import pooled
from server.metrics.api import Dimension, MetricScope, MetricValue, MetricsRequest, metric_definition

RESPONSE = "response_avg_s"
DEFAULT_MINIMUM_INTERVALS = 20


@dataclass(frozen=True)
class SteadinessEntry:
    rank: int
    agent_id: str
    peak: MetricValue
    off_peak: MetricValue
    ratio: float
    """Average response at peak ÷ off-peak: 1 is perfectly steady, below 1 faster at peaks."""


async def steadiness_ranking(
    session: AsyncSession,
    request: MetricsRequest,
    *,
    settings: Settings,
    scope: MetricScope | None = None,
    minimum_intervals: int = DEFAULT_MINIMUM_INTERVALS,
) -> list[SteadinessEntry]:
    """Agents from steadiest (lowest peak ÷ off-peak ratio) to least steady; ties by agent id."""
    grid = await peak_grid(session, request, settings=settings, scope=scope)
    rows = await hourly_rows(session, request, (RESPONSE,), settings=settings, scope=scope, extra=(Dimension.AGENT,))
    sides: dict[str, dict[bool, list[MetricValue]]] = defaultdict(lambda: {True: [], False: []})
    for row in rows:
        agent_id, bucket = row.dimensions["agent_id"], row.dimensions["bucket"]
        if agent_id is None or bucket is None:
            continue
        sides[agent_id][grid.level_of(cell_of(bucket)) is Level.PEAK].append(row.values[RESPONSE])
    definition = metric_definition(RESPONSE)
    ranked = []
    for agent_id, found in sides.items():
        peak, off_peak = pooled(definition, found[True]), pooled(definition, found[False])
        if min(peak.sample_size, off_peak.sample_size) < minimum_intervals or not off_peak.value:
            continue
        assert peak.value is not None
        ranked.append((peak.value / off_peak.value, agent_id, peak, off_peak))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    return [
        SteadinessEntry(rank, agent_id, peak, off_peak, ratio)
        for rank, (ratio, agent_id, peak, off_peak) in enumerate(ranked, start=1)
    ]
