"""Reading reviews and evaluations in keyset pages, always through the principal's row scope."""

from collections.abc import Sequence

from sqlalchemy import Select, func, select, true
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope
from server.evaluation.models import PlanEvaluation, TeamReview
from server.org.models import Team
from server.evaluation.scoping import evaluation_clause, review_clause, shows_rows
from server.kernel.paging import Page, PageArgs, SortKey

REVIEW_ORDER = (SortKey(TeamReview.period_end_us, descending=True), SortKey(TeamReview.review_id))
EVALUATION_ORDER = (SortKey(PlanEvaluation.evaluated_at_us, descending=True), SortKey(PlanEvaluation.plan_id))


async def _count(session: AsyncSession, statement: Select) -> int:
    return (await session.execute(select(func.count()).select_from(statement.subquery()))).scalar_one()


class ScopedReviews:
    """Team reviews the scope reaches, newest period first."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session, self.scope = session, scope

    def statement(self, team_id: str | None = None) -> Select:
        statement = select(TeamReview).where(review_clause(self.scope))
        return statement if team_id is None else statement.where(TeamReview.team_id == team_id)

    async def page(self, args: PageArgs, team_id: str | None) -> Page[TeamReview]:
        rows = (await self.session.execute(args.bounded(self.statement(team_id), REVIEW_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.period_end_us, row.review_id])

    async def count(self, team_id: str | None) -> int:
        return await _count(self.session, self.statement(team_id))

    async def by_id(self, review_id: str) -> TeamReview | None:
        found = await self.session.execute(self.statement().where(TeamReview.review_id == review_id))
        return found.scalars().one_or_none()


class ScopedEvaluations:
    """Plan evaluations the scope reaches, newest first."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session, self.scope = session, scope

    def statement(self, team_id: str | None = None, agent_id: str | None = None) -> Select:
        statement = select(PlanEvaluation).where(evaluation_clause(self.scope))
        if team_id is not None:
            statement = statement.where(PlanEvaluation.team_id == team_id)
        if agent_id is not None:
            statement = statement.where(PlanEvaluation.agent_id == agent_id)
        return statement

    async def page(self, args: PageArgs, team_id: str | None, agent_id: str | None) -> Page[PlanEvaluation]:
        statement = args.bounded(self.statement(team_id, agent_id), EVALUATION_ORDER)
        rows = (await self.session.execute(statement)).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.evaluated_at_us, row.plan_id])

    async def count(self, team_id: str | None, agent_id: str | None) -> int:
        return await _count(self.session, self.statement(team_id, agent_id))

    async def by_plan(self, plan_id: str) -> PlanEvaluation | None:
        found = await self.session.execute(self.statement().where(PlanEvaluation.plan_id == plan_id))
        return found.scalars().one_or_none()

    async def of_period(self, team_id: str, start_us: int, end_us: int) -> Sequence[PlanEvaluation]:
        """The evaluations of a review's period (plans of the team that ended in it), oldest first."""
        statement = self.statement(team_id).where(
            PlanEvaluation.evaluated_at_us >= start_us, PlanEvaluation.evaluated_at_us < end_us,
        ).order_by(PlanEvaluation.evaluated_at_us, PlanEvaluation.plan_id)
        return (await self.session.execute(statement)).scalars().all()


async def verdict_counts(session: AsyncSession, scope: RowScope) -> list[tuple[str, str, int, int]]:
    """(metric, verdict, plans, distinct agents) over the evaluations the scope reaches (all of them for aggregate readers)."""
    reach = evaluation_clause(scope) if shows_rows(scope) else true()
    statement = select(
        PlanEvaluation.metric_key, PlanEvaluation.verdict, func.count(), func.count(PlanEvaluation.agent_id.distinct()),
    ).where(reach).group_by(PlanEvaluation.metric_key, PlanEvaluation.verdict).order_by(PlanEvaluation.metric_key, PlanEvaluation.verdict)
    return [tuple(row) for row in (await session.execute(statement)).all()]  # type: ignore[misc]


async def period_evaluations(session: AsyncSession, team_id: str, start_us: int, end_us: int) -> Sequence[PlanEvaluation]:
    """Every evaluation of the team's plans that ended in ``[start_us, end_us)``, oldest first (for compiling a review)."""
    statement = select(PlanEvaluation).where(
        PlanEvaluation.team_id == team_id, PlanEvaluation.evaluated_at_us >= start_us, PlanEvaluation.evaluated_at_us < end_us,
    ).order_by(PlanEvaluation.evaluated_at_us, PlanEvaluation.plan_id)
    return (await session.execute(statement)).scalars().all()


async def every_team_id(session: AsyncSession) -> list[str]:
    """Every team of the organisation, sorted (each gets a review schedule)."""
    return list((await session.execute(select(Team.team_id).order_by(Team.team_id))).scalars())
