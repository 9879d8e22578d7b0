"""Queries of the evaluation feature: team reviews, plan evaluations, and verdict counts for aggregate readers."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.audit.trail import AuditSubject
from server.authz.guards import record_hidden, require_rows
from server.authz.scoping import RowScope
from server.errors import Forbidden
from server.evaluation.models import PlanEvaluation, TeamReview
from server.evaluation.repository import ScopedEvaluations, ScopedReviews, verdict_counts
from server.evaluation.scoping import EVALUATION_TYPE, REVIEW_TYPE, shows_rows
from server.evaluation.types import EvaluationVerdict, EvaluationVerdictCountType, PlanEvaluationType, TeamReviewType
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import PageArgs
from server.kernel.relay import Connection, from_global_id

TeamFilter = Annotated[strawberry.ID | None, strawberry.argument(description="Only this team (global id). / 仅此团队（全局 ID）。")]
AgentFilter = Annotated[strawberry.ID | None, strawberry.argument(description="Only this agent (global id). / 仅此坐席（全局 ID）。")]


async def _individual_rows(info: Info, record: str) -> RowScope:
    """The caller's row scope on ``record``; FORBIDDEN (audited) when it reaches aggregates only."""
    scope = await require_rows(info.context, record)
    if not shows_rows(scope):
        info.context.audit.denied(record, "aggregate scope reads no individual row")
        raise Forbidden(f"not allowed to read individual {record} rows")
    return scope


@strawberry.type
class EvaluationQuery:
    @strawberry.field(description="Team reviews you may read, newest period first. / 你可查看的团队复盘（按时段新在前）。")
    async def team_reviews(
        self, info: Info, team_id: TeamFilter = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[TeamReviewType]:
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        team = from_global_id(team_id, "Team", field=("teamId",)) if team_id else None
        reviews = ScopedReviews(info.context.session, await _individual_rows(info, REVIEW_TYPE))
        page = await reviews.page(args, team)

        async def to_nodes(rows: list[TeamReview]) -> list[TeamReviewType | None]:
            return [TeamReviewType.from_row(row) for row in rows]

        async def count() -> int:
            return await reviews.count(team)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="One team review by global id, or null when you may not read it. / 按全局 ID 查看团队复盘（不可见时为空）。")
    async def team_review(self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The review's global id. / 复盘全局 ID。")]) -> TeamReviewType | None:
        key = from_global_id(id, REVIEW_TYPE, field=("id",))
        row = await ScopedReviews(info.context.session, await _individual_rows(info, REVIEW_TYPE)).by_id(key)
        if row is None:
            record_hidden(info.context, REVIEW_TYPE, AuditSubject("team_review", key), await info.context.session.get(TeamReview, key) is not None)
        return TeamReviewType.from_row(row) if row is not None else None

    @strawberry.field(description="Evaluations of ended coaching plans you may read, newest first. / 你可查看的辅导计划评估（新在前）。")
    async def coaching_evaluations(
        self, info: Info, team_id: TeamFilter = None, agent_id: AgentFilter = None,
        first: FirstArg = None, after: AfterArg = None, last: LastArg = None, before: BeforeArg = None,
    ) -> Connection[PlanEvaluationType]:
        args = PageArgs.of(info.context.settings, first=first, after=after, last=last, before=before)
        team = from_global_id(team_id, "Team", field=("teamId",)) if team_id else None
        agent = from_global_id(agent_id, "Agent", field=("agentId",)) if agent_id else None
        evaluations = ScopedEvaluations(info.context.session, await _individual_rows(info, EVALUATION_TYPE))
        page = await evaluations.page(args, team, agent)

        async def to_nodes(rows: list[PlanEvaluation]) -> list[PlanEvaluationType | None]:
            return [PlanEvaluationType.from_row(row) for row in rows]

        async def count() -> int:
            return await evaluations.count(team, agent)

        return await page.connection(to_nodes, count)

    @strawberry.field(description="The evaluation of one coaching plan, or null (not ended yet, or not yours to read). / 某辅导计划的评估（未结束或不可见时为空）。")
    async def coaching_evaluation(
        self, info: Info, plan_id: Annotated[strawberry.ID, strawberry.argument(description="The coaching plan's global id. / 辅导计划全局 ID。")],
    ) -> PlanEvaluationType | None:
        key = from_global_id(plan_id, "CoachingPlan", field=("planId",))
        row = await ScopedEvaluations(info.context.session, await _individual_rows(info, EVALUATION_TYPE)).by_plan(key)
        if row is None:
            exists = await info.context.session.get(PlanEvaluation, key) is not None
            record_hidden(info.context, EVALUATION_TYPE, AuditSubject("plan_evaluation", key), exists)
        return PlanEvaluationType.from_row(row) if row is not None else None

    @strawberry.field(description="How many plans got each verdict, per metric; groups of fewer agents than the anonymity floor are left out. / 各指标各结论的计划数；坐席数少于匿名下限的分组不显示。")
    async def coaching_evaluation_summary(self, info: Info) -> list[EvaluationVerdictCountType]:
        scope = await require_rows(info.context, EVALUATION_TYPE)
        floor = info.context.settings.k_anonymity
        return [
            EvaluationVerdictCountType(metric=metric, verdict=EvaluationVerdict(verdict), plans=plans)
            for metric, verdict, plans, agents in await verdict_counts(info.context.session, scope) if agents >= floor
        ]
