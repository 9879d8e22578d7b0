"""Queries of quality inspection: rules, scorecards, reviews, the review queue, disputes, plans, calibration, hotspots, metrics."""

from datetime import datetime
from typing import Annotated

import strawberry
from sqlalchemy import select
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import record_hidden, require_rows
from server.authz.policy import INDIVIDUAL_SCOPES
from server.errors import BadUserInput, Forbidden
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection, from_global_id
from server.metrics.api import Dimension, MetricDimension
from server.metrics.buckets import local_day_if_boundary
from server.quality.calibration import agreement, sessions
from server.quality.hotspots import hotspots
from server.quality.metrics import QaMetricsRequest, compute_qa_metrics, metric_keys, withheld_rows
from server.quality.models import QaReview, QaSamplingPlan
from server.quality.plan_types import (
    ComplaintHotspotsType,
    ComplaintHotspotType,
    QaCalibrationSessionType,
    QaMetricRowType,
    QaSamplingPlanType,
)
from server.quality.repository import (
    QaDisputeRepository, QaReviewRepository, ReviewQueue, customer_messages_of, review_exists, review_sort_key,
)
from server.quality.scoping import qa_metric_clause
from server.quality.types import DisputeStatus, QaDisputeType, QaReviewKind, QaReviewType, QaRuleSetType, QaScorecardType
from server.quality.versions import current_rules, latest_scorecards
from server.reviews.models import ReviewAssignment
from server.reviews.repository import assignment_sort_key
from server.reviews.types import ReviewAssignmentType
from server.timefmt import now_us, to_us

PeriodStart = Annotated[datetime, strawberry.argument(description="From (included). / 起（含）。")]
PeriodEnd = Annotated[datetime, strawberry.argument(description="Until (excluded). / 至（不含）。")]


def _period(start: datetime, end: datetime) -> tuple[int, int]:
    if end <= start:
        raise BadUserInput("periodEnd must be after periodStart", field=("periodEnd",), message_zh="结束时间须晚于开始时间")
    return to_us(start), to_us(end)


