"""Teams, agents and customers, read through the principal's row scope."""

from dataclasses import dataclass

from collections.abc import Hashable

from sqlalchemy import Select, case, exists, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope, agent_clause, customer_clause, team_clause
from server.kernel.keyset import code_point_order, group_by_parent, pages_per_parent
from server.kernel.paging import PageArgs, SortKey, SortValue
from server.org.models import Agent, Customer, CustomerPersonal, Team


@dataclass(frozen=True)
class AgentFilter:
    team_id: str | None = None
    name_contains: str | None = None
    active: bool | None = None


@dataclass(frozen=True)
class CustomerFilter:
    name_contains: str | None = None
    phone: str | None = None
    email: str | None = None


class TeamRepository:
    """Teams the scope reaches."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def readable_statement(self) -> Select:
        return select(Team).where(team_clause(self.scope, Team.team_id))

    async def readable(self) -> list[Team]:
        found = await self.session.execute(self.readable_statement().order_by(Team.team_id))
        return list(found.scalars().all())

    async def by_ids(self, team_ids: list[str]) -> list[Team]:
        found = await self.session.execute(self.readable_statement().where(Team.team_id.in_(team_ids)))
        return list(found.scalars().all())

    async def children_of(self, parent_ids: list[str]) -> list[Team]:
        statement = self.readable_statement().where(Team.parent_team_id.in_(parent_ids)).order_by(Team.team_id)
        return list((await self.session.execute(statement)).scalars().all())

    async def in_scope(self, team_id: str) -> bool:
        if self.scope.unrestricted:
            return True
        statement = select(exists().where(Team.team_id == team_id, team_clause(self.scope, Team.team_id)))
        return bool((await self.session.execute(statement)).scalar_one())


class AgentRepository:
    """Agents the scope reaches."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def readable_statement(self) -> Select:
        return select(Agent).where(agent_clause(self.scope, Agent.agent_id))

    def _filtered(self, narrowing: AgentFilter) -> Select:
        statement = self.readable_statement()
        if narrowing.team_id is not None:
            statement = statement.where(Agent.team_id == narrowing.team_id)
        if narrowing.name_contains:
            statement = statement.where(Agent.name.contains(narrowing.name_contains, autoescape=True))
        if narrowing.active is not None:
            statement = statement.where(Agent.active == narrowing.active)
        return statement

    def order(self, *, by_name: bool) -> list[SortKey]:
        """The list's total order: by id, or by name then id (both by code point)."""
        by_id = SortKey(code_point_order(self.session, Agent.agent_id))
        return [SortKey(code_point_order(self.session, Agent.name)), by_id] if by_name else [by_id]

    async def page(self, narrowing: AgentFilter, args: PageArgs, *, by_name: bool) -> list[Agent]:
        """One page (with a spare row) in reading order."""
        statement = args.bounded(self._filtered(narrowing), self.order(by_name=by_name))
        return list((await self.session.execute(statement)).scalars().all())

    async def pages_by_teams(self, team_ids: list[str], args: PageArgs) -> dict[Hashable, list[str]]:
        """For each team, the ids of one page of its readable agents (by id, with a spare row), in one statement."""
        statement = self.readable_statement().with_only_columns(Agent.agent_id).where(Agent.team_id.in_(team_ids))
        rows = (await self.session.execute(pages_per_parent(statement, Agent.team_id, self.order(by_name=False), args))).all()
        return {team_id: [row.agent_id for row in found] for team_id, found in group_by_parent(rows).items()}

    async def count_by_teams(self, team_ids: list[str]) -> dict[str, int]:
        """Readable agents per team."""
        statement = (
            self.readable_statement().with_only_columns(Agent.team_id, func.count())
            .where(Agent.team_id.in_(team_ids)).group_by(Agent.team_id)
        )
        return {team_id: count for team_id, count in (await self.session.execute(statement)).all()}

    async def count(self, narrowing: AgentFilter) -> int:
        statement = select(func.count()).select_from(self._filtered(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def by_ids(self, agent_ids: list[str]) -> list[Agent]:
        found = await self.session.execute(self.readable_statement().where(Agent.agent_id.in_(agent_ids)))
        return list(found.scalars().all())

    async def in_scope(self, agent_id: str) -> bool:
        if self.scope.unrestricted:
            return True
        statement = select(exists().where(Agent.agent_id == agent_id, agent_clause(self.scope, Agent.agent_id)))
        return bool((await self.session.execute(statement)).scalar_one())


async def agent_exists(session: AsyncSession, agent_id: str) -> bool:
    """Whether an agent is known at all (for auditing refused look-ups; never shown to the caller)."""
    return bool((await session.execute(select(exists().where(Agent.agent_id == agent_id)))).scalar_one())


async def team_exists(session: AsyncSession, team_id: str) -> bool:
    return bool((await session.execute(select(exists().where(Team.team_id == team_id)))).scalar_one())


async def customer_exists(session: AsyncSession, customer_id: str) -> bool:
    return bool((await session.execute(select(exists().where(Customer.customer_id == customer_id)))).scalar_one())


def customer_sort_key(row: tuple[Customer, CustomerPersonal | None], *, by_name: bool) -> tuple[SortValue, ...]:
    """A customer row's values in ``CustomerRepository.order``."""
    customer, personal = row
    if not by_name:
        return (customer.customer_id,)
    name = personal.name if personal is not None else None
    return (1 if name is None else 0, name or "", customer.customer_id)


class CustomerRepository:
    """Customers of the conversations the scope reaches, with their personal data alongside."""

    def __init__(self, session: AsyncSession, scope: RowScope) -> None:
        self.session = session
        self.scope = scope

    def readable_statement(self) -> Select:
        return (
            select(Customer, CustomerPersonal)
            .outerjoin(CustomerPersonal, CustomerPersonal.customer_id == Customer.customer_id)
            .where(customer_clause(self.scope, Customer.customer_id))
        )

    def _filtered(self, narrowing: CustomerFilter) -> Select:
        statement = self.readable_statement()
        if narrowing.name_contains:
            statement = statement.where(CustomerPersonal.name.contains(narrowing.name_contains, autoescape=True))
        if narrowing.phone is not None:
            statement = statement.where(CustomerPersonal.phone == narrowing.phone)
        if narrowing.email is not None:
            statement = statement.where(func.lower(CustomerPersonal.email) == narrowing.email.lower())
        return statement

    def order(self, *, by_name: bool) -> list[SortKey]:
        """The list's total order: by id, or named ones by name (unnamed last), then id."""
        by_id = SortKey(code_point_order(self.session, Customer.customer_id))
        if not by_name:
            return [by_id]
        unnamed = case((CustomerPersonal.name.is_(None), 1), else_=0)
        name = code_point_order(self.session, func.coalesce(CustomerPersonal.name, ""))
        return [SortKey(unnamed), SortKey(name), by_id]

    async def page(
        self, narrowing: CustomerFilter, args: PageArgs, *, by_name: bool
    ) -> list[tuple[Customer, CustomerPersonal | None]]:
        """One page (with a spare row) in reading order."""
        statement = args.bounded(self._filtered(narrowing), self.order(by_name=by_name))
        return [tuple(row) for row in (await self.session.execute(statement)).all()]

    async def count(self, narrowing: CustomerFilter) -> int:
        statement = select(func.count()).select_from(self._filtered(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def by_ids(self, customer_ids: list[str]) -> list[tuple[Customer, CustomerPersonal | None]]:
        statement = self.readable_statement().where(Customer.customer_id.in_(customer_ids))
        return [tuple(row) for row in (await self.session.execute(statement)).all()]

    async def in_scope(self, customer_id: str) -> bool:
        if self.scope.unrestricted:
            return True
        statement = select(
            exists().where(Customer.customer_id == customer_id, customer_clause(self.scope, Customer.customer_id))
        )
        return bool((await self.session.execute(statement)).scalar_one())
