"""GraphQL types of quality inspection: rules, scorecards, reviews with findings, disputes, re-scoring jobs."""

import json
from datetime import datetime
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from server.conversations import types as conversation_types
from server.conversations.loaders import ConversationByIdLoader
from server.kernel.language import Language, pick
from server.kernel.relay import Node, to_global_id
from server.quality.loaders import FindingsByReviewLoader
from server.quality.models import QaDispute, QaFinding, QaRescoreJob, QaReview, QaRuleSet
from server.quality.rules import Rule, parse_rules
from server.quality.scorecard import values_from_json
from server.quality.versions import ScorecardVersion
from server.timefmt import from_us

if TYPE_CHECKING:
    from server.conversations.types import ConversationType

LazyConversation = Annotated["ConversationType", strawberry.lazy("server.conversations.types")]
REVIEW, FINDING, DISPUTE, SCORECARD, RESCORE_JOB = "QaReview", "QaFinding", "QaDispute", "QaScorecard", "QaRescoreJob"


@strawberry.enum(description="Who scored. / 评分来源。")
class QaReviewKind(Enum):
    AUTO = strawberry.enum_value("auto", description="Auto-QA by the rules. / 规则自动质检。")
    MANUAL = strawberry.enum_value("manual", description="A reviewer with the scorecard. / 质检员人工评分。")
    CALIBRATION = strawberry.enum_value("calibration", description="A calibration session's score (never final). / 校准评分（不作为最终得分）。")


@strawberry.enum(description="A reviewer's verdict on an auto-QA finding. / 质检员对自动质检结果的复核结论。")
class FindingVerdict(Enum):
    ACCEPTED = strawberry.enum_value("accepted", description="The finding stands. / 维持该结果。")
    OVERRIDDEN = strawberry.enum_value("overridden", description="The finding is wrong and no longer counts. / 推翻该结果，不再计入。")


@strawberry.enum(description="Where a dispute stands. / 申诉状态。")
class DisputeStatus(Enum):
    OPEN = strawberry.enum_value("open", description="Waiting for the team's managers. / 等待团队主管处理。")
    UPHELD = strawberry.enum_value("upheld", description="The review stands. / 维持原评分。")
    AMENDED = strawberry.enum_value("amended", description="A new review replaced it. / 已改判（新评分替代原评分）。")


@strawberry.type(name="QaRule", description="One auto-QA rule. / 一条自动质检规则。")
class QaRuleType:
    rule_id: str = strawberry.field(description="The rule's id, e.g. compliance.guarantee. / 规则标识。")
    kind: str = strawberry.field(description="forbidden, required, regex, key_info, timing or sentiment. / 规则类型。")
    name: str = strawberry.field(description="Name in the request's language. / 规则名称（按请求语言）。")
    severity: str = strawberry.field(description="critical, major, minor or info. / 严重程度。")
    compliance: bool = strawberry.field(description="A match is a compliance violation. / 命中即为合规违规。")
    channels: list[str] = strawberry.field(description="Channels it covers (empty: all). / 适用渠道（空：全部）。")
    categories: list[str] = strawberry.field(description="Categories it covers (empty: all). / 适用类别（空：全部）。")

    @classmethod
    def of(cls, rule: Rule, language: Language) -> "QaRuleType":
        return cls(
            rule_id=rule.id, kind=rule.type, name=pick(language, en=rule.name_en, zh=rule.name_zh), severity=rule.severity,
            compliance=rule.compliance, channels=sorted(rule.channels), categories=sorted(rule.categories),
        )


@strawberry.type(name="QaRuleSet", description="A version of the auto-QA rules. / 一个版本的自动质检规则。")
class QaRuleSetType:
    version: int = strawberry.field(description="Version number; each save adds one. / 版本号，每次保存加一。")
    source: str = strawberry.field(description="The rules as YAML (policies/qa-rules.yaml format). / 规则 YAML 原文。")
    note: str | None = strawberry.field(description="What changed. / 变更说明。")
    created_by: str = strawberry.field(description="Who saved it. / 保存人。")
    created_at: datetime = strawberry.field(description="When it was saved. / 保存时间。")
    rules: list[QaRuleType] = strawberry.field(description="The parsed rules. / 解析后的规则。")

    @classmethod
    def of(cls, row: QaRuleSet, language: Language) -> "QaRuleSetType":
        return cls(
            version=row.version, source=row.source, note=row.note, created_by=row.created_by,
            created_at=from_us(row.created_at_us),
            rules=[QaRuleType.of(rule, language) for rule in parse_rules(row.source).rules],
        )


