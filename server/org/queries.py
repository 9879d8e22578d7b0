"""Queries on teams, agents and customers; every list and look-up goes through the row scope."""

import strawberry
from strawberry.types import Info

from server.authz.guards import load_visible, require_full_field, require_named_in_scope, require_rows
from server.inputs import search_input
from server.org.loaders import AgentByIdLoader, CustomerByIdLoader, TeamByIdLoader
from server.org.repository import (
    AgentFilter,
    AgentRepository,
    CustomerFilter,
    CustomerRepository,
    TeamRepository,
    agent_exists,
    customer_exists,
    team_exists,
)
from server.org.types import (
    AgentConnection,
    AgentFilterInput,
    AgentOrder,
    AgentType,
    CustomerConnection,
    CustomerFilterInput,
    CustomerOrder,
    CustomerType,
    TeamType,
)
from server.pagination import PageRequest


@strawberry.type
class OrgQuery:
    @strawberry.field(description="One team, if you may see it. / 按 ID 查询团队（无权限时为空）。")
    async def team(self, info: Info, id: strawberry.ID) -> TeamType | None:
        team = await load_visible(info.context, "Team", "team", TeamByIdLoader, team_exists, id)
        return TeamType.from_row(team) if team is not None else None

    @strawberry.field(description="Every team you may see. / 你可见的全部团队。")
    async def teams(self, info: Info) -> list[TeamType]:
        context = info.context
        scope = await require_rows(context, "Team")
        return [TeamType.from_row(team) for team in await TeamRepository(context.session, scope).readable()]

    @strawberry.field(description="One agent, if you may see it. / 按 ID 查询坐席（无权限时为空）。")
    async def agent(self, info: Info, id: strawberry.ID) -> AgentType | None:
        agent = await load_visible(info.context, "Agent", "agent", AgentByIdLoader, agent_exists, id)
        return AgentType.from_row(agent) if agent is not None else None

    @strawberry.field(description="Agents you may see, paged. / 你可见的坐席（分页）。")
    async def agents(
        self,
        info: Info,
        filter: AgentFilterInput | None = None,
        order_by: AgentOrder = AgentOrder.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> AgentConnection:
        context = info.context
        page = PageRequest.of(context.settings, first, after)
        scope = await require_rows(context, "Agent")
        narrowing = AgentFilter(
            team_id=filter.team_id if filter else None,
            name_contains=search_input(filter.name_contains, "nameContains") if filter else None,
            active=filter.active if filter else None,
        )
        if narrowing.name_contains or order_by is AgentOrder.NAME:
            require_full_field(context, "Agent.name")
        if narrowing.team_id is not None:
            await require_named_in_scope(context, "Team", "team", TeamRepository, narrowing.team_id)
        repository = AgentRepository(context.session, scope)
        rows = await repository.page(
            narrowing, by_name=order_by is AgentOrder.NAME, limit=page.limit + 1, offset=page.offset
        )
        return AgentConnection(
            total_count=await repository.count(narrowing),
            nodes=[AgentType.from_row(agent) for agent in rows[: page.limit]],
            page_info=page.page_info(len(rows)),
        )

    @strawberry.field(description="One customer, if you may see it. / 按 ID 查询客户（无权限时为空）。")
    async def customer(self, info: Info, id: strawberry.ID) -> CustomerType | None:
        row = await load_visible(info.context, "Customer", "customer", CustomerByIdLoader, customer_exists, id)
        return CustomerType.from_row(*row) if row is not None else None

    @strawberry.field(description="Customers you may see, paged. / 你可见的客户（分页）。")
    async def customers(
        self,
        info: Info,
        filter: CustomerFilterInput | None = None,
        order_by: CustomerOrder = CustomerOrder.ID,
        first: int | None = None,
        after: str | None = None,
    ) -> CustomerConnection:
        context = info.context
        page = PageRequest.of(context.settings, first, after)
        scope = await require_rows(context, "Customer")
        narrowing = CustomerFilter(
            name_contains=search_input(filter.name_contains, "nameContains") if filter else None,
            phone=filter.phone if filter else None,
            email=filter.email if filter else None,
        )
        if narrowing.name_contains or order_by is CustomerOrder.NAME:
            require_full_field(context, "Customer.name")
        if narrowing.phone is not None:
            require_full_field(context, "Customer.phone")
        if narrowing.email is not None:
            require_full_field(context, "Customer.email")
        repository = CustomerRepository(context.session, scope)
        rows = await repository.page(
            narrowing, by_name=order_by is CustomerOrder.NAME, limit=page.limit + 1, offset=page.offset
        )
        return CustomerConnection(
            total_count=await repository.count(narrowing),
            nodes=[CustomerType.from_row(*row) for row in rows[: page.limit]],
            page_info=page.page_info(len(rows)),
        )
