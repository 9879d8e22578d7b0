"""Teams, agents and customers, read through the principal's row scope."""

from dataclasses import dataclass

from sqlalchemy import Select, exists, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.authz.scoping import RowScope, agent_clause, customer_clause, team_clause
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

    async def page(self, narrowing: AgentFilter, *, by_name: bool, limit: int, offset: int) -> list[Agent]:
        order = (Agent.name, Agent.agent_id) if by_name else (Agent.agent_id,)
        statement = self._filtered(narrowing).order_by(*order).limit(limit).offset(offset)
        return list((await self.session.execute(statement)).scalars().all())

    async def count(self, narrowing: AgentFilter) -> int:
        statement = select(func.count()).select_from(self._filtered(narrowing).subquery())
        return (await self.session.execute(statement)).scalar_one()

    async def by_ids(self, agent_ids: list[str]) -> list[Agent]:
        found = await self.session.execute(self.readable_statement().where(Agent.agent_id.in_(agent_ids)))
        return list(found.scalars().all())

    async def by_teams(self, team_ids: list[str]) -> list[Agent]:
        statement = self.readable_statement().where(Agent.team_id.in_(team_ids)).order_by(Agent.agent_id)
        return list((await self.session.execute(statement)).scalars().all())

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

    async def page(
        self, narrowing: CustomerFilter, *, by_name: bool, limit: int, offset: int
    ) -> list[tuple[Customer, CustomerPersonal | None]]:
        unnamed_last = CustomerPersonal.name.is_(None)
        order = (unnamed_last, CustomerPersonal.name, Customer.customer_id) if by_name else (Customer.customer_id,)
        statement = self._filtered(narrowing).order_by(*order).limit(limit).offset(offset)
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
