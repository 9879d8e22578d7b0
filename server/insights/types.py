"""GraphQL output types of the insights; every explanation is in docs/insights.md (en, zh-CN)."""

import strawberry
from strawberry.types import Info

from server.insights.comparisons import Change, MetricDelta, PeriodComparisonRow
from server.insights.peaks import HourCell, Level, PeakGrid
from server.metrics.api import (
    FactsFreshnessType, LazyAgent, LazyTeam, MetricKey, MetricValue, agent_global_id, described_enum, exact_count,
    load_agent, load_team, team_global_id,
)

DeltaChange = described_enum(
    Change,
    "PeriodChange",
    "How the after period compares by the metric's direction; not a significance test. NOT_JUDGED: a side "
    "is null or the metric is a volume. / 按指标方向比较之后时段（非显著性检验）；任一侧为空或为量指标时为 NOT_JUDGED。",
    {
        Change.IMPROVED: "Better by the metric's direction. / 按指标方向变好。",
        Change.WORSENED: "Worse by the metric's direction. / 按指标方向变差。",
        Change.UNCHANGED: "The same value. / 数值不变。",
        Change.NOT_JUDGED: "A side is null or the metric is a volume. / 任一侧为空或为量指标。",
    },
)
PeakLevel = described_enum(
    Level,
    "PeakLevel",
    "PEAK: volume ≥ the upper quartile of non-empty cells; VALLEY: ≤ the lower quartile; EMPTY: no "
    "conversations. / 高峰：会话量 ≥ 非空格上四分位数；低谷：≤ 下四分位数；空：无会话。",
    {
        Level.PEAK: "Volume at or above the upper quartile. / 会话量 ≥ 上四分位数。",
        Level.VALLEY: "Volume at or below the lower quartile. / 会话量 ≤ 下四分位数。",
        Level.REGULAR: "Between the quartiles. / 介于上下四分位数之间。",
        Level.EMPTY: "No conversations. / 无会话。",
    },
)
FRESHNESS_OF_ANSWER = "How current the figures of this answer are. / 本次结果数据的时效。"
FRESHNESS_ON_EVERY_GROUP = "How current the figures of this answer are (the same on every group). / 本次结果数据的时效（各分组相同）。"
FRESHNESS_ON_EVERY_ENTRY = "How current the figures of this answer are (the same on every entry). / 本次结果数据的时效（各项相同）。"
AGENT_ID = "Global id of the agent. / 坐席的全局 ID。"
AGENT = "The agent, when the caller may see it. / 坐席（调用者可见时）。"


@strawberry.type(description="A value and the number of items it is computed over (its denominator). / 指标值及其样本量（分母）。")
class SampledValue:
    value: float | None = strawberry.field(description="Null when the denominator is empty. / 分母为空时为空。")
    count: int | None = strawberry.field(
        description="The exact count when the value is one (metrics whose unit is COUNT); null otherwise. / "
        "数值为计数时（单位为 COUNT 的指标）的精确整数；否则为空。"
    )
    sample_size: int = strawberry.field(description="Items in the denominator. / 分母中的项数。")

    @classmethod
    def of(cls, value: MetricValue, key: str | None = None) -> "SampledValue":
        """``key``: the metric the value is of, when it may be a count."""
        return cls(
            value=None if value.value is None else float(value.value),
            count=None if key is None else exact_count(key, value),
            sample_size=value.sample_size,
        )


@strawberry.type(description="One metric in both periods. / 一个指标在两个时段的值与变化。")
class MetricPeriodDelta:
    metric: MetricKey = strawberry.field(description="The metric. / 指标。")
    before: SampledValue = strawberry.field(description="Value in the before period. / 之前时段的值。")
    after: SampledValue = strawberry.field(description="Value in the after period. / 之后时段的值。")
    absolute: float | None = strawberry.field(description="after − before, in the metric's unit. / 绝对变化：之后 − 之前。")
    relative: float | None = strawberry.field(
        description="absolute ÷ |before|; null when before is null or 0. / 相对变化：绝对变化 ÷ |之前|；之前为空或 0 时为空。"
    )
    change: DeltaChange = strawberry.field(description="Better or worse by the metric's direction. / 按指标方向的好坏。")

    @classmethod
    def of(cls, delta: MetricDelta) -> "MetricPeriodDelta":
        return cls(
            metric=MetricKey[delta.key.upper()], before=SampledValue.of(delta.before, delta.key),
            after=SampledValue.of(delta.after, delta.key), absolute=delta.absolute, relative=delta.relative,
            change=DeltaChange[delta.change.name],
        )


