"""Inputs and payloads of the quality mutations."""

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.scalars import JSON

from server.kernel.payloads import Payload
from server.quality.plan_types import QaCalibrationSessionType, QaSamplingPlanType, QaSamplingRunType
from server.quality.sampling import RISK_SIGNALS
from server.quality.types import (
    FindingVerdict,
    QaDisputeType,
    QaFindingType,
    QaRescoreJobType,
    QaReviewType,
    QaRuleSetType,
    QaScorecardType,
)


@strawberry.input(description="New auto-QA rules. / 新的自动质检规则。")
class SetQaRulesInput:
    source: str = strawberry.field(description="The whole rule set as YAML (policies/qa-rules.yaml format). / 完整规则 YAML。")
    note: str | None = strawberry.field(default=None, description="What changed. / 变更说明。")


@strawberry.type(description="Result of setQaRules. / setQaRules 的结果。")
class SetQaRulesPayload(Payload):
    qa_rules: QaRuleSetType | None = strawberry.field(default=None, description="The new version. / 新版本规则。")


@strawberry.input(description="A scorecard definition to save. / 要保存的评分表定义。")
class ScorecardInput:
    scorecard_id: str = strawberry.field(description="The scorecard's key. / 评分表标识。")
    definition: JSON = strawberry.field(
        description="name_zh, name_en, pass_score and dimensions (key, names, weight, items) as in policies/qa-rules.yaml. "
        "/ 定义（格式同 policies/qa-rules.yaml 的 default_scorecard）。"
    )


@strawberry.type(description="Result of createScorecard or updateScorecard. / 评分表保存结果。")
class ScorecardPayload(Payload):
    scorecard: QaScorecardType | None = strawberry.field(default=None, description="The saved version. / 保存的版本。")


@strawberry.input(description="One item's value. / 单个评分项的取值。")
class QaItemScoreInput:
    key: str = strawberry.field(description="Item key. / 评分项标识。")
    value: float | None = strawberry.field(description="0–1; null when not applicable. / 0–1，不适用为空。")


@strawberry.input(description="A note on one message. / 对单条消息的批注。")
class QaAnnotationInput:
    message_event_id: str = strawberry.field(description="The message's event id. / 消息事件 ID。")
    note: str = strawberry.field(description="The note. / 批注。")


@strawberry.input(description="A manual review with the scorecard. / 使用评分表的人工质检。")
class SubmitQaReviewInput:
    conversation_id: strawberry.ID = strawberry.field(description="Global id of an ended conversation. / 已结束会话的全局 ID。")
    items: list[QaItemScoreInput] = strawberry.field(description="Item values; missing items are not applicable. / 各评分项取值（缺省为不适用）。")
    scorecard_id: str = strawberry.field(default="default", description="Scorecard (its latest version). / 评分表（最新版本）。")
    annotations: list[QaAnnotationInput] | None = strawberry.field(default=None, description="Notes on messages. / 消息批注。")
    comment: str | None = strawberry.field(default=None, description="Comment. / 评语。")
    calibration_session_id: strawberry.ID | None = strawberry.field(
        default=None, description="A calibration session this score belongs to (never final). / 所属校准（不作为最终得分）。"
    )


@strawberry.type(description="Result of submitQaReview. / submitQaReview 的结果。")
class SubmitQaReviewPayload(Payload):
    qa_review: QaReviewType | None = strawberry.field(default=None, description="The review. / 评分记录。")


@strawberry.input(description="A verdict on an auto-QA finding. / 对自动质检结果的复核。")
class OverrideFindingInput:
    finding_id: strawberry.ID = strawberry.field(description="The finding. / 质检命中。")
    verdict: FindingVerdict = strawberry.field(description="Accept or override. / 维持或推翻。")
    reason: str = strawberry.field(description="Why. / 理由。")


@strawberry.type(description="Result of overrideFinding. / overrideFinding 的结果。")
class OverrideFindingPayload(Payload):
    qa_finding: QaFindingType | None = strawberry.field(default=None, description="The finding. / 质检命中。")


@strawberry.input(description="Dispute a manual review of yours. / 对自己的人工质检结果申诉。")
class DisputeQaReviewInput:
    qa_review_id: strawberry.ID = strawberry.field(description="The review. / 评分记录。")
    reason: str = strawberry.field(description="Why. / 申诉理由。")


