"""Which categories need knowledge-base support: searches that find nothing and customers who come back.

Per category (the conversation's current one; searches take their conversation's):
need = (1 − kb_hit_rate) × repeat_rate, in [0, 1], higher first. Only categories with
at least ``minimum_searches`` searches and ``minimum_conversations`` conversations in
the repeat population are ranked. ``needs_support`` marks those with a hit rate below
and a repeat rate above the pooled rate of all categories.
"""

from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.insights.pooling import pooled
from server.metrics.api import Dimension, MetricScope, MetricValue, MetricsRequest, compute_metrics, metric_definition

HIT, REPEAT = "kb_hit_rate", "repeat_rate"
DEFAULT_MINIMUM_SEARCHES = 20
DEFAULT_MINIMUM_CONVERSATIONS = 30


@dataclass(frozen=True)
class KbSupportEntry:
    rank: int
    category: str
    kb_hit_rate: MetricValue
    repeat_rate: MetricValue
    need: float
    needs_support: bool


@dataclass(frozen=True)
class KbSupportRanking:
    entries: tuple[KbSupportEntry, ...]
    overall_kb_hit_rate: MetricValue
    overall_repeat_rate: MetricValue


async def kb_support_ranking(
    session: AsyncSession,
    request: MetricsRequest,
    *,
    settings: Settings,
    scope: MetricScope | None = None,
    minimum_searches: int = DEFAULT_MINIMUM_SEARCHES,
    minimum_conversations: int = DEFAULT_MINIMUM_CONVERSATIONS,
) -> KbSupportRanking:
    """Categories by need, highest first; ties by category."""
    grouped = replace(request, group_by=(Dimension.CATEGORY,), metrics=(HIT, REPEAT))
    rows = await compute_metrics(session, grouped, settings=settings, scope=scope)
    overall_hit = pooled(metric_definition(HIT), (row.values[HIT] for row in rows))
    overall_repeat = pooled(metric_definition(REPEAT), (row.values[REPEAT] for row in rows))
    found = []
    for row in rows:
        hit, repeat, category = row.values[HIT], row.values[REPEAT], row.dimensions["category"]
        if category is None or hit.value is None or repeat.value is None:
            continue
        if hit.sample_size < minimum_searches or repeat.sample_size < minimum_conversations:
            continue
        needs_support = (
            overall_hit.value is not None and overall_repeat.value is not None
            and hit.value < overall_hit.value and repeat.value > overall_repeat.value
        )
        found.append(((1 - hit.value) * repeat.value, category, hit, repeat, needs_support))
    found.sort(key=lambda entry: (-entry[0], entry[1]))
    entries = tuple(
        KbSupportEntry(rank, category, hit, repeat, need, needs_support)
        for rank, (need, category, hit, repeat, needs_support) in enumerate(found, start=1)
    )
    return KbSupportRanking(entries, overall_hit, overall_repeat)
