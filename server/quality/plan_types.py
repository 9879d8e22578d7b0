"""GraphQL types of sampling, calibration, complaint hotspots and the QA metric rows."""

import json
from datetime import datetime

import strawberry
from strawberry.types import Info

from server.insights.access import insight_scope
from server.insights.kb_support import kb_support_ranking
from server.kernel.relay import Node, to_global_id
from server.metrics.api import MetricRow, MetricsRequest, engine_errors
from server.quality.agreement import Icc
from server.quality.calibration import Agreement
from server.quality.hotspots import Hotspot
from server.quality.models import QaCalibrationSession, QaSamplingPlan, QaSamplingRun
from server.quality.sampling_runs import plan_rules
from server.timefmt import from_us

SAMPLING_PLAN, SAMPLING_RUN, CALIBRATION = "QaSamplingPlan", "QaSamplingRun", "QaCalibrationSession"


@strawberry.type(name="QaSamplingPlan", description="How conversations are sampled for manual review. / 人工质检抽样方案。")
class QaSamplingPlanType(Node):
    name: str = strawberry.field(description="Plan name. / 方案名称。")
    per_agent_week: int = strawberry.field(description="Conversations per agent and week (at least). / 每坐席每周至少抽检数。")
    overall_rate: float = strawberry.field(description="Share of all conversations (at least). / 总体抽检比例下限。")
    risk_limit: int = strawberry.field(description="Risk samples on top, at most. / 风险样本上限（额外）。")
    risk_signals: list[str] = strawberry.field(description="Signals that make a conversation a risk sample. / 风险信号。")
    created_at: datetime = strawberry.field(description="Created. / 创建时间。")

    @classmethod
    def of(cls, row: QaSamplingPlan) -> "QaSamplingPlanType":
        rules = plan_rules(row)
        return cls(
            id=to_global_id(SAMPLING_PLAN, row.plan_id), name=row.name, per_agent_week=rules.per_agent_week,
            overall_rate=rules.overall_rate, risk_limit=rules.risk_limit, risk_signals=list(rules.risk_signals),
            created_at=from_us(row.created_at_us),
        )


@strawberry.type(name="QaSampledConversation", description="A conversation a run picked. / 抽中的会话。")
class QaSampledConversationType:
    conversation_id: strawberry.ID = strawberry.field(description="Global id of the conversation. / 会话全局 ID。")
    reason: str = strawberry.field(description="stratified, overall or risk. / 抽中原因。")
    reviewer_id: str | None = strawberry.field(description="Who reviews it. / 分配的质检员。")


@strawberry.type(name="QaCoverage", description="How far a run reached its targets. / 抽样覆盖情况。")
class QaCoverageType:
    candidates: int = strawberry.field(description="Scored conversations in the period. / 期间内可抽样会话数。")
    picked: int = strawberry.field(description="Picked for review. / 抽中数。")
    overall_share: float = strawberry.field(description="picked / candidates. / 抽检比例。")
    agent_weeks: int = strawberry.field(description="Agent-weeks with conversations. / 有会话的坐席周数。")
    agent_weeks_met: int = strawberry.field(description="Agent-weeks at their per-agent target. / 达到每坐席目标的坐席周数。")
    risk_picked: int = strawberry.field(description="Risk samples. / 风险样本数。")


@strawberry.type(name="QaSamplingRun", description="One run of a sampling plan. / 一次抽样。")
class QaSamplingRunType(Node):
    seed: int = strawberry.field(description="The seed; the same seed reproduces the run. / 随机种子（相同种子可复现）。")
    period_start: datetime = strawberry.field(description="Conversations ended from. / 会话结束时间起。")
    period_end: datetime = strawberry.field(description="Until (exclusive). / 至（不含）。")
    coverage: QaCoverageType = strawberry.field(description="Coverage reached. / 覆盖情况。")
    conversations: list[QaSampledConversationType] = strawberry.field(description="What it picked. / 抽中的会话。")

    @classmethod
    def of(cls, row: QaSamplingRun) -> "QaSamplingRunType":
        return cls(
            id=to_global_id(SAMPLING_RUN, row.run_id), seed=row.seed, period_start=from_us(row.from_us),
            period_end=from_us(row.to_us), coverage=QaCoverageType(**json.loads(row.coverage)),
            conversations=[
                QaSampledConversationType(
                    conversation_id=to_global_id("Conversation", item["conversation_id"]), reason=item["reason"],
                    reviewer_id=item["reviewer"],
                )
                for item in json.loads(row.picked)
            ],
        )