@strawberry.type
class QualityQuery:
    @strawberry.field(description="The current auto-QA rules. / 当前的自动质检规则。")
    async def qa_rules(self, info: Info) -> QaRuleSetType:
        context = info.context
        await require_rows(context, "QaRules")
        return QaRuleSetType.of((await current_rules(context.session, now_us=now_us(), store=False)).row, context.language)

    @strawberry.field(description="The latest version of every scorecard. / 每张评分表的最新版本。")
    async def scorecards(self, info: Info) -> list[QaScorecardType]:
        context = info.context
        await require_rows(context, "QaScorecard")
        found = await latest_scorecards(context.session, now_us=now_us())
        return [QaScorecardType.of(version, context.language) for version in found]

    @strawberry.field(description="QA reviews you may see, newest first. / 你可见的质检评分（由新到旧）。")
    async def qa_reviews(
        self, info: Info,
        conversation_id: Annotated[strawberry.ID | None, strawberry.argument(description="Only this conversation. / 仅此会话。")] = None,
        agent_id: Annotated[str | None, strawberry.argument(description="Only this agent. / 仅此坐席。")] = None,
        kind: Annotated[QaReviewKind | None, strawberry.argument(description="Only this kind. / 仅此来源。")] = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[QaReviewType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        scope = await require_rows(context, "QaReview")
        narrowing = {
            "conversation_id": from_global_id(conversation_id, "Conversation", field=("conversationId",)) if conversation_id else None,
            "agent_id": agent_id, "kind": kind.value if kind else None,
        }
        repository = QaReviewRepository(context.session, scope)
        page = Page.of(args, await repository.page(args, **narrowing), sort_key=review_sort_key)

        async def to_nodes(rows: list[QaReview]) -> list[QaReviewType | None]:
            return [QaReviewType.of(row) for row in rows]

        async def count() -> int:
            return await repository.count(**narrowing)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="One QA review, when visible to you. / 单条质检评分（如可见）。")
    async def qa_review(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Global id. / 全局 ID。")]
    ) -> QaReviewType | None:
        context = info.context
        review_id = from_global_id(id, "QaReview", field=("id",))
        scope = await require_rows(context, "QaReview")
        row = await QaReviewRepository(context.session, scope).get(review_id)
        if row is None:
            record_hidden(context, "QaReview", AuditSubject("qa_review", review_id), await review_exists(context.session, review_id))
            return None
        return QaReviewType.of(row)

    @strawberry.field(description="Your assignments not yet scored by you, oldest first. / 你尚未评分的质检分配（由早到晚）。")
    async def review_queue(
        self, info: Info, first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None
    ) -> Connection[ReviewAssignmentType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        await require_rows(context, "QaReview", "write")
        queue = ReviewQueue(context.session, context.principal.subject)
        page = Page.of(args, await queue.page(args), sort_key=assignment_sort_key)
        zone = context.settings.zone

        async def to_nodes(rows: list[ReviewAssignment]) -> list[ReviewAssignmentType | None]:
            return [ReviewAssignmentType.from_row(row, zone) for row in rows]

        return await page.connection(to_nodes, queue.count)

    @strawberry.field(description="Disputes you may see, newest first. / 你可见的申诉（由新到旧）。")
    async def qa_disputes(
        self, info: Info,
        status: Annotated[DisputeStatus | None, strawberry.argument(description="Only this status. / 仅此状态。")] = None,
    ) -> list[QaDisputeType]:
        context = info.context
        scope = await require_rows(context, "QaDispute")
        rows = await QaDisputeRepository(context.session, scope).listed(status=status.value if status else None)
        return [QaDisputeType.of(row) for row in rows]

    @strawberry.field(description="Sampling plans, newest first. / 抽样方案（由新到旧）。")
    async def sampling_plans(self, info: Info) -> list[QaSamplingPlanType]:
        context = info.context
        await require_rows(context, "QaSampling")
        statement = select(QaSamplingPlan).order_by(QaSamplingPlan.created_at_us.desc())  # type: ignore[attr-defined]
        return [QaSamplingPlanType.of(row) for row in (await context.session.execute(statement)).scalars()]

    @strawberry.field(description="Calibration sessions with their agreement, newest first. / 校准会及一致性（由新到旧）。")
    async def calibration_sessions(self, info: Info) -> list[QaCalibrationSessionType]:
        context = info.context
        await require_rows(context, "QaCalibration")
        return [QaCalibrationSessionType.of(row, await agreement(context.session, row)) for row in await sessions(context.session)]

    @strawberry.field(
        description="Top and rising terms of customer messages per category: the period against the one before it "
        "(jieba, stop words, one-sided two-proportion z-test). / 各类别客户消息的高频与上升词（本期对比上一等长时段）。"
    )
    async def complaint_hotspots(
        self, info: Info, period_start: PeriodStart, period_end: PeriodEnd,
        category: Annotated[str | None, strawberry.argument(description="Only this category. / 仅此类别。")] = None,
        top: Annotated[int, strawberry.argument(description="Terms per category (1–50). / 每类词数。")] = 10,
    ) -> ComplaintHotspotsType:
        context = info.context
        scope = await require_rows(context, "QaMetric")
        start_us, end_us = _period(period_start, period_end)
        if not 1 <= top <= 50:
            raise BadUserInput("top must be from 1 to 50", field=("top",), message_zh="top 须在 1 到 50 之间")
        length = end_us - start_us

        async def customer_messages(from_us: int, to_us_: int) -> list[tuple[str, str, str]]:
            return await customer_messages_of(context.session, scope, from_us, to_us_, category)

        found = hotspots(await customer_messages(start_us, end_us), await customer_messages(start_us - length, start_us), top=top)
        return ComplaintHotspotsType(
            terms=[ComplaintHotspotType.of(spot) for spot in found], period_start_us=start_us, period_end_us=end_us,
        )

    @strawberry.field(
        description="The QA metric keys (qa_score_avg, qa_reviewed, qa_critical_fail_rate, compliance_violation_rate, "
        "negative_sentiment_rate) by the final score of each conversation ended in the period. "
        "/ 质检指标（按期间内结束会话的最终得分计算）。"
    )
    async def qa_metrics(
        self, info: Info, period_start: PeriodStart, period_end: PeriodEnd,
        group_by: Annotated[list[MetricDimension] | None, strawberry.argument(description="Grouping (not HOUR). / 分组。")] = None,
        keys: Annotated[list[str] | None, strawberry.argument(description="Keys (default all). / 指标键。")] = None,
    ) -> list[QaMetricRowType]:
        context = info.context
        scope = await require_rows(context, "QaMetric")
        start_us, end_us = _period(period_start, period_end)
        dimensions = tuple(Dimension(d.value) for d in group_by or [])
        if Dimension.HOUR in dimensions:
            raise BadUserInput("QA metrics group by DAY, WEEK or MONTH", field=("groupBy",), message_zh="质检指标不支持按小时分组")
        if Dimension.AGENT in dimensions and not scope.scopes & INDIVIDUAL_SCOPES:
            context.audit.denied("QaMetric", "grouping by agent needs individual access")
            raise Forbidden("aggregate QA metrics cannot be grouped by agent / 汇总权限不能按坐席分组")
        try:
            asked = metric_keys(keys)
        except ValueError as error:
            raise BadUserInput(str(error), field=("keys",), message_zh="未知的质检指标键") from None
        request = QaMetricsRequest(start_us, end_us, dimensions, asked)
        zone, clause = context.settings.zone, qa_metric_clause(scope)
        rows = await compute_qa_metrics(context.session, request, zone=zone, clause=clause)
        if scope.scopes & INDIVIDUAL_SCOPES:
            return [QaMetricRowType.of(row) for row in rows]
        if local_day_if_boundary(start_us, zone) is None or local_day_if_boundary(end_us, zone) is None:
            context.audit.denied("QaMetric", "a period inside a day needs individual access")
            raise Forbidden(
                "aggregate QA metrics cover whole local days: give local midnights",
                message_zh="汇总质检指标按整日计算：请给出当地零点",
            )
        withheld = await withheld_rows(
            context.session, request, rows, zone=zone, clause=clause, minimum_agents=context.settings.k_anonymity,
        )
        return [QaMetricRowType.of(row, suppressed=hidden) for row, hidden in zip(rows, withheld, strict=True)]

