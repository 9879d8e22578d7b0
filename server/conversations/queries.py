"""Queries on conversations; a look-up, a list, its filters, its order and its count all use one scope."""

import strawberry
from strawberry.types import Info

from server.authz.guards import load_visible, require_full_field, require_named_in_scope, require_rows
from server.conversations.loaders import ConversationByIdLoader
from server.conversations.repository import ConversationFilter, ConversationRepository, conversation_exists
from server.conversations.types import (
    ConversationConnection,
    ConversationFilterInput,
    ConversationOrder,
    ConversationType,
)
from server.inputs import instant_input, search_input
from server.org.repository import AgentRepository, CustomerRepository, TeamRepository
from server.pagination import PageRequest


async def _check_filter_ids(info: Info, narrowing: ConversationFilter) -> None:
    """Ids named in a filter must be inside the caller's scope; text search needs Message.text."""
    context = info.context
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
    @strawberry.field(description="One conversation, if you may see it. / 按 ID 查询会话（无权限时为空）。")
    async def conversation(self, info: Info, id: strawberry.ID) -> ConversationType | None:
        summary = await load_visible(info.context, "Conversation", "conversation", ConversationByIdLoader, conversation_exists, id)
        return ConversationType.from_summary(summary) if summary is not None else None

    @strawberry.field(description="Conversations you may see, paged. / 你可见的会话（分页）。")
    async def conversations(
        self,
        info: Info,
        filter: ConversationFilterInput | None = None,
        order_by: ConversationOrder = ConversationOrder.NEWEST_FIRST,
        first: int | None = None,
        after: str | None = None,
    ) -> ConversationConnection:
        context = info.context
        page = PageRequest.of(context.settings, first, after)
        scope = await require_rows(context, "Conversation")
        given = filter or ConversationFilterInput()
        narrowing = ConversationFilter(
            agent_id=given.agent_id,
            team_id=given.team_id,
            customer_id=given.customer_id,
            channel=given.channel,
            started_from_us=instant_input(given.started_from, context.settings.zone),
            started_to_us=instant_input(given.started_to, context.settings.zone),
            search=search_input(given.search, "search"),
        )
        await _check_filter_ids(info, narrowing)
        repository = ConversationRepository(context.session, scope)
        ids = await repository.page(
            narrowing,
            newest_first=order_by is ConversationOrder.NEWEST_FIRST,
            limit=page.limit + 1,
            offset=page.offset,
        )
        summaries = await context.loader(ConversationByIdLoader).load_many(ids[: page.limit])
        return ConversationConnection(
            total_count=await repository.count(narrowing),
            nodes=[ConversationType.from_summary(summary) for summary in summaries if summary is not None],
            page_info=page.page_info(len(ids)),
        )
