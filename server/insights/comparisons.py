"""Comparison of two periods: each metric's value in both, with absolute and relative deltas."""

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.errors import BadUserInput
from server.insights.periods import Period
from server.metrics.api import METRICS_BY_KEY, Direction, MetricDefinition, MetricRow, MetricScope, MetricValue, MetricsRequest, compute_metrics

Dimensions = tuple[tuple[str, str | None], ...]


class Change(StrEnum):
    """How the later period compares, by the metric's direction; no significance is implied."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    NOT_JUDGED = "not_judged"
    """A side is null, or the metric is a volume (no better direction)."""


@dataclass(frozen=True)
class MetricDelta:
    """``absolute`` = after − before; ``relative`` = absolute ÷ |before| (null when before is null or 0)."""

    key: str
    before: MetricValue
    after: MetricValue
    absolute: float | None
    relative: float | None
    change: Change


@dataclass(frozen=True)
class PeriodComparisonRow:
    dimensions: dict[str, str | None]
    deltas: tuple[MetricDelta, ...]


def metric_delta(definition: MetricDefinition, before: MetricValue, after: MetricValue) -> MetricDelta:
    """Deltas of one metric between two values of it."""
    if before.value is None or after.value is None:
        return MetricDelta(definition.key, before, after, None, None, Change.NOT_JUDGED)
    absolute = after.value - before.value
    relative = None if before.value == 0 else absolute / abs(before.value)
    if definition.direction is Direction.NEUTRAL:
        change = Change.NOT_JUDGED
    elif absolute == 0:
        change = Change.UNCHANGED
    else:
        better = absolute > 0 if definition.direction is Direction.HIGHER else absolute < 0
        change = Change.IMPROVED if better else Change.WORSENED
    return MetricDelta(definition.key, before, after, absolute, relative, change)


def _by_dimensions(rows: list[MetricRow]) -> dict[Dimensions, MetricRow]:
    return {tuple(row.dimensions.items()): row for row in rows}


def _order(dimensions: Dimensions) -> tuple[tuple[bool, str], ...]:
    return tuple((value is None, value or "") for _, value in dimensions)


async def compare_periods(
    session: AsyncSession,
    request: MetricsRequest,
    before: Period,
    after: Period,
    *,
    settings: Settings,
    scope: MetricScope | None = None,
) -> list[PeriodComparisonRow]:
    """One row per group found in either period (no time bucket); a group missing in one period is empty there."""
    request = request.validated()
    if request.time_dimension is not None:
        raise BadUserInput("a period comparison cannot group by a time bucket / 时段对比不能按时间分桶分组")
    earlier = _by_dimensions(await compute_metrics(session, before.applied(request), settings=settings, scope=scope))
    later = _by_dimensions(await compute_metrics(session, after.applied(request), settings=settings, scope=scope))
    rows = []
    for dimensions in sorted(earlier.keys() | later.keys(), key=_order):
        deltas = []
        for key in request.metrics:
            definition = METRICS_BY_KEY[key]
            empty = definition.computation.evaluate(Counter(), {})
            first, second = earlier.get(dimensions), later.get(dimensions)
            deltas.append(metric_delta(
                definition, first.values[key] if first else empty, second.values[key] if second else empty
            ))
        rows.append(PeriodComparisonRow(dict(dimensions), tuple(deltas)))
    return rows
