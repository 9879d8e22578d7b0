"""Mutations of quality inspection; every change is audited, expected problems come back as userErrors."""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.authz.guards import require_rows
from server.authz.policy import Scope
from server.errors import BadUserInput, Forbidden, NotFound
from server.intents.request import request_intent
from server.kernel.payloads import AlreadyExists, payload_mutation
from server.kernel.relay import from_global_id
from server.quality import inputs as i
from server.quality.calibration import agreement, create_session
from server.quality.models import QaCalibrationSession, QaSamplingPlan
from server.quality.plan_types import QaCalibrationSessionType, QaSamplingPlanType, QaSamplingRunType
from server.quality.records import ended_among
from server.quality.repository import QaDisputeRepository, QaReviewRepository
from server.quality.rescoring import RESCORE_INTENT, create_job
from server.quality.reviewing import Actor, Annotation, audit_change, open_dispute, override_finding, resolve_dispute, submit_review
from server.quality.rules import RuleError
from server.quality.sampling import SamplingPlanRules
from server.quality.sampling_runs import create_plan, run_plan, validate_rules
from server.quality.scoping import conversation_assignable
from server.quality.types import QaDisputeType, QaFindingType, QaRescoreJobType, QaReviewType, QaRuleSetType, QaScorecardType
from server.quality.versions import ensure_default_scorecard, save_rules, save_scorecard, scorecard_version
from server.reviews.models import ReviewAssignment
from server.timefmt import now_us, to_us

Input = Annotated[Any, strawberry.argument(description="The mutation's input. / 输入。")]


def _actor(context: Any) -> Actor:
    return Actor(context.principal, context.request_id)


def _refused(error: RuleError, root: str) -> BadUserInput:
    return BadUserInput(
        f"rule {error.rule}: {error.field_name}: {error.message}", field=(root, error.rule, error.field_name),
        message_zh=f"规则 {error.rule} 的字段 {error.field_name} 有误：{error.message}",
    )


def _items(items: list[i.QaItemScoreInput] | None) -> dict[str, float | None]:
    return {item.key: item.value for item in items or []}