@strawberry.type(description="One group of a period comparison. / 时段对比的一个分组。")
class PeriodComparisonGroup:
    agent_id: strawberry.ID | None = strawberry.field(
        description="Global id of the agent, when grouped by agent. / 坐席的全局 ID（按坐席分组时）。"
    )
    team_id: strawberry.ID | None = strawberry.field(
        description="Global id of the team, when grouped by team. / 团队的全局 ID（按团队分组时）。"
    )
    channel: str | None = strawberry.field(description="Channel, when grouped by channel. / 渠道（按渠道分组时）。")
    category: str | None = strawberry.field(description="Category, when grouped by category. / 类别（按类别分组时）。")
    deltas: list[MetricPeriodDelta] = strawberry.field(description="One per asked metric. / 每个所选指标一项。")
    freshness: FactsFreshnessType = strawberry.field(description=FRESHNESS_ON_EVERY_GROUP)
    agent_key: strawberry.Private[str | None]
    team_key: strawberry.Private[str | None]

    @classmethod
    def of(cls, row: PeriodComparisonRow, freshness: FactsFreshnessType) -> "PeriodComparisonGroup":
        found = row.dimensions
        return cls(
            agent_id=agent_global_id(found.get("agent_id")), team_id=team_global_id(found.get("team_id")),
            channel=found.get("channel"), category=found.get("category"),
            deltas=[MetricPeriodDelta.of(delta) for delta in row.deltas], freshness=freshness,
            agent_key=found.get("agent_id"), team_key=found.get("team_id"),
        )

    @strawberry.field(description="The agent, when grouped by agent and the caller may see it. / 坐席（按坐席分组且可见时）。")
    async def agent(self, info: Info) -> LazyAgent | None:
        return await load_agent(info.context, self.agent_key)

    @strawberry.field(description="The team, when grouped by team and the caller may see it. / 团队（按团队分组且可见时）。")
    async def team(self, info: Info) -> LazyTeam | None:
        return await load_team(info.context, self.team_key)


@strawberry.type(description="One local weekday × hour cell. / 一个本地“星期 × 小时”格。")
class PeakCell:
    weekday: int = strawberry.field(description="1 = Monday … 7 = Sunday. / 星期（1 为周一，7 为周日）。")
    hour: int = strawberry.field(description="Local hour, 0–23. / 本地小时（0–23）。")
    conversations: int = strawberry.field(description="Conversations started in this cell over the range. / 范围内在此格开始的会话数。")
    service_level: SampledValue = strawberry.field(description="Service level pooled over the cell. / 此格合并计算的服务水平。")
    level: PeakLevel = strawberry.field(description="Peak, valley, regular or empty. / 高峰、低谷、常规或空。")

    @classmethod
    def of(cls, cell: HourCell) -> "PeakCell":
        return cls(
            weekday=cell.weekday, hour=cell.hour, conversations=cell.conversations,
            service_level=SampledValue.of(cell.service_level), level=PeakLevel[cell.level.name],
        )


@strawberry.type(
    name="PeakGrid",
    description="Volume and service level by local weekday × hour. / 按本地“星期 × 小时”的会话量与服务水平。",
)
class PeakGridType:
    cells: list[PeakCell] = strawberry.field(description="All 168 cells, Monday 00:00 first. / 全部 168 格，从周一 0 点开始。")
    peak_threshold: float | None = strawberry.field(description="Upper quartile of non-empty volumes. / 非空格会话量的上四分位数。")
    valley_threshold: float | None = strawberry.field(description="Lower quartile of non-empty volumes. / 非空格会话量的下四分位数。")
    freshness: FactsFreshnessType = strawberry.field(description=FRESHNESS_OF_ANSWER)

    @classmethod
    def of(cls, grid: PeakGrid, freshness: FactsFreshnessType) -> "PeakGridType":
        return cls(
            cells=[PeakCell.of(cell) for cell in grid.cells],
            peak_threshold=grid.peak_threshold, valley_threshold=grid.valley_threshold, freshness=freshness,
        )
