"""Reading plans and tasks through a row scope, in keyset pages; the team's open and overdue tasks."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope
from server.coaching.models import CoachingPlan, CoachingTask
from server.coaching.plans import ACTIVE, DONE
from server.coaching.scoping import plan_clause
from server.kernel.paging import Page, PageArgs, SortKey

PLAN_ORDER = (SortKey(CoachingPlan.created_at_us, descending=True), SortKey(CoachingPlan.plan_id))
TASK_ORDER = (SortKey(CoachingTask.due_at_us), SortKey(CoachingTask.task_id))


@dataclass(frozen=True)
class PlanFilter:
    agent_id: str | None = None
    status: str | None = None
    metric_key: str | None = None


async def _count(session: AsyncSession, statement: Select) -> int:
    return (await session.execute(select(func.count()).select_from(statement.subquery()))).scalar_one()


class ScopedPlans:
    """Plans and their tasks as far as one row scope reaches."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def plans(self, narrowing: PlanFilter = PlanFilter()) -> Select:
        statement = select(CoachingPlan).where(plan_clause(self.scope))
        if narrowing.agent_id is not None:
            statement = statement.where(CoachingPlan.agent_id == narrowing.agent_id)
        if narrowing.status is not None:
            statement = statement.where(CoachingPlan.status == narrowing.status)
        if narrowing.metric_key is not None:
            statement = statement.where(CoachingPlan.metric_key == narrowing.metric_key)
        return statement

    async def plan_page(self, args: PageArgs, narrowing: PlanFilter) -> Page[CoachingPlan]:
        rows = (await self.session.execute(args.bounded(self.plans(narrowing), PLAN_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.created_at_us, row.plan_id])

    async def plan_count(self, narrowing: PlanFilter) -> int:
        return await _count(self.session, self.plans(narrowing))

    async def plans_by_id(self, plan_ids: Sequence[str]) -> dict[str, CoachingPlan]:
        rows = await self.session.execute(self.plans().where(CoachingPlan.plan_id.in_(list(plan_ids))))
        return {row.plan_id: row for row in rows.scalars()}

    async def tasks_of_plans(self, plan_ids: Sequence[str]) -> dict[str, list[CoachingTask]]:
        statement = (
            select(CoachingTask).join(CoachingPlan, CoachingPlan.plan_id == CoachingTask.plan_id)
            .where(plan_clause(self.scope), CoachingTask.plan_id.in_(list(plan_ids)))
            .order_by(CoachingTask.plan_id, CoachingTask.position)
        )
        found: dict[str, list[CoachingTask]] = {plan_id: [] for plan_id in plan_ids}
        for task in (await self.session.execute(statement)).scalars():
            found[task.plan_id].append(task)
        return found

    async def task(self, task_id: str) -> tuple[CoachingPlan, CoachingTask] | None:
        statement = (
            select(CoachingPlan, CoachingTask).join(CoachingTask, CoachingPlan.plan_id == CoachingTask.plan_id)
            .where(plan_clause(self.scope), CoachingTask.task_id == task_id)
        )
        row = (await self.session.execute(statement)).first()
        return (row[0], row[1]) if row is not None else None


class OwnTasks:
    """The tasks of an agent's own plans, soonest due first (cancelled ones left out)."""

    def __init__(self, session: AsyncSession, agent_id: str) -> None:
        self.session = session
        self.agent_id = agent_id

    def statement(self, open_only: bool) -> Select:
        statement = (
            select(CoachingTask).join(CoachingPlan, CoachingPlan.plan_id == CoachingTask.plan_id)
            .where(CoachingPlan.agent_id == self.agent_id, CoachingTask.status != "cancelled")
        )
        if open_only:
            statement = statement.where(CoachingTask.status.not_in(sorted(DONE)))
        return statement

    async def page(self, args: PageArgs, open_only: bool) -> Page[CoachingTask]:
        rows = (await self.session.execute(args.bounded(self.statement(open_only), TASK_ORDER))).scalars().all()
        return Page.of(args, list(rows), lambda row: [row.due_at_us, row.task_id])

    async def count(self, open_only: bool) -> int:
        return await _count(self.session, self.statement(open_only))


async def team_open_tasks(session: AsyncSession, team_ids: Sequence[str], at_us: int) -> list[tuple[CoachingPlan, CoachingTask]]:
    """Unfinished tasks of the active plans of ``team_ids``, soonest due first."""
    statement = (
        select(CoachingPlan, CoachingTask).join(CoachingTask, CoachingPlan.plan_id == CoachingTask.plan_id)
        .where(CoachingPlan.team_id.in_(list(team_ids)), CoachingPlan.status == ACTIVE, CoachingTask.status.not_in(sorted(DONE)))
        .order_by(CoachingTask.due_at_us, CoachingTask.task_id)
    )
    return [(row[0], row[1]) for row in (await session.execute(statement)).all()]


async def coached_now(session: AsyncSession, metric: str) -> set[str]:
    """Agents with an active plan on ``metric``: already being coached, a sweep opens no second plan."""
    statement = select(CoachingPlan.agent_id).where(CoachingPlan.metric_key == metric, CoachingPlan.status == ACTIVE)
    return set((await session.execute(statement)).scalars())