@strawberry.type
class QualityMutation:
    @strawberry.mutation(description="Save new auto-QA rules as the next version; a bad rule is refused naming it and its field. "
                         "/ 保存新版本的自动质检规则；有误的规则会被拒绝并指出规则与字段。")
    @payload_mutation
    async def set_qa_rules(self, info: Info, input: Annotated[i.SetQaRulesInput, strawberry.argument(description="The rules. / 规则。")]) -> i.SetQaRulesPayload:
        context = info.context
        await require_rows(context, "QaRules", "write")
        try:
            saved = await save_rules(context.session, input.source, note=input.note, by=context.principal.subject, now_us=now_us())
        except RuleError as error:
            raise _refused(error, "source") from None
        audit_change(context.session, _actor(context), "QaRules", None, {"version": saved.version, "note": input.note})
        return i.SetQaRulesPayload(qa_rules=QaRuleSetType.of(saved.row, context.language))

    async def _save_scorecard(self, info: Info, input: i.ScorecardInput, *, create: bool) -> i.ScorecardPayload:
        context = info.context
        await require_rows(context, "QaScorecard", "write")
        if not isinstance(input.definition, dict):
            raise BadUserInput("definition must be an object", field=("definition",), message_zh="定义须为对象")
        try:
            saved = await save_scorecard(context.session, input.scorecard_id, input.definition, by=context.principal.subject,
                                         now_us=now_us(), create=create)
        except RuleError as error:
            raise _refused(error, "definition") from None
        except ValueError:
            raise AlreadyExists(f"scorecard {input.scorecard_id} exists", field=("scorecardId",), message_zh="评分表已存在") from None
        except LookupError:
            raise NotFound(f"scorecard {input.scorecard_id} does not exist", field=("scorecardId",), message_zh="评分表不存在") from None
        audit_change(context.session, _actor(context), "QaScorecard", None, {"scorecard": saved.scorecard_id, "version": saved.version})
        return i.ScorecardPayload(scorecard=QaScorecardType.of(saved, context.language))

    @strawberry.mutation(description="Create a scorecard (version 1). / 新建评分表（版本 1）。")
    @payload_mutation
    async def create_scorecard(self, info: Info, input: Annotated[i.ScorecardInput, strawberry.argument(description="The scorecard. / 评分表。")]) -> i.ScorecardPayload:
        return await QualityMutation._save_scorecard(self, info, input, create=True)

    @strawberry.mutation(description="Save a scorecard's next version; earlier reviews keep theirs. / 保存评分表新版本（既有评分保留原版本）。")
    @payload_mutation
    async def update_scorecard(self, info: Info, input: Annotated[i.ScorecardInput, strawberry.argument(description="The scorecard. / 评分表。")]) -> i.ScorecardPayload:
        return await QualityMutation._save_scorecard(self, info, input, create=False)

    @strawberry.mutation(description="Score a conversation with a scorecard (it becomes the final score unless calibrating); audited. "
                         "/ 使用评分表人工质检（非校准时成为最终得分，留审计记录）。")
    @payload_mutation
    async def submit_qa_review(self, info: Info, input: Annotated[i.SubmitQaReviewInput, strawberry.argument(description="The review. / 评分。")]) -> i.SubmitQaReviewPayload:
        context = info.context
        scope = await require_rows(context, "QaReview", "write")
        conversation_id = from_global_id(input.conversation_id, "Conversation", field=("conversationId",))
        calibration_id = None
        if input.calibration_session_id is not None:
            calibration_id = from_global_id(input.calibration_session_id, "QaCalibrationSession", field=("calibrationSessionId",))
            if await context.session.get(QaCalibrationSession, calibration_id) is None:
                raise NotFound("no such calibration session", field=("calibrationSessionId",), message_zh="校准会不存在")
        if not scope.unrestricted and await context.session.get(ReviewAssignment, (context.principal.subject, conversation_id)) is None:
            context.audit.denied("QaReview", "conversation not assigned for review")
            raise Forbidden("the conversation is not assigned to you for review")
        review = await submit_review(
            context.session, _actor(context), conversation_id, _items(input.items), now_us=now_us(),
            scorecard_id=input.scorecard_id, comment=input.comment, calibration_id=calibration_id,
            annotations=tuple(Annotation(a.message_event_id, a.note) for a in input.annotations or []),
        )
        return i.SubmitQaReviewPayload(qa_review=QaReviewType.of(review))

    @strawberry.mutation(description="Accept or override an auto-QA finding with a reason; audited. / 复核自动质检命中（需理由，留审计记录）。")
    @payload_mutation
    async def override_finding(self, info: Info, input: Annotated[i.OverrideFindingInput, strawberry.argument(description="The verdict. / 复核。")]) -> i.OverrideFindingPayload:
        context = info.context
        scope = await require_rows(context, "QaReview", "write")
        finding_id = from_global_id(input.finding_id, "QaFinding", field=("findingId",))
        finding = await QaReviewRepository(context.session, scope).finding(finding_id)
        if finding is None:
            raise NotFound("no such finding in your scope", field=("findingId",), message_zh="质检命中不存在或不可见")
        await override_finding(context.session, _actor(context), finding, str(input.verdict.value), input.reason, now_us=now_us())
        return i.OverrideFindingPayload(qa_finding=QaFindingType.of(finding))

    @strawberry.mutation(description="Dispute a manual review of yours within the dispute window; the team's managers are notified. "
                         "/ 在申诉期内对自己的人工质检申诉（通知团队主管）。")
    @payload_mutation
    async def dispute_qa_review(self, info: Info, input: Annotated[i.DisputeQaReviewInput, strawberry.argument(description="The dispute. / 申诉。")]) -> i.DisputeQaReviewPayload:
        context = info.context
        await require_rows(context, "QaDispute", "write")
        review_id = from_global_id(input.qa_review_id, "QaReview", field=("qaReviewId",))
        review = await QaReviewRepository(context.session, await require_rows(context, "QaReview")).get(review_id)
        if review is None:
            raise NotFound("no such review in your scope", field=("qaReviewId",), message_zh="评分不存在或不可见")
        dispute = await open_dispute(context.session, _actor(context), review, input.reason,
                                     window_days=context.settings.qa_dispute_window_days, now_us=now_us())
        return i.DisputeQaReviewPayload(qa_dispute=QaDisputeType.of(dispute))

    @strawberry.mutation(description="Uphold or amend a dispute of your team's agent; audited. / 处理本团队坐席的申诉（维持或改判，留审计记录）。")
    @payload_mutation
    async def resolve_dispute(self, info: Info, input: Annotated[i.ResolveDisputeInput, strawberry.argument(description="The decision. / 处理。")]) -> i.ResolveDisputePayload:
        context = info.context
        scope = await require_rows(context, "QaDispute", "write")
        if not (scope.unrestricted or scope.has(Scope.TEAM)):
            context.audit.denied("QaDispute", "arbitration needs the team's managers")
            raise Forbidden("only the managers of the agent's team arbitrate disputes")
        dispute_id = from_global_id(input.dispute_id, "QaDispute", field=("disputeId",))
        dispute = await QaDisputeRepository(context.session, scope).get(dispute_id)
        if dispute is None:
            raise NotFound("no such dispute in your scope", field=("disputeId",), message_zh="申诉不存在或不可见")
        await resolve_dispute(context.session, _actor(context), dispute, str(input.outcome.value), input.resolution,
                              now_us=now_us(), amended_items=_items(input.items) if input.items else None)
        amended = await QaReviewRepository(context.session, scope).get(dispute.amended_review_id) if dispute.amended_review_id else None
        return i.ResolveDisputePayload(qa_dispute=QaDisputeType.of(dispute), qa_review=QaReviewType.of(amended) if amended else None)

    @strawberry.mutation(description="Create a sampling plan. / 新建抽样方案。")
    @payload_mutation
    async def create_sampling_plan(self, info: Info, input: Annotated[i.CreateSamplingPlanInput, strawberry.argument(description="The plan. / 方案。")]) -> i.CreateSamplingPlanPayload:
        context = info.context
        await require_rows(context, "QaSampling", "write")
        rules = SamplingPlanRules(input.per_agent_week, input.overall_rate, input.risk_limit, tuple(input.risk_signals))
        problem = validate_rules(rules)
        if problem is not None:
            field, _, message = problem.partition(": ")
            raise BadUserInput(message, field=(field,), message_zh=f"{field} 取值无效")
        if not input.name.strip():
            raise BadUserInput("name must not be empty", field=("name",), message_zh="名称不能为空")
        plan = await create_plan(context.session, input.name.strip(), rules, by=context.principal.subject, now_us=now_us())
        audit_change(context.session, _actor(context), "QaSamplingPlan", None, {"name": plan.name})
        return i.CreateSamplingPlanPayload(sampling_plan=QaSamplingPlanType.of(plan))

    @strawberry.mutation(description="Draw a plan's sample for a period and assign it to reviewers with balanced load; reproducible for a seed. "
                         "/ 按方案抽样并均衡分配给质检员（相同种子可复现）。")
    @payload_mutation
    async def run_sampling(self, info: Info, input: Annotated[i.RunSamplingInput, strawberry.argument(description="The run. / 抽样。")]) -> i.RunSamplingPayload:
        context = info.context
        scope = await require_rows(context, "QaSampling", "write")
        plan = await context.session.get(QaSamplingPlan, from_global_id(input.plan_id, "QaSamplingPlan", field=("planId",)))
        if plan is None:
            raise NotFound("no such sampling plan", field=("planId",), message_zh="抽样方案不存在")
        if input.period_end <= input.period_start:
            raise BadUserInput("periodEnd must be after periodStart", field=("periodEnd",), message_zh="结束时间须晚于开始时间")
        reviewers = sorted({r.strip() for r in input.reviewer_ids if r.strip()})
        if not reviewers:
            raise BadUserInput("name at least one reviewer", field=("reviewerIds",), message_zh="至少指定一名质检员")
        run, _sample, _coverage = await run_plan(
            context.session, plan, reviewers, from_us=to_us(input.period_start), to_us=to_us(input.period_end), seed=input.seed,
            clause=conversation_assignable(scope), zone=context.settings.zone, by=context.principal.subject, now_us=now_us(),
        )
        audit_change(context.session, _actor(context), "QaSamplingRun", None, {"plan": plan.plan_id, "seed": input.seed})
        return i.RunSamplingPayload(sampling_run=QaSamplingRunType.of(run))

    @strawberry.mutation(description="Let several reviewers score the same ended conversations to measure agreement. "
                         "/ 发起校准：多名质检员评同一批已结束会话以衡量一致性。")
    @payload_mutation
    async def create_calibration_session(
        self, info: Info, input: Annotated[i.CreateCalibrationSessionInput, strawberry.argument(description="The session. / 校准会。")],
    ) -> i.CreateCalibrationSessionPayload:
        context = info.context
        await require_rows(context, "QaCalibration", "write")
        reviewers = sorted({r.strip() for r in input.reviewer_ids if r.strip()})
        if len(reviewers) < 2:
            raise BadUserInput("a calibration needs at least two reviewers", field=("reviewerIds",), message_zh="校准至少需要两名质检员")
        conversations = sorted({from_global_id(c, "Conversation", field=("conversationIds",)) for c in input.conversation_ids})
        ended = await ended_among(context.session, conversations)
        if not conversations or ended != conversations:
            raise BadUserInput("every conversation must exist and have ended", field=("conversationIds",), message_zh="会话须存在且已结束")
        await ensure_default_scorecard(context.session, now_us=now_us())
        card = await scorecard_version(context.session, input.scorecard_id)
        if card is None:
            raise NotFound("no such scorecard", field=("scorecardId",), message_zh="评分表不存在")
        row = await create_session(context.session, input.name.strip() or "calibration", conversations, reviewers, card,
                                   by=context.principal.subject, now_us=now_us())
        audit_change(context.session, _actor(context), "QaCalibrationSession", None,
                     {"conversations": len(conversations), "reviewers": reviewers})
        return i.CreateCalibrationSessionPayload(calibration_session=QaCalibrationSessionType.of(row, await agreement(context.session, row)))

    @strawberry.mutation(description="Re-score the conversations that ended in a period with the current rules, as a backfill with progress "
                         "(manual scores stay final). / 用当前规则重新质检某时段结束的会话（后台任务，可查看进度；人工评分仍为最终得分）。")
    @payload_mutation
    async def rescore_conversations(
        self, info: Info, input: Annotated[i.RescoreConversationsInput, strawberry.argument(description="The period. / 时段。")],
    ) -> i.RescoreConversationsPayload:
        context = info.context
        await require_rows(context, "QaRules", "write")
        if input.period_end <= input.period_start:
            raise BadUserInput("periodEnd must be after periodStart", field=("periodEnd",), message_zh="结束时间须晚于开始时间")
        job = await create_job(context.session, to_us(input.period_start), to_us(input.period_end),
                               by=context.principal.subject, now_us=now_us())
        request_intent(context, RESCORE_INTENT, {"job_id": job.job_id})
        audit_change(context.session, _actor(context), "QaRescoreJob", None, {"total": job.total})
        return i.RescoreConversationsPayload(rescore_job=QaRescoreJobType.of(job))