@strawberry.type(description="Result of disputeQaReview. / disputeQaReview 的结果。")
class DisputeQaReviewPayload(Payload):
    qa_dispute: QaDisputeType | None = strawberry.field(default=None, description="The dispute. / 申诉。")


@strawberry.enum(description="How a dispute ends. / 申诉处理结果。")
class DisputeOutcome(Enum):
    UPHELD = strawberry.enum_value("upheld", description="The review stands. / 维持原评分。")
    AMENDED = strawberry.enum_value("amended", description="Replace it with the items given. / 按所给评分项改判。")


@strawberry.input(description="Arbitrate a dispute of your team. / 处理本团队的申诉。")
class ResolveDisputeInput:
    dispute_id: strawberry.ID = strawberry.field(description="The dispute. / 申诉。")
    outcome: DisputeOutcome = strawberry.field(description="Uphold or amend. / 维持或改判。")
    resolution: str = strawberry.field(description="Your note. / 处理说明。")
    items: list[QaItemScoreInput] | None = strawberry.field(default=None, description="Amended item values. / 改判的评分项。")


@strawberry.type(description="Result of resolveDispute. / resolveDispute 的结果。")
class ResolveDisputePayload(Payload):
    qa_dispute: QaDisputeType | None = strawberry.field(default=None, description="The dispute. / 申诉。")
    qa_review: QaReviewType | None = strawberry.field(default=None, description="The amending review, if any. / 改判后的评分。")


@strawberry.input(description="A sampling plan. / 抽样方案。")
class CreateSamplingPlanInput:
    name: str = strawberry.field(description="Name. / 名称。")
    per_agent_week: int = strawberry.field(default=2, description="Per agent and week, at least. / 每坐席每周至少。")
    overall_rate: float = strawberry.field(default=0.03, description="Share of all, at least. / 总体比例下限。")
    risk_limit: int = strawberry.field(default=50, description="Risk samples on top, at most. / 额外风险样本上限。")
    risk_signals: list[str] = strawberry.field(
        default_factory=lambda: list(RISK_SIGNALS), description=f"Of {', '.join(RISK_SIGNALS)}. / 风险信号。"
    )


@strawberry.type(description="Result of createSamplingPlan. / createSamplingPlan 的结果。")
class CreateSamplingPlanPayload(Payload):
    sampling_plan: QaSamplingPlanType | None = strawberry.field(default=None, description="The plan. / 方案。")


@strawberry.input(description="Run a plan over a period. / 对一个时段执行抽样。")
class RunSamplingInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan. / 方案。")
    period_start: datetime = strawberry.field(description="Conversations ended from (included). / 会话结束时间起（含）。")
    period_end: datetime = strawberry.field(description="Until (excluded). / 至（不含）。")
    seed: int = strawberry.field(description="Random seed (the same seed, the same sample). / 随机种子。")
    reviewer_ids: list[str] = strawberry.field(description="Reviewers to share the sample. / 分配的质检员。")


@strawberry.type(description="Result of runSampling. / runSampling 的结果。")
class RunSamplingPayload(Payload):
    sampling_run: QaSamplingRunType | None = strawberry.field(default=None, description="The run. / 抽样结果。")


@strawberry.input(description="A calibration session. / 校准会。")
class CreateCalibrationSessionInput:
    name: str = strawberry.field(description="Name. / 名称。")
    conversation_ids: list[strawberry.ID] = strawberry.field(description="Ended conversations to score. / 待评会话。")
    reviewer_ids: list[str] = strawberry.field(description="At least two reviewers. / 至少两名质检员。")
    scorecard_id: str = strawberry.field(default="default", description="Scorecard. / 评分表。")


@strawberry.type(description="Result of createCalibrationSession. / createCalibrationSession 的结果。")
class CreateCalibrationSessionPayload(Payload):
    calibration_session: QaCalibrationSessionType | None = strawberry.field(default=None, description="The session. / 校准会。")


@strawberry.input(description="Re-score the conversations that ended in a period. / 重新质检某时段结束的会话。")
class RescoreConversationsInput:
    period_start: datetime = strawberry.field(description="From (included). / 起（含）。")
    period_end: datetime = strawberry.field(description="Until (excluded). / 至（不含）。")


@strawberry.type(description="Result of rescoreConversations. / rescoreConversations 的结果。")
class RescoreConversationsPayload(Payload):
    rescore_job: QaRescoreJobType | None = strawberry.field(default=None, description="The job and its progress. / 任务及进度。")