@strawberry.type(name="QaScorecardItem", description="An item of a scorecard dimension. / 评分维度下的评分项。")
class QaScorecardItemType:
    key: str = strawberry.field(description="Item key. / 评分项标识。")
    dimension: str = strawberry.field(description="Key of its dimension. / 所属维度。")
    name: str = strawberry.field(description="Name in the request's language. / 名称（按请求语言）。")
    points: int = strawberry.field(description="Its weight inside the dimension. / 维度内的分值权重。")
    source: str = strawberry.field(description="rules, resolved, csat, handle_time or manual. / 自动评分来源。")
    critical: bool = strawberry.field(description="Failing it fails the whole review. / 关键项：不合格则整单不合格。")
    rules: list[str] = strawberry.field(description="Rule ids it checks (source rules). / 所检查的规则。")


@strawberry.type(name="QaScorecardDimension", description="A weighted dimension of a scorecard. / 评分表的加权维度。")
class QaScorecardDimensionType:
    key: str = strawberry.field(description="Dimension key. / 维度标识。")
    name: str = strawberry.field(description="Name in the request's language. / 名称（按请求语言）。")
    weight: int = strawberry.field(description="Weight in the total (renormalised over applicable dimensions). / 总分权重。")


@strawberry.type(name="QaScorecard", description="A version of a scorecard. / 评分表的一个版本。")
class QaScorecardType(Node):
    scorecard_id: str = strawberry.field(description="The scorecard's key. / 评分表标识。")
    version: int = strawberry.field(description="Version; a review keeps the version it was scored with. / 版本号（评分保留所用版本）。")
    name: str = strawberry.field(description="Name in the request's language. / 名称（按请求语言）。")
    pass_score: int = strawberry.field(description="Scores below it are reported. / 合格线（低于即上报）。")
    definition: JSON = strawberry.field(description="The definition as saved. / 保存的定义原文。")
    dimensions: list[QaScorecardDimensionType] = strawberry.field(description="Weighted dimensions. / 加权维度。")
    items: list[QaScorecardItemType] = strawberry.field(description="Items of every dimension, in order. / 各维度的评分项。")
    created_at: datetime = strawberry.field(description="When this version was saved. / 保存时间。")

    @classmethod
    def of(cls, found: ScorecardVersion, language: Language) -> "QaScorecardType":
        card = found.card
        return cls(
            id=to_global_id(SCORECARD, f"{found.scorecard_id}@{found.version}"), scorecard_id=found.scorecard_id,
            version=found.version, name=pick(language, en=card.name_en, zh=card.name_zh), pass_score=card.pass_score,
            definition=json.loads(found.row.definition), created_at=from_us(found.row.created_at_us),
            dimensions=[
                QaScorecardDimensionType(key=d.key, name=pick(language, en=d.name_en, zh=d.name_zh), weight=d.weight)
                for d in card.dimensions
            ],
            items=[
                QaScorecardItemType(
                    key=i.key, dimension=d.key, name=pick(language, en=i.name_en, zh=i.name_zh), points=i.points,
                    source=i.source, critical=i.critical, rules=list(i.rules),
                )
                for d in card.dimensions for i in d.items
            ],
        )


@strawberry.type(name="QaItemScore", description="One item's value in a review. / 评分项得分。")
class QaItemScoreType:
    key: str = strawberry.field(description="Item key. / 评分项标识。")
    value: float | None = strawberry.field(description="0–1, null when not applicable. / 0–1，不适用时为空。")


