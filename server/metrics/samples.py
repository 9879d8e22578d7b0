"""Per-item samples of a metric, for statistics: the values the metric's mean or share is taken over.

Read-only over the engine's fact tables. Rows are chosen by the engine's own
``QueryPlan`` (range, filters, scope and counting rules), and each row's contribution
to the definition's measures is read with the engine's ``row_value`` (repeat windows
applied at the facts' watermark), so the samples' mean is the metric's value:

- ``Mean(total, count)``: one value per item, ``total / scale`` (seconds, or the CSAT
  score); a conversation with several accepted transfers gives one value per transfer,
  taken from the engine's ``conversation_facts``;
- ``Share(hits, population)``: one 0/1 outcome per member of the population;
- ``NetPromoter``: one score per respondent, +100 (promoter), 0 (passive) or −100 (detractor).
"""

import numpy as np
from sqlalchemy import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.errors import BadUserInput
from server.metrics.computations import Mean, NetPromoter, Share
from server.metrics.config import FactsConfig
from server.metrics.conversation_facts import conversation_facts
from server.metrics.definitions import METRICS_BY_KEY, MetricDefinition
from server.metrics.freshness import ensure_current
from server.metrics.measures import MEASURES_BY_NAME, row_value
from server.metrics.models import FACT_TABLES
from server.metrics.query import QueryPlan
from server.metrics.repository import FactRepository
from server.metrics.request import MetricScope, MetricsRequest
from server.org.teams import TeamDirectory

ITEMISED_TRANSFERS = "transits"
"""The one count measure a fact row may hold more than once (a conversation's accepted transfers)."""


async def _contributions(session: AsyncSession, plan: QueryPlan, names: tuple[str, ...]) -> list[tuple[object, ...]]:
    """Each counted fact row's contribution to ``names`` (the last one is the count or population), plus its key."""
    source = MEASURES_BY_NAME[names[-1]].source
    table = FACT_TABLES[source]
    values = [row_value(table, MEASURES_BY_NAME[name], plan.watermark_us) for name in names]
    keys = list(table.primary_key.columns)
    statement = select(*values, *keys).where(*plan.conditions(table, source), values[-1] > 0).order_by(*keys)
    return [tuple(row) for row in (await session.exec(statement)).all()]


async def _transfer_transits_us(session: AsyncSession, conversation_ids: list[str], config: FactsConfig) -> list[int]:
    """Every accepted transfer's transit of these conversations, by the engine's conversation facts."""
    timelines = await FactRepository(session).timelines(conversation_ids)
    no_teams = TeamDirectory(())  # transits do not depend on team membership
    transits: list[int] = []
    for conversation_id in conversation_ids:
        facts = conversation_facts(timelines[conversation_id], no_teams, config)
        if facts is not None:
            transits.extend(facts.transits_us)
    return transits


async def _samples_of(session: AsyncSession, plan: QueryPlan, definition: MetricDefinition, config: FactsConfig) -> np.ndarray:
    computation = definition.computation
    if definition.unattributed_population and plan.attributed:
        return np.array([], dtype=float)  # the engine's value is null here too
    if isinstance(computation, Share):
        rows = await _contributions(session, plan, (computation.hits, computation.population))
        return np.array([int(row[0]) for row in rows], dtype=float)
    if isinstance(computation, NetPromoter):
        rows = await _contributions(session, plan, (computation.promoters, computation.detractors, computation.responses))
        return np.array([100 * (int(row[0]) - int(row[1])) for row in rows], dtype=float)
    if isinstance(computation, Mean):
        rows = await _contributions(session, plan, (computation.total, computation.count))
        totals = [int(row[0]) for row in rows if int(row[1]) == 1]
        several = [str(row[2]) for row in rows if int(row[1]) > 1]
        if several and computation.count == ITEMISED_TRANSFERS:
            totals.extend(await _transfer_transits_us(session, several, config))
        elif several:
            raise ValueError(f"{definition.key}: a fact row counts several items that cannot be told apart")
        return np.array(totals, dtype=float) / computation.scale
    raise BadUserInput(
        f"{definition.key} has no per-item samples (counts and percentiles) / 该指标（计数或百分位数）没有逐项样本",
        details={"metric": definition.key},
    )


async def metric_samples(
    session: AsyncSession, request: MetricsRequest, *, settings: Settings, scope: MetricScope | None = None
) -> dict[str, np.ndarray]:
    """Per-item samples of each asked metric over the request's range and filters (no grouping)."""
    request = request.validated()
    if request.group_by:
        raise BadUserInput("samples are taken over the whole filtered range, without grouping / 样本不支持分组")
    state = await ensure_current(session, settings)
    assert state.config is not None
    plan = QueryPlan.of(request, scope, state.config, state.watermark_us)
    return {key: await _samples_of(session, plan, METRICS_BY_KEY[key], state.config) for key in request.metrics}
