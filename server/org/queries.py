"""Queries on teams, agents and customers; every list and look-up goes through the row scope."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from server.authz.guards import require_full_field, require_named_in_scope, require_rows
from server.inputs import search_input
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection, from_global_id
from server.org.nodes import load_agent_node, load_customer_node, load_team_node
from server.org.repository import (
    AgentFilter,
    AgentRepository,
    CustomerFilter,
    CustomerRepository,
    TeamRepository,
    customer_sort_key,
)
from server.org.types import (
    AgentFilterInput,
    AgentOrder,
    AgentType,
    CustomerFilterInput,
    CustomerOrder,
    CustomerType,
    TeamType,
)

GlobalIdArg = Annotated[strawberry.ID, strawberry.argument(description="Global id. / 全局 ID。")]


@strawberry.type
class OrgQuery:
    @strawberry.field(description="One team by global id, if you may see it. / 按全局 ID 查询团队（无权限时为空）。")
    async def team(self, info: Info, id: GlobalIdArg) -> TeamType | None:
        return await load_team_node(info.context, from_global_id(id, "Team", field=("id",)))

    @strawberry.field(description="Every team you may see, by id. / 你可见的全部团队（按 ID 排序）。")
    async def teams(self, info: Info) -> list[TeamType]:
        context = info.context
        scope = await require_rows(context, "Team")
        return [TeamType.from_row(team) for team in await TeamRepository(context.session, scope).readable()]

    @strawberry.field(description="One agent by global id, if you may see it. / 按全局 ID 查询坐席（无权限时为空）。")
    async def agent(self, info: Info, id: GlobalIdArg) -> AgentType | None:
        return await load_agent_node(info.context, from_global_id(id, "Agent", field=("id",)))

    @strawberry.field(description="Agents you may see, paged. / 你可见的坐席（分页）。")
    async def agents(
        self,
        info: Info,
        filter: Annotated[
            AgentFilterInput | None, strawberry.argument(description="Narrow the list. / 筛选条件。")
        ] = None,
        order_by: Annotated[AgentOrder, strawberry.argument(description="Order. / 排序。")] = AgentOrder.ID,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[AgentType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        scope = await require_rows(context, "Agent")
        narrowing = AgentFilter(
            team_id=from_global_id(filter.team_id, "Team", field=("filter", "teamId")) if filter and filter.team_id else None,
            name_contains=search_input(filter.name_contains, "nameContains") if filter else None,
            active=filter.active if filter else None,
        )
        by_name = order_by is AgentOrder.NAME
        if narrowing.name_contains or by_name:
            require_full_field(context, "Agent.name")
        if narrowing.team_id is not None:
            await require_named_in_scope(context, "Team", "team", TeamRepository, narrowing.team_id)
        repository = AgentRepository(context.session, scope)
        rows = await repository.page(narrowing, args, by_name=by_name)
        page = Page.of(args, rows, sort_key=lambda agent: (agent.name, agent.agent_id) if by_name else (agent.agent_id,))

        async def to_nodes(agents: list) -> list[AgentType | None]:
            return [AgentType.from_row(agent) for agent in agents]

        return await page.connection(to_nodes, lambda: repository.count(narrowing))

    @strawberry.field(description="One customer by global id, if you may see it. / 按全局 ID 查询客户（无权限时为空）。")
    async def customer(self, info: Info, id: GlobalIdArg) -> CustomerType | None:
        return await load_customer_node(info.context, from_global_id(id, "Customer", field=("id",)))

    @strawberry.field(description="Customers you may see, paged. / 你可见的客户（分页）。")
    async def customers(
        self,
        info: Info,
        filter: Annotated[
            CustomerFilterInput | None, strawberry.argument(description="Narrow the list. / 筛选条件。")
        ] = None,
        order_by: Annotated[CustomerOrder, strawberry.argument(description="Order. / 排序。")] = CustomerOrder.ID,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[CustomerType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        scope = await require_rows(context, "Customer")
        narrowing = CustomerFilter(
            name_contains=search_input(filter.name_contains, "nameContains") if filter else None,
            phone=filter.phone if filter else None,
            email=filter.email if filter else None,
        )
        by_name = order_by is CustomerOrder.NAME
        if narrowing.name_contains or by_name:
            require_full_field(context, "Customer.name")
        if narrowing.phone is not None:
            require_full_field(context, "Customer.phone")
        if narrowing.email is not None:
            require_full_field(context, "Customer.email")
        repository = CustomerRepository(context.session, scope)
        rows = await repository.page(narrowing, args, by_name=by_name)
        page = Page.of(args, rows, sort_key=lambda row: customer_sort_key(row, by_name=by_name))

        async def to_nodes(found: list) -> list[CustomerType | None]:
            return [CustomerType.from_row(*row) for row in found]

        return await page.connection(to_nodes, lambda: repository.count(narrowing))
