"""Queries on conversations; a look-up, a list, its filters, its order and its count all use one scope."""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.authz.guards import require_full_field, require_named_in_scope, require_rows
from server.conversations.nodes import load_conversation_node
from server.conversations.repository import ConversationFilter, ConversationRepository
from server.conversations.types import (
    ConversationFilterInput,
    ConversationOrder,
    ConversationType,
    conversation_nodes,
    conversation_sort_key,
)
from server.inputs import search_input
from server.kernel.keyset import AfterArg, BeforeArg, FirstArg, LastArg
from server.kernel.paging import Page, PageArgs
from server.kernel.relay import Connection, from_global_id
from server.org.repository import AgentRepository, CustomerRepository, TeamRepository
from server.timefmt import to_us


def _narrowing(given: ConversationFilterInput) -> ConversationFilter:
    """The repository filter of a client's filter: global ids turned into keys (BAD_USER_INPUT when foreign)."""

    def key(global_id: str | None, type_name: str, name: str) -> str | None:
        return from_global_id(global_id, type_name, field=("filter", name)) if global_id is not None else None

    return ConversationFilter(
        agent_id=key(given.agent_id, "Agent", "agentId"),
        team_id=key(given.team_id, "Team", "teamId"),
        customer_id=key(given.customer_id, "Customer", "customerId"),
        channel=given.channel,
        started_from_us=to_us(given.started_from) if given.started_from is not None else None,
        started_to_us=to_us(given.started_to) if given.started_to is not None else None,
        search=search_input(given.search, "search"),
    )


async def _check_filter_ids(context: Any, narrowing: ConversationFilter) -> None:
    """Ids named in a filter must be inside the caller's scope; text search needs Message.text."""
    if narrowing.agent_id is not None:
        await require_named_in_scope(context, "Agent", "agent", AgentRepository, narrowing.agent_id)
    if narrowing.team_id is not None:
        await require_named_in_scope(context, "Team", "team", TeamRepository, narrowing.team_id)
    if narrowing.customer_id is not None:
        await require_named_in_scope(context, "Customer", "customer", CustomerRepository, narrowing.customer_id)
    if narrowing.search:
        await require_rows(context, "Message")
        require_full_field(context, "Message.text")


@strawberry.type
class ConversationQuery:
    @strawberry.field(
        description="One conversation by global id, if you may see it. / 按全局 ID 查询会话（无权限时为空）。"
    )
    async def conversation(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Global id. / 全局 ID。")]
    ) -> ConversationType | None:
        return await load_conversation_node(info.context, from_global_id(id, "Conversation", field=("id",)))

    @strawberry.field(description="Conversations you may see, paged. / 你可见的会话（分页）。")
    async def conversations(
        self,
        info: Info,
        filter: Annotated[
            ConversationFilterInput | None, strawberry.argument(description="Narrow the list. / 筛选条件。")
        ] = None,
        order_by: Annotated[
            ConversationOrder, strawberry.argument(description="Order. / 排序。")
        ] = ConversationOrder.NEWEST_FIRST,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[ConversationType]:
        context = info.context
        args = PageArgs.of(context.settings, first=first, after=after, last=last, before=before)
        scope = await require_rows(context, "Conversation")
        narrowing = _narrowing(filter or ConversationFilterInput())
        await _check_filter_ids(context, narrowing)
        repository = ConversationRepository(context.session, scope)
        rows = await repository.page(narrowing, args, newest_first=order_by is ConversationOrder.NEWEST_FIRST)
        page = Page.of(args, rows, sort_key=conversation_sort_key)
        return await page.connection(lambda found: conversation_nodes(info, found), lambda: repository.count(narrowing))
