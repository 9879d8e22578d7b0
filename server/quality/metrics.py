"""The QA metric keys (``server.metrics.api.QA_METRICS``) over the per-conversation QA fact, grouped like the engine's.

Each conversation counts once, with its final score (``qa_conversation_fact``), in the
period its end falls in. Sums are integers (scores in thousandths), so every value is
exact and independent of import order, batching and how often a conversation was re-scored.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select, true
from sqlmodel.ext.asyncio.session import AsyncSession

from server.metrics.api import QA_METRICS, QA_METRICS_BY_KEY, Dimension, MetricRow, buckets_of
from server.metrics.buckets import day_start_us
from server.metrics import suppression
from server.metrics.suppression import Cell, build_blocks, whole_months
from server.quality.models import QaConversationFact
from server.timefmt import from_us

ROW_KEYS = {
    Dimension.AGENT: "agent_id", Dimension.TEAM: "team_id", Dimension.CHANNEL: "channel",
    Dimension.CATEGORY: "category", Dimension.DAY: "day", Dimension.WEEK: "week", Dimension.MONTH: "month",
}


@dataclass(frozen=True)
class QaMetricsRequest:
    from_us: int
    to_us: int
    group_by: tuple[Dimension, ...] = ()
    metrics: tuple[str, ...] = tuple(definition.key for definition in QA_METRICS)


def _label(fact: QaConversationFact, dimension: Dimension, zone: ZoneInfo) -> str | None:
    if dimension in (Dimension.DAY, Dimension.WEEK, Dimension.MONTH):
        return getattr(buckets_of(fact.end_us, zone), dimension.value)
    return getattr(fact, ROW_KEYS[dimension])


async def compute_qa_metrics(
    session: AsyncSession, request: QaMetricsRequest, *, zone: ZoneInfo, clause: ColumnElement[bool] | None = None,
) -> list[MetricRow]:
    """One row per group (sorted by its labels, None first), each asked key's value and sample size."""
    if Dimension.HOUR in request.group_by:
        raise ValueError("QA metrics group by day, week or month, not hour")
    statement = select(QaConversationFact).where(
        QaConversationFact.end_us >= request.from_us, QaConversationFact.end_us < request.to_us,
        true() if clause is None else clause,
    )
    sums: dict[tuple[str | None, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for fact in (await session.execute(statement)).scalars():
        attributed = fact.agent_id is not None or not {Dimension.AGENT, Dimension.TEAM} & set(request.group_by)
        if not attributed:
            continue
        group = sums[tuple(_label(fact, dimension, zone) for dimension in request.group_by)]
        group["qa_scored"] += 1
        group["qa_score_milli"] += fact.score_milli
        group["qa_critical_failed"] += int(fact.critical_failed)
        group["qa_compliance_violations"] += int(fact.compliance_violation)
        group["qa_negative_sentiment"] += int(fact.negative_sentiment)
    if not request.group_by and not sums:
        sums[()] = defaultdict(int)
    rows = []
    for key in sorted(sums, key=lambda labels: tuple((label is not None, label or "") for label in labels)):
        totals = sums[key]
        values = {name: QA_METRICS_BY_KEY[name].computation.evaluate(totals, {}) for name in request.metrics}
        rows.append(MetricRow(
            dimensions={ROW_KEYS[d]: label for d, label in zip(request.group_by, key, strict=True)}, values=values,
        ))
    return rows


def metric_keys(asked: Sequence[str] | None) -> tuple[str, ...]:
    """The asked QA keys in catalogue order (all when None); ValueError for an unknown key."""
    if asked is None:
        return tuple(definition.key for definition in QA_METRICS)
    unknown = sorted(set(asked) - set(QA_METRICS_BY_KEY))
    if unknown:
        raise ValueError(f"unknown QA metric keys: {', '.join(unknown)}")
    return tuple(definition.key for definition in QA_METRICS if definition.key in asked)


async def qa_cells(
    session: AsyncSession, from_us: int | None, to_us: int | None, *, zone: ZoneInfo, clause: ColumnElement[bool] | None = None,
) -> dict[Cell, frozenset[str]]:
    """The cells (local end day × team × channel × category) of the QA facts in a range, with the agents behind each."""
    statement = select(QaConversationFact).where(true() if clause is None else clause)
    if from_us is not None:
        statement = statement.where(QaConversationFact.end_us >= from_us)
    if to_us is not None:
        statement = statement.where(QaConversationFact.end_us < to_us)
    agents: dict[Cell, set[str]] = defaultdict(set)
    for fact in (await session.execute(statement)).scalars():
        cell = Cell(buckets_of(fact.end_us, zone).day, fact.team_id, fact.channel, fact.category)
        found = agents[cell]
        if fact.agent_id is not None:
            found.add(fact.agent_id)
    return {cell: frozenset(names) for cell, names in agents.items()}


async def withheld_rows(
    session: AsyncSession, request: QaMetricsRequest, rows: Sequence[MetricRow], *, zone: ZoneInfo,
    clause: ColumnElement[bool] | None, minimum_agents: int,
) -> list[bool]:
    """For an aggregate-only reader, which ``rows`` to withhold: the metrics answer's secondary suppression
    (server/metrics/suppression.py) over the QA facts' own cells, blocks built from the whole months the range touches."""
    first, last = whole_months(from_us(request.from_us, zone).date(), from_us(request.to_us, zone).date())
    assert first is not None and last is not None
    months = await qa_cells(session, day_start_us(first, zone), day_start_us(last, zone), zone=zone, clause=clause)
    grouping = tuple(dimension for dimension in request.group_by if dimension is not Dimension.AGENT)
    return suppression.withheld_rows(
        build_blocks(months, minimum_agents),
        await qa_cells(session, request.from_us, request.to_us, zone=zone, clause=clause),
        grouping,
        (tuple(row.dimensions.get(ROW_KEYS[dimension]) for dimension in grouping) for row in rows),
    )