@strawberry.type(name="QaIcc", description="Intraclass correlation (Shrout & Fleiss). / 组内相关系数。")
class QaIccType:
    absolute: float = strawberry.field(description="ICC(2,1), absolute agreement. / ICC(2,1) 绝对一致性。")
    consistency: float = strawberry.field(description="ICC(3,1), consistency. / ICC(3,1) 一致性。")
    conversations: int = strawberry.field(description="Conversations every reviewer scored. / 全部质检员都评过的会话数。")

    @classmethod
    def of(cls, value: Icc | None) -> "QaIccType | None":
        return None if value is None else cls(absolute=value.absolute, consistency=value.consistency, conversations=value.targets)


@strawberry.type(name="QaDimensionAgreement", description="Agreement on one dimension. / 单个维度的一致性。")
class QaDimensionAgreementType:
    key: str = strawberry.field(description="Dimension key. / 维度。")
    alpha_interval: float | None = strawberry.field(description="Krippendorff's alpha, interval. / 区间尺度 α。")
    icc: QaIccType | None = strawberry.field(description="ICC on the dimension's score. / 维度得分的 ICC。")


@strawberry.type(name="QaReviewerBias", description="A reviewer's lean against the others. / 质检员相对其他人的偏差。")
class QaReviewerBiasType:
    reviewer_id: str = strawberry.field(description="The reviewer. / 质检员。")
    bias: float | None = strawberry.field(description="Mean of own score − others' mean (points; + is lenient). / 与他人均值之差（分，正为偏松）。")


@strawberry.type(name="QaAgreement", description="How well the session's reviewers agree. / 校准一致性。")
class QaAgreementType:
    alpha_interval: float | None = strawberry.field(description="Krippendorff's alpha on total scores (interval). / 总分的区间 α。")
    alpha_nominal: float | None = strawberry.field(description="Krippendorff's alpha on pass/fail (nominal). / 合格与否的名义 α。")
    icc: QaIccType | None = strawberry.field(description="ICC on total scores. / 总分的 ICC。")
    dimensions: list[QaDimensionAgreementType] = strawberry.field(description="Per dimension. / 各维度。")
    reviewers: list[QaReviewerBiasType] = strawberry.field(description="Per reviewer. / 各质检员。")

    @classmethod
    def of(cls, found: Agreement) -> "QaAgreementType":
        return cls(
            alpha_interval=found.alpha_interval, alpha_nominal=found.alpha_nominal, icc=QaIccType.of(found.icc),
            dimensions=[QaDimensionAgreementType(key=d.key, alpha_interval=d.alpha_interval, icc=QaIccType.of(d.icc)) for d in found.dimensions],
            reviewers=[QaReviewerBiasType(reviewer_id=r, bias=b) for r, b in zip(found.reviewers, found.bias, strict=True)],
        )


@strawberry.type(name="QaCalibrationSession", description="Reviewers scoring the same conversations. / 多名质检员评同一批会话的校准。")
class QaCalibrationSessionType(Node):
    name: str = strawberry.field(description="Session name. / 名称。")
    conversation_ids: list[strawberry.ID] = strawberry.field(description="Its conversations. / 会话。")
    reviewer_ids: list[str] = strawberry.field(description="Its reviewers. / 质检员。")
    scorecard_id: str = strawberry.field(description="Scorecard. / 评分表。")
    scorecard_version: int = strawberry.field(description="Scorecard version. / 评分表版本。")
    created_at: datetime = strawberry.field(description="Created. / 创建时间。")
    agreement: QaAgreementType = strawberry.field(description="Agreement so far. / 当前一致性。")

    @classmethod
    def of(cls, row: QaCalibrationSession, found: Agreement) -> "QaCalibrationSessionType":
        return cls(
            id=to_global_id(CALIBRATION, row.calibration_id), name=row.name,
            conversation_ids=[to_global_id("Conversation", c) for c in json.loads(row.conversation_ids)],
            reviewer_ids=json.loads(row.reviewer_ids), scorecard_id=row.scorecard_id,
            scorecard_version=row.scorecard_version, created_at=from_us(row.created_at_us), agreement=QaAgreementType.of(found),
        )


