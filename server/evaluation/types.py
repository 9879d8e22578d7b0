"""GraphQL types of the evaluation feature: plan evaluations (did coaching work?) and team reviews."""

import json
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from server.authz.guards import require_rows
from server.evaluation.models import PlanEvaluation, TeamReview
from server.evaluation.repository import ScopedEvaluations
from server.evaluation.scoping import EVALUATION_TYPE, REVIEW_TYPE, shows_rows
from server.kernel.language import pick
from server.kernel.payloads import Payload
from server.kernel.relay import Node, to_global_id
from server.metrics.api import agent_global_id, team_global_id
from server.timefmt import from_us

PLAN_TYPE = "CoachingPlan"


@strawberry.enum(description="Whether a coaching plan worked. / 辅导计划是否有效。")
class EvaluationVerdict(Enum):
    IMPROVED = strawberry.enum_value("improved", description="Improved beyond comparable agents, significantly. / 相对可比坐席显著改善。")
    NO_DETECTABLE_CHANGE = strawberry.enum_value("no_detectable_change", description="What is left after the team's change could be chance. / 扣除团队共同变化后差异可能是偶然。")
    WORSENED = strawberry.enum_value("worsened", description="Worse than comparable agents, significantly. / 相对可比坐席显著变差。")
    TOO_LITTLE_DATA = strawberry.enum_value("too_little_data", description="Too few conversations or comparable agents to judge. / 会话或可比坐席太少，无法判断。")


@strawberry.enum(description="How an agent's change is measured. / 坐席变化的度量方式。")
class ChangeScale(Enum):
    RATIO = strawberry.enum_value("ratio", description="Relative change of the mean (durations). / 均值的相对变化（时长类）。")
    DIFFERENCE = strawberry.enum_value("difference", description="Change in points (shares, scores). / 按点数计的变化（比率、评分）。")


@strawberry.enum(description="What produced a review. / 复盘的触发方式。")
class ReviewTrigger(Enum):
    SCHEDULE = strawberry.enum_value("schedule", description="The team's periodic schedule. / 团队定期计划。")
    ON_DEMAND = strawberry.enum_value("on_demand", description="runTeamReviewNow. / 手动立即生成。")


def _instant(value: int | None) -> datetime | None:
    return from_us(value) if value is not None else None


