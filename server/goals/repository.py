"""Reading and writing goals, their parts and checks; scoped reads for the API (server/goals/scoping.py)."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope
from server.goals.models import GOAL_PART, Goal, GoalCheck, GoalPart
from server.goals.scoping import goal_clause, goal_write_clause, part_clause
from server.kernel.paging import Page, PageArgs, SortKey

RUNNING = ("active",)
"""Goal statuses whose workflow is (or should be) running."""
FINISHED = ("met", "missed", "cancelled")


class GoalRepository:
    """Goals by id with their parts and checks, unscoped: for services, activities and other features."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, goal_id: str) -> Goal | None:
        return await self.session.get(Goal, goal_id)

    async def exists(self, goal_id: str) -> bool:
        return (await self.session.execute(select(func.count()).where(Goal.goal_id == goal_id))).scalar_one() > 0

    async def parts(self, goal_id: str) -> list[GoalPart]:
        statement = select(GoalPart).where(GoalPart.goal_id == goal_id).order_by(GoalPart.part_key)
        return list((await self.session.execute(statement)).scalars().all())

    async def replace_parts(self, goal_id: str, parts: Sequence[GoalPart]) -> None:
        await self.session.execute(delete(GoalPart).where(GoalPart.goal_id == goal_id))
        self.session.add_all(parts)
        await self.session.flush()

    async def checks(self, goal_id: str, check_key: str) -> list[GoalCheck]:
        """The checks stored under ``check_key`` (every part's), ordered by part."""
        statement = select(GoalCheck).where(GoalCheck.goal_id == goal_id, GoalCheck.check_key == check_key).order_by(GoalCheck.part_key)
        return list((await self.session.execute(statement)).scalars().all())

    async def consecutive_behind(self, goal_id: str, milestone: int) -> dict[str, int]:
        """Part → its run of behind checks up to milestone ``milestone`` (those not stored count 0)."""
        statement = select(GoalCheck.part_key, GoalCheck.consecutive_behind).where(
            GoalCheck.goal_id == goal_id, GoalCheck.milestone == milestone
        )
        return {part: count for part, count in (await self.session.execute(statement)).all()}

    async def history(self, goal_id: str, part_keys: Sequence[str]) -> dict[str, list[GoalCheck]]:
        """The checks of ``part_keys``, oldest first (one statement)."""
        statement = (
            select(GoalCheck).where(GoalCheck.goal_id == goal_id, GoalCheck.part_key.in_(list(part_keys)))
            .order_by(GoalCheck.checked_at_us, GoalCheck.check_id)
        )
        found: dict[str, list[GoalCheck]] = {key: [] for key in part_keys}
        for check in (await self.session.execute(statement)).scalars().all():
            found[check.part_key].append(check)
        return found

    async def checks_of_parts(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[GoalCheck]]:
        """Checks by (goal, part), oldest first (one statement)."""
        statement = (
            select(GoalCheck)
            .where(GoalCheck.goal_id.in_(sorted({goal for goal, _ in keys})), GoalCheck.part_key.in_(sorted({part for _, part in keys})))
            .order_by(GoalCheck.checked_at_us, GoalCheck.check_id)
        )
        found: dict[tuple[str, str], list[GoalCheck]] = {key: [] for key in keys}
        for check in (await self.session.execute(statement)).scalars().all():
            bucket = found.get((check.goal_id, check.part_key))
            if bucket is not None:
                bucket.append(check)
        return found

    async def latest_goal_checks(self, goal_ids: Sequence[str]) -> dict[str, GoalCheck]:
        """Each goal's latest check of its whole scope."""
        statement = (
            select(GoalCheck).where(GoalCheck.goal_id.in_(list(goal_ids)), GoalCheck.part_key == GOAL_PART)
            .order_by(GoalCheck.goal_id, GoalCheck.checked_at_us, GoalCheck.check_id)
        )
        return {check.goal_id: check for check in (await self.session.execute(statement)).scalars().all()}

    async def goals_touching_teams(self, team_ids: Sequence[str]) -> list[Goal]:
        """Goals on one of ``team_ids``, or with a part in one of them, in creation order."""
        teams = list(team_ids)
        with_part = select(GoalPart.goal_id).where(GoalPart.team_id.in_(teams))
        statement = (
            select(Goal).where((Goal.team_id.in_(teams)) | Goal.goal_id.in_(with_part))
            .order_by(Goal.created_at_us, Goal.goal_id)
        )
        return list((await self.session.execute(statement)).scalars().all())


