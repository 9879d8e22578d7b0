"""The metrics query layer: any grouping, filters and range, over the stored facts.

Groupings by day, week or month over whole local days read the daily rollup (a few
rows per day); hour buckets and ranges that cut a day read the fact tables. Both
sum the same measure columns, so both give the same numbers.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Table, or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.metrics.buckets import bucket_sort_key, local_day_if_boundary, local_instant_us
from server.metrics.computations import MetricValue, Percentile, Population
from server.metrics.config import FactsConfig
from server.metrics.definitions import METRICS_BY_KEY
from server.metrics.errors import MetricsErrorCode, MetricsRequestError
from server.metrics.freshness import ensure_current
from server.metrics.grains import grain_for
from server.metrics.measures import MEASURES_BY_NAME, PRESENCE, Source, summed
from server.metrics.models import FACT_TABLES, metric_daily_rollup
from server.metrics.request import (
    ATTRIBUTION_DIMENSIONS, FACT_COLUMNS, LABEL_DIMENSIONS, TIME_DIMENSIONS, Dimension, MetricRow,
    MetricScope, MetricsRequest,
)
from server.metrics.values import decode_values

GroupKey = tuple[str | None, ...]
RANGE_COLUMNS = {Source.CONVERSATION: "start_us", Source.INTERVAL: "start_us", Source.SEARCH: "ts_us"}


@dataclass
class Group:
    """A group's measure sums and, for percentiles, its value arrays."""

    sums: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    values: dict[str, list[np.ndarray]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True)
class QueryPlan:
    """How one request is answered: which rows count and where they are read."""

    request: MetricsRequest
    scope: MetricScope | None
    watermark_us: int | None
    from_us: int | None
    to_us: int | None
    from_day: str | None
    to_day: str | None
    day_buckets: bool
    """Whole local days and no hour buckets: the daily rollup could answer."""

    @classmethod
    def of(cls, request: MetricsRequest, scope: MetricScope | None, config: FactsConfig, watermark_us: int | None) -> "QueryPlan":
        zone = config.zone
        from_us = local_instant_us(request.from_, zone) if request.from_ is not None else None
        to_us = local_instant_us(request.to, zone) if request.to is not None else None
        if from_us is not None and to_us is not None and from_us > to_us:
            raise MetricsRequestError(MetricsErrorCode.INVALID_RANGE, "'from' must not be after 'to'")
        from_day = local_day_if_boundary(from_us, zone) if from_us is not None else None
        to_day = local_day_if_boundary(to_us, zone) if to_us is not None else None
        aligned = (from_us is None or from_day is not None) and (to_us is None or to_day is not None)
        return cls(
            request, scope, watermark_us, from_us, to_us,
            from_day.isoformat() if from_day else None, to_day.isoformat() if to_day else None,
            day_buckets=aligned and request.time_dimension is not Dimension.HOUR,
        )

    @property
    def reads_rollup(self) -> bool:
        """Whole local days, no hour buckets, and a grain keeping every label asked for."""
        return self.day_buckets and grain_for(self.labels) is not None

    @property
    def attributed(self) -> bool:
        """Only rows attributed to an agent count: agent/team grouping, filter or a restricted scope."""
        request = self.request
        return (
            any(dimension in ATTRIBUTION_DIMENSIONS for dimension in request.group_by)
            or request.agent_ids is not None
            or request.team_ids is not None
            or (self.scope is not None and self.scope.restricted)
        )

    @property
    def labelled(self) -> bool:
        """Only rows with a channel and category count (searches of unknown conversations do not)."""
        request = self.request
        return (
            any(dimension in LABEL_DIMENSIONS for dimension in request.group_by)
            or request.channels is not None
            or request.categories is not None
        )

    @property
    def labels(self) -> set[str]:
        """Label columns the request groups, filters or is scoped by."""
        request, scope = self.request, self.scope
        labels = {FACT_COLUMNS[dimension] for dimension in request.group_by if dimension not in TIME_DIMENSIONS}
        for column, wanted in (
            ("team_id", request.team_ids), ("agent_id", request.agent_ids),
            ("channel", request.channels), ("category", request.categories),
        ):
            if wanted is not None:
                labels.add(column)
        if scope is not None and scope.agent_ids is not None:
            labels.add("agent_id")
        if scope is not None and scope.team_ids is not None:
            labels.add("team_id")
        return labels

    def conditions(self, table: Table, source: Source | None) -> list[ColumnElement[bool]]:
        """Range, filters, scope and the counting rules, for a fact table (``source``) or the rollup (None)."""
        request, columns = self.request, table.c
        conditions: list[ColumnElement[bool]] = []
        if source is None:
            grain = grain_for(self.labels)
            assert grain is not None
            conditions.append(columns.grain == grain.name)
            if self.from_day is not None:
                conditions.append(columns.bucket_day >= self.from_day)
            if self.to_day is not None:
                conditions.append(columns.bucket_day < self.to_day)
            if self.attributed:
                conditions.append(columns.attributed.is_(True))
            if self.labelled:
                conditions.append(columns.labelled.is_(True))
        else:
            instant = columns[RANGE_COLUMNS[source]]
            if self.from_us is not None:
                conditions.append(instant >= self.from_us)
            if self.to_us is not None:
                conditions.append(instant < self.to_us)
            if self.attributed:
                conditions.append(columns.agent_id.is_not(None))
            if self.labelled:
                conditions.append(columns.channel.is_not(None))
        for column, wanted in (
            ("team_id", request.team_ids), ("agent_id", request.agent_ids),
            ("channel", request.channels), ("category", request.categories),
        ):
            if wanted is not None:
                conditions.append(columns[column].in_(sorted(wanted)))
        if self.scope is not None and self.scope.restricted:
            visible = []
            if self.scope.agent_ids is not None:
                visible.append(columns.agent_id.in_(sorted(self.scope.agent_ids)))
            if self.scope.team_ids is not None:
                visible.append(columns.team_id.in_(sorted(self.scope.team_ids)))
            conditions.append(or_(*visible))
        return conditions

    def group_columns(self, table: Table) -> list[ColumnElement[Any]]:
        return [table.c[FACT_COLUMNS[dimension]] for dimension in self.request.group_by]


