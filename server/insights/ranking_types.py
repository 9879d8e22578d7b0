"""GraphQL types of the rankings: steadiness at peaks, room to improve FCR, categories needing KB support."""

import strawberry
from strawberry.types import Info

from server.insights.fcr_room import FcrRoomEntry
from server.insights.kb_support import KbSupportEntry, KbSupportRanking
from server.insights.steadiness import SteadinessEntry
from server.kernel.relay import to_global_id
from server.insights.types import AGENT, AGENT_ID, FRESHNESS_OF_ANSWER, FRESHNESS_ON_EVERY_ENTRY, SampledValue
from server.metrics.api import FactsFreshnessType, LazyAgent, LazyTeam, load_agent, load_team, team_global_id


@strawberry.type(
    description="An agent's average response at peak hours against other hours; lower ratio is steadier. "
    "/ 坐席高峰时段与其他时段平均响应时长之比；比值越低越稳定。"
)
class SteadinessRankEntry:
    rank: int = strawberry.field(description="1 is the steadiest. / 1 为最稳定。")
    agent_id: strawberry.ID = strawberry.field(description=AGENT_ID)
    peak_response: SampledValue = strawberry.field(
        description="Average response (s) in peak cells; sample size = intervals. / 高峰格平均响应时长（秒），样本量为响应间隔数。"
    )
    off_peak_response: SampledValue = strawberry.field(description="Average response (s) in other hours. / 其他时段平均响应时长（秒）。")
    ratio: float = strawberry.field(description="peak ÷ off-peak; 1 is perfectly steady. / 高峰 ÷ 非高峰；1 为完全稳定。")
    freshness: FactsFreshnessType = strawberry.field(description=FRESHNESS_ON_EVERY_ENTRY)
    agent_key: strawberry.Private[str]

    @classmethod
    def of(cls, entry: SteadinessEntry, freshness: FactsFreshnessType) -> "SteadinessRankEntry":
        return cls(
            rank=entry.rank, agent_id=to_global_id("Agent", entry.agent_id), peak_response=SampledValue.of(entry.peak),
            off_peak_response=SampledValue.of(entry.off_peak), ratio=entry.ratio, freshness=freshness,
            agent_key=entry.agent_id,
        )

    @strawberry.field(description=AGENT)
    async def agent(self, info: Info) -> LazyAgent | None:
        return await load_agent(info.context, self.agent_key)


@strawberry.type(
    description="An agent's gap to the team's upper-quartile FCR, in conversations. / 坐席与团队首次解决率上四分位数的差距（折算会话数）。"
)
class FcrRoomRankEntry:
    rank: int = strawberry.field(description="1 has the most to gain. / 1 为提升空间最大。")
    agent_id: strawberry.ID = strawberry.field(description=AGENT_ID)
    team_id: strawberry.ID | None = strawberry.field(
        description="Global id of the team the conversations were attributed to. / 会话归属团队的全局 ID。"
    )
    fcr_rate: SampledValue = strawberry.field(description="The agent's FCR and its population. / 坐席首次解决率及其分母。")
    benchmark: float = strawberry.field(description="Upper quartile of the team's eligible agents' FCR. / 团队合格坐席首次解决率的上四分位数。")
    gap: float = strawberry.field(description="max(0, benchmark − FCR). / max(0, 基准 − 首次解决率)。")
    conversations_to_gain: float = strawberry.field(description="gap × FCR population. / 差距 × 首次解决率分母。")
    freshness: FactsFreshnessType = strawberry.field(description=FRESHNESS_ON_EVERY_ENTRY)
    agent_key: strawberry.Private[str]
    team_key: strawberry.Private[str | None]

    @classmethod
    def of(cls, entry: FcrRoomEntry, freshness: FactsFreshnessType) -> "FcrRoomRankEntry":
        return cls(
            rank=entry.rank, agent_id=to_global_id("Agent", entry.agent_id), team_id=team_global_id(entry.team_id),
            fcr_rate=SampledValue.of(entry.fcr), benchmark=entry.benchmark, gap=entry.gap,
            conversations_to_gain=entry.conversations_to_gain, freshness=freshness, agent_key=entry.agent_id,
            team_key=entry.team_id,
        )

    @strawberry.field(description=AGENT)
    async def agent(self, info: Info) -> LazyAgent | None:
        return await load_agent(info.context, self.agent_key)

    @strawberry.field(description="The team, when the caller may see it. / 团队（调用者可见时）。")
    async def team(self, info: Info) -> LazyTeam | None:
        return await load_team(info.context, self.team_key)


@strawberry.type(description="A category's knowledge-base need. / 类别的知识库需求。")
class KbSupportRankEntry:
    rank: int = strawberry.field(description="1 needs support the most. / 1 为最需要支持。")
    category: str = strawberry.field(description="Category. / 类别。")
    kb_hit_rate: SampledValue = strawberry.field(description="KB hit rate and searches. / 知识库命中率及搜索数。")
    repeat_rate: SampledValue = strawberry.field(description="Repeat rate and its population. / 复联率及其分母。")
    need: float = strawberry.field(description="(1 − kb_hit_rate) × repeat_rate. / （1 − 命中率）× 复联率。")
    needs_support: bool = strawberry.field(
        description="Hit rate below and repeat rate above the overall rates. / 命中率低于且复联率高于整体水平。"
    )

    @classmethod
    def of(cls, entry: KbSupportEntry) -> "KbSupportRankEntry":
        return cls(
            rank=entry.rank, category=entry.category, kb_hit_rate=SampledValue.of(entry.kb_hit_rate),
            repeat_rate=SampledValue.of(entry.repeat_rate), need=entry.need, needs_support=entry.needs_support,
        )


@strawberry.type(name="KbSupportRanking", description="Categories ranked by knowledge-base need. / 按知识库需求排名的类别。")
class KbSupportRankingType:
    entries: list[KbSupportRankEntry] = strawberry.field(description="Categories above the sample floors. / 达到样本下限的类别。")
    overall_kb_hit_rate: SampledValue = strawberry.field(description="Hit rate pooled over all categories. / 全部类别合并的命中率。")
    overall_repeat_rate: SampledValue = strawberry.field(description="Repeat rate pooled over all categories. / 全部类别合并的复联率。")
    freshness: FactsFreshnessType = strawberry.field(description=FRESHNESS_OF_ANSWER)

    @classmethod
    def of(cls, ranking: KbSupportRanking, freshness: FactsFreshnessType) -> "KbSupportRankingType":
        return cls(
            entries=[KbSupportRankEntry.of(entry) for entry in ranking.entries],
            overall_kb_hit_rate=SampledValue.of(ranking.overall_kb_hit_rate),
            overall_repeat_rate=SampledValue.of(ranking.overall_repeat_rate), freshness=freshness,
        )