@strawberry.type(name="PlanEvaluation", description="Did a coaching plan work? The agent's change beyond comparable agents' (difference in differences), explained. / 辅导是否有效：坐席相对可比坐席的额外变化（双重差分）及其解读。")
class PlanEvaluationType(Node):
    plan_id: strawberry.ID = strawberry.field(description="The coaching plan's global id. / 辅导计划全局 ID。")
    agent_id: strawberry.ID = strawberry.field(description="The coached agent's global id. / 被辅导坐席全局 ID。")
    team_id: strawberry.ID = strawberry.field(description="The plan's team's global id. / 计划所属团队全局 ID。")
    metric: str = strawberry.field(description="Catalogue key of the plan's metric. / 计划指标的目录键名。")
    verdict: EvaluationVerdict = strawberry.field(description="Improved, no detectable change, worsened or too little data. / 结论。")
    scale: ChangeScale = strawberry.field(description="Relative (durations) or points. / 相对变化或点数。")
    widened: bool = strawberry.field(description="Comparison widened beyond the team to agents with the same channel mix. / 对照组是否扩展到渠道构成相近的坐席。")
    before_start: datetime = strawberry.field(description="Start of the before window. / 辅导前时段开始。")
    before_end: datetime = strawberry.field(description="End of the before window (exclusive). / 辅导前时段结束（不含）。")
    after_start: datetime = strawberry.field(description="Start of the after window. / 辅导后时段开始。")
    after_end: datetime = strawberry.field(description="End of the after window (exclusive). / 辅导后时段结束（不含）。")
    before_size: int = strawberry.field(description="The agent's values before. / 坐席辅导前样本数。")
    after_size: int = strawberry.field(description="The agent's values after. / 坐席辅导后样本数。")
    before_mean: float | None = strawberry.field(description="The agent's mean before, in the metric's unit. / 坐席辅导前均值。")
    after_mean: float | None = strawberry.field(description="The agent's mean after. / 坐席辅导后均值。")
    comparison_agents: int = strawberry.field(description="Comparable agents used. / 可比坐席人数。")
    comparison_before_size: int = strawberry.field(description="Their values before, together. / 可比坐席辅导前样本合计。")
    comparison_after_size: int = strawberry.field(description="Their values after, together. / 可比坐席辅导后样本合计。")
    comparison_change: float | None = strawberry.field(description="Their weighted mean change (log ratio or points). / 可比坐席的加权平均变化（对数比或点数）。")
    effect: float | None = strawberry.field(description="The coaching effect in the metric's unit: after mean minus the counterfactual. / 辅导效果（指标单位）：辅导后均值减去反事实值。")
    effect_relative: float | None = strawberry.field(description="The effect as a fraction of the counterfactual. / 效果相对反事实值的比例。")
    confidence_low: float | None = strawberry.field(description="Lower bound of the effect's interval. / 效果置信区间下限。")
    confidence_high: float | None = strawberry.field(description="Upper bound of the effect's interval. / 效果置信区间上限。")
    confidence_level: float = strawberry.field(description="The interval's level, e.g. 0.95. / 置信水平（如 0.95）。")
    standard_error: float | None = strawberry.field(description="Standard error of the estimate (estimator scale). / 估计的标准误（估计尺度）。")
    degrees_of_freedom: int | None = strawberry.field(description="Comparable agents minus one. / 自由度（可比坐席数减一）。")
    p_value: float | None = strawberry.field(description="Two-sided p-value of the effect. / 效果的双侧 p 值。")
    between_agent_variance: float | None = strawberry.field(description="τ²: how much agents' changes differ beyond chance. / τ²：坐席间变化的额外差异。")
    placebo_as_large: int | None = strawberry.field(description="Comparable agents with a placebo effect at least as large. / 安慰剂效果不小于该效果的可比坐席数。")
    placebo_p_value: float | None = strawberry.field(description="The placebo rank as a p-value (floor 1/(J+1)). / 安慰剂排序 p 值（下限 1/(J+1)）。")
    explanation_zh: str = strawberry.field(description="What was compared and how to read it, in Chinese. / 中文解读。")
    explanation_en: str = strawberry.field(description="What was compared and how to read it, in English. / 英文解读。")
    evaluated_at: datetime = strawberry.field(description="When it was evaluated (the plan's end). / 评估时间（计划结束时）。")

    @strawberry.field(description="The explanation in the request's language. / 按请求语言给出的解读。")
    def explanation(self, info: Info) -> str:
        return pick(info.context.language, en=self.explanation_en, zh=self.explanation_zh)

    @classmethod
    def from_row(cls, row: PlanEvaluation) -> "PlanEvaluationType":
        return cls(
            id=to_global_id(EVALUATION_TYPE, row.plan_id), plan_id=to_global_id(PLAN_TYPE, row.plan_id),
            agent_id=agent_global_id(row.agent_id), team_id=team_global_id(row.team_id),  # type: ignore[arg-type]
            metric=row.metric_key, verdict=EvaluationVerdict(row.verdict), scale=ChangeScale(row.scale), widened=row.widened,
            before_start=from_us(row.before_start_us), before_end=from_us(row.before_end_us),
            after_start=from_us(row.after_start_us), after_end=from_us(row.after_end_us),
            before_size=row.before_size, after_size=row.after_size, before_mean=row.before_mean, after_mean=row.after_mean,
            comparison_agents=row.comparison_agents, comparison_before_size=row.comparison_before_size,
            comparison_after_size=row.comparison_after_size, comparison_change=row.comparison_change, effect=row.effect,
            effect_relative=row.effect_relative, confidence_low=row.confidence_low, confidence_high=row.confidence_high,
            confidence_level=row.confidence_level, standard_error=row.standard_error, degrees_of_freedom=row.degrees_of_freedom,
            p_value=row.p_value, between_agent_variance=row.between_agent_variance, placebo_as_large=row.placebo_as_large,
            placebo_p_value=row.placebo_p_value, explanation_zh=row.explanation_zh, explanation_en=row.explanation_en,
            evaluated_at=from_us(row.evaluated_at_us),
        )