async def goal_exists(session: AsyncSession, goal_id: str) -> bool:
    """Whether a goal ``goal_id`` exists (for features that tie their records to a goal)."""
    return await GoalRepository(session).exists(goal_id)


async def goal_of(session: AsyncSession, goal_id: str) -> Goal | None:
    """The goal ``goal_id``, unscoped (callers apply their own access rules)."""
    return await GoalRepository(session).get(goal_id)


@dataclass(frozen=True)
class GoalFilter:
    statuses: tuple[str, ...] | None = None
    metric_key: str | None = None
    team_id: str | None = None
    agent_id: str | None = None


GOAL_ORDER = (SortKey(Goal.created_at_us, descending=True), SortKey(Goal.goal_id, descending=True))


class ScopedGoals:
    """Goals a row scope reaches: pages (newest first), counts, look-ups."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def statement(self, narrowing: GoalFilter = GoalFilter()) -> Select:
        statement = select(Goal).where(goal_clause(self.scope))
        if narrowing.statuses is not None:
            statement = statement.where(Goal.status.in_(list(narrowing.statuses)))
        if narrowing.metric_key is not None:
            statement = statement.where(Goal.metric_key == narrowing.metric_key)
        if narrowing.team_id is not None:
            statement = statement.where(Goal.team_id == narrowing.team_id)
        if narrowing.agent_id is not None:
            statement = statement.where(Goal.agent_id == narrowing.agent_id)
        return statement

    async def page(self, args: PageArgs, narrowing: GoalFilter) -> Page[Goal]:
        fetched = (await self.session.execute(args.bounded(self.statement(narrowing), GOAL_ORDER))).scalars().all()
        return Page.of(args, list(fetched), lambda goal: [goal.created_at_us, goal.goal_id])

    async def count(self, narrowing: GoalFilter) -> int:
        return (await self.session.execute(select(func.count()).select_from(self.statement(narrowing).subquery()))).scalar_one()

    async def visible(self, goal_ids: Sequence[str]) -> dict[str, Goal]:
        statement = self.statement().where(Goal.goal_id.in_(list(goal_ids)))
        return {goal.goal_id: goal for goal in (await self.session.execute(statement)).scalars().all()}

    async def in_scope(self, goal_id: str) -> bool:
        return bool(await self.visible([goal_id]))


class ScopedParts:
    """Parts of goals a row scope on ``GoalPart`` reaches."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    async def of_goals(self, goal_ids: Sequence[str]) -> dict[str, list[GoalPart]]:
        """Visible parts per goal, teams before agents, by key (one statement)."""
        statement = (
            select(GoalPart).where(GoalPart.goal_id.in_(list(goal_ids)), part_clause(self.scope))
            .order_by(GoalPart.goal_id, GoalPart.part_kind.desc(), GoalPart.part_key)
        )
        found: dict[str, list[GoalPart]] = {goal_id: [] for goal_id in goal_ids}
        for part in (await self.session.execute(statement)).scalars().all():
            found[part.goal_id].append(part)
        return found


async def writable_goal(session: AsyncSession, scope: RowScope, goal_id: str) -> Goal | None:
    """The goal ``goal_id`` when the write scope ``scope`` reaches it."""
    statement = select(Goal).where(Goal.goal_id == goal_id, goal_write_clause(scope))
    return (await session.execute(statement)).scalars().first()


async def check_by_id(session: AsyncSession, check_id: str) -> GoalCheck | None:
    return await session.get(GoalCheck, check_id)