@strawberry.type(name="QaFinding", description="An auto-QA rule that fired, at a message and span. / 自动质检命中（定位到消息与文本区间）。")
class QaFindingType(Node):
    rule_id: str = strawberry.field(description="The rule. / 规则。")
    severity: str = strawberry.field(description="Severity. / 严重程度。")
    compliance: bool = strawberry.field(description="A compliance violation. / 是否为合规违规。")
    message_event_id: str | None = strawberry.field(description="The message's event id; null for the whole conversation. / 所在消息的事件 ID。")
    span_start: int | None = strawberry.field(description="Start of the span in the message text. / 文本区间起点。")
    span_end: int | None = strawberry.field(description="End of the span (exclusive). / 文本区间终点（不含）。")
    excerpt: str | None = strawberry.field(description="The text that triggered it (conversation text). / 触发文本（会话内容）。")
    detail: str | None = strawberry.field(description="What was checked. / 检查说明。")
    verdict: FindingVerdict | None = strawberry.field(description="A reviewer's verdict. / 复核结论。")
    verdict_reason: str | None = strawberry.field(description="The reason given. / 复核理由。")

    @classmethod
    def of(cls, row: QaFinding) -> "QaFindingType":
        return cls(
            id=to_global_id(FINDING, row.finding_id), rule_id=row.rule_id, severity=row.severity, compliance=row.compliance,
            message_event_id=row.message_event_id, span_start=row.span_start, span_end=row.span_end, excerpt=row.excerpt,
            detail=row.detail, verdict=FindingVerdict(row.verdict) if row.verdict else None, verdict_reason=row.verdict_reason,
        )


@strawberry.type(name="QaAnnotation", description="A reviewer's note on one message. / 质检员对单条消息的批注。")
class QaAnnotationType:
    message_event_id: str = strawberry.field(description="The message's event id. / 消息事件 ID。")
    note: str = strawberry.field(description="The note. / 批注内容。")


@strawberry.type(name="QaReview", description="A score of a conversation, automatic or manual; never rewritten. / 会话的一次质检评分（自动或人工，不可改写）。")
class QaReviewType(Node):
    kind: QaReviewKind = strawberry.field(description="Who scored. / 评分来源。")
    score: float = strawberry.field(description="0–100; 0 when a critical item failed. / 0–100，关键项不合格为 0。")
    critical_failed: bool = strawberry.field(description="A critical item failed. / 关键项不合格。")
    compliance_violations: int = strawberry.field(description="Compliance findings that stand. / 成立的合规违规数。")
    negative_sentiment: bool = strawberry.field(description="The customer was negative or worsening. / 客户情绪负面或恶化。")
    rule_version: int | None = strawberry.field(description="Rules version (automatic scores). / 规则版本（自动评分）。")
    scorecard_id: str = strawberry.field(description="Scorecard used. / 所用评分表。")
    scorecard_version: int = strawberry.field(description="Its version, kept for good. / 所用评分表版本。")
    items: list[QaItemScoreType] = strawberry.field(description="Item values. / 各评分项得分。")
    annotations: list[QaAnnotationType] = strawberry.field(description="Notes on messages. / 消息批注。")
    comment: str | None = strawberry.field(description="The reviewer's comment. / 质检评语。")
    reviewer_id: str | None = strawberry.field(description="Who reviewed (manual). / 质检员。")
    agent_id: str | None = strawberry.field(description="The agent scored. / 被评坐席。")
    supersedes_id: strawberry.ID | None = strawberry.field(description="The review an amendment replaced. / 被改判替代的评分。")
    created_at: datetime = strawberry.field(description="When it was scored. / 评分时间。")
    review_key: strawberry.Private[str]
    conversation_key: strawberry.Private[str]

    @classmethod
    def of(cls, row: QaReview) -> "QaReviewType":
        values = values_from_json(row.items)
        return cls(
            id=to_global_id(REVIEW, row.review_id), kind=QaReviewKind(row.kind), score=row.score_milli / 1000,
            critical_failed=row.critical_failed, compliance_violations=row.compliance_violations,
            negative_sentiment=row.negative_sentiment, rule_version=row.rule_version, scorecard_id=row.scorecard_id,
            scorecard_version=row.scorecard_version,
            items=[QaItemScoreType(key=k, value=None if v is None else float(Fraction(v))) for k, v in values.items()],
            annotations=[QaAnnotationType(message_event_id=a["message_id"], note=a["note"]) for a in json.loads(row.annotations or "[]")],
            comment=row.comment, reviewer_id=row.reviewer_id, agent_id=row.agent_id,
            supersedes_id=to_global_id(REVIEW, row.supersedes) if row.supersedes else None,
            created_at=from_us(row.created_at_us), review_key=row.review_id, conversation_key=row.conversation_id,
        )

    @strawberry.field(description="Global id of the conversation. / 会话的全局 ID。")
    def conversation_id(self) -> strawberry.ID:
        return to_global_id("Conversation", self.conversation_key)

    @strawberry.field(description="The conversation, when visible to you. / 会话（如可见）。")
    async def conversation(self, info: Info) -> LazyConversation | None:
        summary = await info.context.loader(ConversationByIdLoader).load(self.conversation_key)
        return conversation_types.ConversationType.from_summary(summary) if summary else None

    @strawberry.field(description="Auto-QA findings of this review. / 本次评分的自动质检命中。")
    async def findings(self, info: Info) -> list[QaFindingType]:
        return [QaFindingType.of(row) for row in await info.context.loader(FindingsByReviewLoader).load(self.review_key)]