@strawberry.type(name="ComplaintHotspot", description="A term customers use, this period against the one before. / 客户用语热点（本期对比上期）。")
class ComplaintHotspotType:
    category: str = strawberry.field(description="Conversation category. / 会话类别。")
    term: str = strawberry.field(description="The term (jieba). / 词语（jieba 分词）。")
    conversations: int = strawberry.field(description="Conversations mentioning it. / 提及的会话数。")
    previous_conversations: int = strawberry.field(description="The same in the previous period. / 上期提及的会话数。")
    share: float = strawberry.field(description="Share of the category's conversations. / 占该类别会话比例。")
    previous_share: float = strawberry.field(description="The share before. / 上期比例。")
    rising: bool = strawberry.field(description="Significantly more frequent (one-sided z-test, p < 0.05). / 显著上升（单侧 z 检验）。")
    p_value: float | None = strawberry.field(description="The test's p-value. / 检验 p 值。")

    @classmethod
    def of(cls, spot: Hotspot) -> "ComplaintHotspotType":
        return cls(
            category=spot.category, term=spot.term, conversations=spot.conversations,
            previous_conversations=spot.previous_conversations, share=spot.share, previous_share=spot.previous_share,
            rising=spot.rising, p_value=spot.p_value,
        )


@strawberry.type(
    name="ComplaintHotspots",
    description="Complaint hotspots of a period and the categories whose knowledge base needs work. / 投诉热点及需加强知识库的类别。",
)
class ComplaintHotspotsType:
    terms: list[ComplaintHotspotType] = strawberry.field(description="Top terms per category. / 各类别高频词。")
    period_start_us: strawberry.Private[int]
    period_end_us: strawberry.Private[int]

    @strawberry.field(
        description="Categories the KB support ranking marks as needing support in the period (kbSupportRanking: hit rate "
        "below and repeat rate above the pooled rates); needs individual metric access. / 知识库支持排名中需加强的类别。"
    )
    async def kb_needs(self, info: Info) -> list[str] | None:
        context = info.context
        zone = context.settings.zone
        request = MetricsRequest.of(from_=from_us(self.period_start_us, zone), to=from_us(self.period_end_us, zone))
        scope = await insight_scope(context, request)
        with engine_errors():
            ranking = await kb_support_ranking(context.session, request, settings=context.settings, scope=scope)
        return [entry.category for entry in ranking.entries if entry.needs_support]


@strawberry.type(name="QaMetricValue", description="A QA metric's value and sample size. / 质检指标值及样本量。")
class QaMetricValueType:
    key: str = strawberry.field(description="The metric key (docs/metrics.md). / 指标键。")
    value: float | None = strawberry.field(description="Null when its denominator is empty. / 分母为空时为空。")
    sample_size: int = strawberry.field(description="Its denominator count. / 样本量。")


@strawberry.type(name="QaMetricRow", description="A group of the QA metrics. / 质检指标的一个分组。")
class QaMetricRowType:
    agent_id: str | None = strawberry.field(description="Agent, when grouped by agent. / 坐席（按坐席分组时）。")
    team_id: str | None = strawberry.field(description="Team, when grouped by team. / 团队（按团队分组时）。")
    channel: str | None = strawberry.field(description="Channel, when grouped by channel. / 渠道。")
    category: str | None = strawberry.field(description="Category, when grouped by category. / 类别。")
    period: str | None = strawberry.field(description="Local day, week (Monday) or month start. / 本地日期、周一或月初。")
    values: list[QaMetricValueType] = strawberry.field(description="Asked keys in catalogue order. / 指标值（按目录顺序）。")
    suppressed: bool = strawberry.field(
        default=False,
        description="Values withheld: the group, or what it would give away by subtraction, holds too few agents for a "
        "reader limited to aggregates (docs/decisions.md). / 已隐去：该组（或可借减法推出的组）坐席过少，仅汇总权限不可见。",
    )

    @classmethod
    def of(cls, row: MetricRow, *, suppressed: bool = False) -> "QaMetricRowType":
        dims = row.dimensions
        return cls(
            agent_id=dims.get("agent_id"), team_id=dims.get("team_id"), channel=dims.get("channel"),
            category=dims.get("category"), period=dims.get("day") or dims.get("week") or dims.get("month"),
            values=[
                QaMetricValueType(
                    key=key, value=None if v.value is None or suppressed else float(v.value),
                    sample_size=0 if suppressed else v.sample_size,
                )
                for key, v in row.values.items()
            ],
            suppressed=suppressed,
        )
