"""GraphQL queries of the insights: thin resolvers over the services in this package, limited to the caller's metric scope.

They take the metrics' filter (``MetricsFilterInput``): its period bounds the single-period
insights; the comparisons take ``before`` and ``after`` instead and refuse a filter period.
"""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.context import Context
from server.errors import BadUserInput
from server.insights.access import audit_agents, insight_scope
from server.insights.before_after import before_after
from server.insights.comparisons import compare_periods
from server.insights.fcr_room import DEFAULT_MINIMUM_CONVERSATIONS as FCR_MINIMUM, FCR, fcr_room_ranking
from server.insights.inputs import AfterArgument, BeforeAfterOptionsInput, BeforeArgument, period_of
from server.insights.kb_support import (
    DEFAULT_MINIMUM_CONVERSATIONS as KB_CONVERSATIONS, DEFAULT_MINIMUM_SEARCHES, kb_support_ranking,
)
from server.insights.peaks import peak_grid
from server.insights.ranking_types import FcrRoomRankEntry, KbSupportRankingType, SteadinessRankEntry
from server.insights.statistics_types import BeforeAfterComparison
from server.insights.steadiness import DEFAULT_MINIMUM_INTERVALS, RESPONSE, steadiness_ranking
from server.insights.types import PeakGridType, PeriodComparisonGroup
from server.metrics.api import (
    FactsFreshnessType, FilterArgument, MetricDimension, MetricKey, engine_errors, metrics_request, read_freshness,
)

ComparisonGroupBy = Annotated[
    list[MetricDimension] | None,  # type: ignore[valid-type]
    strawberry.argument(
        description="Group by AGENT, TEAM, CHANNEL or CATEGORY (a time bucket is refused); absent: one group. / "
        "按坐席、团队、渠道或类别分组（不接受时间粒度）；缺省为一组。"
    ),
]
ComparedMetrics = Annotated[
    list[MetricKey], strawberry.argument(description="The metrics to compare. / 要对比的指标。")  # type: ignore[valid-type]
]
TestedMetric = Annotated[MetricKey, strawberry.argument(description="The metric to test. / 要检验的指标。")]  # type: ignore[valid-type]
BeforeAfterOptions = Annotated[
    BeforeAfterOptionsInput | None,
    strawberry.argument(description="Significance level and sample floors (defaults as documented). / 显著性水平与样本下限。"),
]
MinimumIntervals = Annotated[
    int, strawberry.argument(description="Response intervals needed on each side. / 两侧各需的最少响应间隔数。")
]
MinimumFcrConversations = Annotated[
    int, strawberry.argument(description="Conversations needed in the agent's FCR population. / 坐席首次解决率分母的最少会话数。")
]
MinimumSearches = Annotated[
    int, strawberry.argument(description="KB searches a category needs. / 类别所需的最少知识库搜索数。")
]
MinimumKbConversations = Annotated[
    int, strawberry.argument(description="Conversations a category needs in its repeat population. / 类别复联率分母的最少会话数。")
]


async def _freshness(context: Context) -> FactsFreshnessType:
    """How current the facts that just answered are: read once per answer, after its computation brought them up to date."""
    return await read_freshness(context.session, context.settings.zone)


def _at_least(**minimums: int) -> None:
    for name, value in minimums.items():
        if value < 0:
            raise BadUserInput(f"{name} must not be negative / {name} 不能为负", details={"argument": name}, field=(name,))