def _needed_measures(request: MetricsRequest) -> set[str]:
    names = set(PRESENCE.values())
    for key in request.metrics:
        names.update(METRICS_BY_KEY[key].computation.measures)
    return names


def _populations(request: MetricsRequest) -> list[Population]:
    wanted = []
    for key in request.metrics:
        computation = METRICS_BY_KEY[key].computation
        if isinstance(computation, Percentile) and computation.population not in wanted:
            wanted.append(computation.population)
    return wanted


def _add_sums(group: Group, names: list[str], values: tuple[Any, ...]) -> None:
    sums = group.sums
    for name, value in zip(names, values, strict=True):
        sums[name] = sums.get(name, 0) + int(value)


def _key(row: Any, width: int) -> GroupKey:
    return tuple(value if value != "" else None for value in tuple(row)[:width])


async def _read_rollup(session: AsyncSession, plan: QueryPlan, groups: dict[GroupKey, Group]) -> None:
    table, width = metric_daily_rollup, len(plan.request.group_by)
    names = sorted(_needed_measures(plan.request))
    group_columns = plan.group_columns(table)
    sums = [summed(table, MEASURES_BY_NAME[name], None, evaluated=True) for name in names]
    statement = select(*group_columns, *sums).where(*plan.conditions(table, None)).group_by(*group_columns)
    for row in (await session.exec(statement)).all():
        _add_sums(groups[_key(row, width)], names, tuple(row)[width:])
    for population in _populations(plan.request):
        statement = select(*group_columns, table.c.first_response_values).where(
            *plan.conditions(table, None), table.c[population.count_measure] > 0
        )
        for row in (await session.exec(statement)).all():
            groups[_key(row, width)].values[population.name].append(decode_values(row[width]))


async def _read_facts(session: AsyncSession, plan: QueryPlan, groups: dict[GroupKey, Group]) -> None:
    width, needed = len(plan.request.group_by), _needed_measures(plan.request)
    for source, table in FACT_TABLES.items():
        names = sorted(name for name in needed if MEASURES_BY_NAME[name].source is source)
        group_columns = plan.group_columns(table)
        sums = [summed(table, MEASURES_BY_NAME[name], plan.watermark_us, evaluated=False) for name in names]
        statement = select(*group_columns, *sums).where(*plan.conditions(table, source)).group_by(*group_columns)
        for row in (await session.exec(statement)).all():
            if int(row[width + names.index(PRESENCE[source])]) > 0:
                _add_sums(groups[_key(row, width)], names, tuple(row)[width:])
    for population in _populations(plan.request):
        table = FACT_TABLES[population.source]
        statement = select(*plan.group_columns(table), table.c[population.value_measure]).where(
            *plan.conditions(table, population.source), table.c[population.count_measure] == 1
        )
        collected: dict[GroupKey, list[int]] = defaultdict(list)
        for row in (await session.exec(statement)).all():
            collected[_key(row, width)].append(int(row[width]))
        for key, found in collected.items():
            groups[key].values[population.name].append(np.array(found, dtype=np.int64))


def _row(plan: QueryPlan, key: GroupKey, group: Group) -> MetricRow:
    populations = {
        name: np.concatenate(arrays) if arrays else np.array([], dtype=np.int64) for name, arrays in group.values.items()
    }
    values: dict[str, MetricValue] = {}
    for metric in plan.request.metrics:
        definition = METRICS_BY_KEY[metric]
        if definition.unattributed_population and plan.attributed:
            values[metric] = MetricValue(None, 0)
        else:
            values[metric] = definition.computation.evaluate(group.sums, populations)
    return MetricRow(dict(zip(plan.request.row_keys, key, strict=True)), values)


def _sort_key(plan: QueryPlan, key: GroupKey) -> tuple[Any, ...]:
    parts: list[Any] = []
    for dimension, value in zip(plan.request.group_by, key, strict=True):
        if value is None:
            parts.append((1, (0, "")))
        elif dimension in TIME_DIMENSIONS:
            parts.append((0, bucket_sort_key(value)))
        else:
            parts.append((0, (0, value)))
    return tuple(parts)


async def compute_metrics(
    session: AsyncSession,
    request: MetricsRequest,
    *,
    settings: Settings,
    scope: MetricScope | None = None,
    from_facts: bool = False,
) -> list[MetricRow]:
    """The rows answering ``request`` (metrics.md, Groupings), sorted by their dimension values.

    ``from_facts`` always reads the fact tables, never the rollup (its reference).
    """
    request = request.validated()
    state = await ensure_current(session, settings)
    assert state.config is not None
    plan = QueryPlan.of(request, scope, state.config, state.watermark_us)
    groups: dict[GroupKey, Group] = defaultdict(Group)
    if plan.reads_rollup and not from_facts:
        await _read_rollup(session, plan, groups)
    else:
        await _read_facts(session, plan, groups)
    if not request.group_by and () not in groups:
        groups[()] = Group()
    return [_row(plan, key, groups[key]) for key in sorted(groups, key=lambda key: _sort_key(plan, key))]