@strawberry.type(name="TeamReview", description="A team's periodic review: what changed (with significance), who improved or declined, knowledge-base needs, goals, tasks and plan evaluations. No message text, no customer data. / 团队定期复盘：指标变化（含显著性）、进步与退步的坐席、知识库需求、目标、任务与辅导评估。不含消息文本与客户数据。")
class TeamReviewType(Node):
    team_id: strawberry.ID = strawberry.field(description="The team's global id. / 团队全局 ID。")
    period_start: datetime = strawberry.field(description="Start of the period reviewed. / 复盘时段开始。")
    period_end: datetime = strawberry.field(description="End of the period (exclusive). / 复盘时段结束（不含）。")
    trigger: ReviewTrigger = strawberry.field(description="Schedule or on demand. / 定期或手动。")
    summary_zh: str = strawberry.field(description="The review's headline in Chinese. / 中文摘要。")
    summary_en: str = strawberry.field(description="The review's headline in English. / 英文摘要。")
    content: JSON = strawberry.field(description="Team and agent changes with tests, improved and declined agents, knowledge-base categories, evaluations and sections of goals and tasks. / 复盘内容：团队与坐席的变化及检验、进步与退步坐席、知识库分类、评估、目标与任务板块。")
    created_at: datetime = strawberry.field(description="When it was written. / 生成时间。")
    period_start_us: strawberry.Private[int]
    period_end_us: strawberry.Private[int]
    team_key: strawberry.Private[str]

    @strawberry.field(description="The headline in the request's language. / 按请求语言给出的摘要。")
    def summary(self, info: Info) -> str:
        return pick(info.context.language, en=self.summary_en, zh=self.summary_zh)

    @strawberry.field(description="Evaluations of the team's plans that ended in the period (those you may see). / 本期结束的团队辅导计划评估（你可见的）。")
    async def evaluations(self, info: Info) -> list[PlanEvaluationType]:
        scope = await require_rows(info.context, EVALUATION_TYPE)
        if not shows_rows(scope):
            return []
        rows = await ScopedEvaluations(info.context.session, scope).of_period(self.team_key, self.period_start_us, self.period_end_us)
        return [PlanEvaluationType.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: TeamReview) -> "TeamReviewType":
        content: Any = json.loads(row.content)
        return cls(
            id=to_global_id(REVIEW_TYPE, row.review_id), team_id=team_global_id(row.team_id),  # type: ignore[arg-type]
            period_start=from_us(row.period_start_us), period_end=from_us(row.period_end_us),
            trigger=ReviewTrigger(row.trigger), summary_zh=row.summary_zh, summary_en=row.summary_en, content=content,
            created_at=from_us(row.created_at_us), period_start_us=row.period_start_us, period_end_us=row.period_end_us,
            team_key=row.team_id,
        )


@strawberry.type(name="EvaluationVerdictCount", description="How many plans on a metric got a verdict (aggregate, no individual). / 某指标各结论的计划数（汇总，不含个人）。")
class EvaluationVerdictCountType:
    metric: str = strawberry.field(description="Catalogue key. / 指标键名。")
    verdict: EvaluationVerdict = strawberry.field(description="The verdict. / 结论。")
    plans: int = strawberry.field(description="Plans with it. / 计划数。")


@strawberry.input(description="The team to review now. / 立即复盘的团队。")
class RunTeamReviewNowInput:
    team_id: strawberry.ID = strawberry.field(description="The team's global id. / 团队全局 ID。")


@strawberry.type(description="Result of runTeamReviewNow. / 立即复盘的结果。")
class RunTeamReviewNowPayload(Payload):
    review: TeamReviewType | None = strawberry.field(default=None, description="The review of the period up to today. / 截至今天的复盘。")


@strawberry.input(description="A team's review cadence. / 团队复盘周期。")
class SetTeamReviewScheduleInput:
    team_id: strawberry.ID = strawberry.field(description="The team's global id. / 团队全局 ID。")
    interval_days: int = strawberry.field(default=7, description="Days between reviews, 1 to 91. / 复盘间隔天数（1–91）。")
    enabled: bool = strawberry.field(default=True, description="False pauses the reviews. / 为假时暂停复盘。")


@strawberry.type(name="TeamReviewSchedule", description="A team's review cadence. / 团队复盘周期。")
class TeamReviewScheduleType:
    team_id: strawberry.ID = strawberry.field(description="The team's global id. / 团队全局 ID。")
    interval_days: int = strawberry.field(description="Days between reviews. / 复盘间隔天数。")
    enabled: bool = strawberry.field(description="Reviews are written. / 是否生成复盘。")


@strawberry.type(description="Result of setTeamReviewSchedule; the schedule starts after the change commits. / 设置复盘周期的结果；提交后启动定期复盘。")
class SetTeamReviewSchedulePayload(Payload):
    schedule: TeamReviewScheduleType | None = strawberry.field(default=None, description="The cadence now. / 当前周期。")