@strawberry.type
class InsightsQuery:
    @strawberry.field(
        description="Metrics of two periods side by side, with absolute (after − before) and relative (÷ |before|) deltas, "
        "optionally grouped by agent, team, channel or category. / 两个时段的指标对比及绝对、相对变化，可按坐席、团队、渠道或类别分组。"
    )
    async def metric_period_comparison(
        self, info: Info, metrics: ComparedMetrics, before: BeforeArgument, after: AfterArgument,
        filter: FilterArgument = None, group_by: ComparisonGroupBy = None,
    ) -> list[PeriodComparisonGroup]:
        context = info.context
        request = metrics_request(filter, group_by, metrics, bucketless=True, period=False)
        scope = await insight_scope(context, request)
        with engine_errors():
            rows = await compare_periods(
                context.session, request, period_of(before, "before"), period_of(after, "after"),
                settings=context.settings, scope=scope,
            )
        audit_agents(context, (row.dimensions.get("agent_id") for row in rows), request.metrics)
        freshness = await _freshness(context)
        return [PeriodComparisonGroup.of(row, freshness) for row in rows]

    @strawberry.field(
        description="Conversation volume and service level by local weekday × hour over the filter's period, with peak "
        "(≥ upper quartile) and valley (≤ lower quartile) cells. / 筛选时段内按本地“星期 × 小时”的会话量与服务水平，标出高峰"
        "（≥ 上四分位数）与低谷（≤ 下四分位数）。"
    )
    async def metric_peaks(self, info: Info, filter: FilterArgument = None) -> PeakGridType:
        context = info.context
        request = metrics_request(filter)
        scope = await insight_scope(context, request)
        with engine_errors():
            grid = await peak_grid(context.session, request, settings=context.settings, scope=scope)
        return PeakGridType.of(grid, await _freshness(context))

    @strawberry.field(
        description="Agents by how steady their average response stays at peak hours (peak ÷ off-peak, lowest first); only "
        "agents with `minimumIntervals` response intervals on both sides. / 按高峰期响应稳定性排名（高峰 ÷ 非高峰，越低越靠前）；"
        "两侧都需至少 minimumIntervals 个响应间隔。"
    )
    async def steadiness_ranking(
        self, info: Info, filter: FilterArgument = None, minimum_intervals: MinimumIntervals = DEFAULT_MINIMUM_INTERVALS,
    ) -> list[SteadinessRankEntry]:
        _at_least(minimumIntervals=minimum_intervals)
        context = info.context
        request = metrics_request(filter)
        scope = await insight_scope(context, request)
        with engine_errors():
            ranking = await steadiness_ranking(
                context.session, request, settings=context.settings, scope=scope, minimum_intervals=minimum_intervals
            )
        audit_agents(context, (entry.agent_id for entry in ranking), (RESPONSE,))
        freshness = await _freshness(context)
        return [SteadinessRankEntry.of(entry, freshness) for entry in ranking]

    @strawberry.field(
        description="Agents by FCR conversations to gain against their team's upper-quartile FCR (most first); only agents "
        "with `minimumConversations` in the FCR population. / 按与团队首次解决率上四分位数相比可多解决的会话数排名；"
        "首次解决率分母至少 minimumConversations。"
    )
    async def fcr_room_ranking(
        self, info: Info, filter: FilterArgument = None, minimum_conversations: MinimumFcrConversations = FCR_MINIMUM,
    ) -> list[FcrRoomRankEntry]:
        _at_least(minimumConversations=minimum_conversations)
        context = info.context
        request = metrics_request(filter)
        scope = await insight_scope(context, request)
        with engine_errors():
            ranking = await fcr_room_ranking(
                context.session, request, settings=context.settings, scope=scope,
                minimum_conversations=minimum_conversations,
            )
        audit_agents(context, (entry.agent_id for entry in ranking), (FCR,))
        freshness = await _freshness(context)
        return [FcrRoomRankEntry.of(entry, freshness) for entry in ranking]

    @strawberry.field(
        description="Categories by (1 − KB hit rate) × repeat rate, highest first, above the sample floors. "
        "/ 按（1 − 知识库命中率）× 复联率对类别排名（达到样本下限者）。"
    )
    async def kb_support_ranking(
        self, info: Info, filter: FilterArgument = None, minimum_searches: MinimumSearches = DEFAULT_MINIMUM_SEARCHES,
        minimum_conversations: MinimumKbConversations = KB_CONVERSATIONS,
    ) -> KbSupportRankingType:
        _at_least(minimumSearches=minimum_searches, minimumConversations=minimum_conversations)
        context = info.context
        request = metrics_request(filter)
        scope = await insight_scope(context, request)
        with engine_errors():
            ranking = await kb_support_ranking(
                context.session, request, settings=context.settings, scope=scope,
                minimum_searches=minimum_searches, minimum_conversations=minimum_conversations,
            )
        return KbSupportRankingType.of(ranking, await _freshness(context))

    @strawberry.field(
        description="Did a metric change for an agent, a team or any filtered population between two consecutive periods? "
        "Welch's t-test (durations, CSAT, NPS) or the two-proportion z-test (rates) on per-item samples, with effect size, "
        "CI and verdict. / 某坐席、团队或筛选人群的指标在两个相邻时段间是否变化：基于逐项样本的 Welch t 检验（时长、满意度、NPS）"
        "或两比例 z 检验（比率），给出效应量、置信区间与结论。"
    )
    async def metric_before_after(
        self, info: Info, metric: TestedMetric, before: BeforeArgument, after: AfterArgument,
        filter: FilterArgument = None, options: BeforeAfterOptions = None,
    ) -> BeforeAfterComparison:
        context = info.context
        chosen = options or BeforeAfterOptionsInput()
        policy = chosen.policy()
        request = metrics_request(filter, None, [metric], period=False)
        scope = await insight_scope(context, request)
        with engine_errors():
            found = await before_after(
                context.session, metric.value, request, period_of(before, "before"), period_of(after, "after"),
                settings=context.settings, scope=scope, policy=policy,
            )
        audit_agents(context, sorted(request.agent_ids or ()), (metric.value,))
        return BeforeAfterComparison.of(found, policy.alpha, await _freshness(context))