@strawberry.type(name="QaDispute", description="An agent's dispute of a manual review. / 坐席对人工质检的申诉。")
class QaDisputeType(Node):
    review_id: strawberry.ID = strawberry.field(description="The disputed review. / 被申诉的评分。")
    agent_id: str = strawberry.field(description="The agent. / 坐席。")
    reason: str = strawberry.field(description="The agent's reason. / 申诉理由。")
    status: DisputeStatus = strawberry.field(description="Where it stands. / 状态。")
    resolution: str | None = strawberry.field(description="The arbiter's note. / 处理说明。")
    resolved_by: str | None = strawberry.field(description="Who arbitrated. / 处理人。")
    opened_at: datetime = strawberry.field(description="When it was opened. / 提交时间。")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved. / 处理时间。")
    amended_review_id: strawberry.ID | None = strawberry.field(description="The amending review. / 改判后的评分。")

    @classmethod
    def of(cls, row: QaDispute) -> "QaDisputeType":
        return cls(
            id=to_global_id(DISPUTE, row.dispute_id), review_id=to_global_id(REVIEW, row.review_id), agent_id=row.agent_id,
            reason=row.reason, status=DisputeStatus(row.status), resolution=row.resolution, resolved_by=row.resolved_by,
            opened_at=from_us(row.opened_at_us),
            resolved_at=from_us(row.resolved_at_us) if row.resolved_at_us is not None else None,
            amended_review_id=to_global_id(REVIEW, row.amended_review_id) if row.amended_review_id else None,
        )


@strawberry.type(name="QaRescoreJob", description="A re-scoring backfill and its progress. / 重新质检任务及进度。")
class QaRescoreJobType(Node):
    period_start: datetime = strawberry.field(description="Conversations ended from. / 会话结束时间起。")
    period_end: datetime = strawberry.field(description="Until (exclusive). / 至（不含）。")
    total: int = strawberry.field(description="Conversations to score. / 待评分会话数。")
    done: int = strawberry.field(description="Scored so far. / 已评分数。")
    status: str = strawberry.field(description="pending, running or done. / 状态。")
    created_at: datetime = strawberry.field(description="When it was asked for. / 创建时间。")
    finished_at: datetime | None = strawberry.field(description="When it finished. / 完成时间。")

    @classmethod
    def of(cls, row: QaRescoreJob) -> "QaRescoreJobType":
        return cls(
            id=to_global_id(RESCORE_JOB, row.job_id), period_start=from_us(row.from_us), period_end=from_us(row.to_us),
            total=row.total, done=row.done, status=row.status, created_at=from_us(row.created_at_us),
            finished_at=from_us(row.finished_at_us) if row.finished_at_us is not None else None,
        )
