"""Per-request dataloaders for conversations and messages; each batch is a fixed number of scoped statements."""

from collections import defaultdict

from server.authz.scoping import RowScope
from server.conversations.credit import withhold_uncredited
from server.conversations.models import Message
from server.conversations.repository import ConversationRepository, MessageRepository
from server.conversations.summary import ConversationSummary, summarize
from server.org.loaders import ScopedLoader


class ConversationByIdLoader(ScopedLoader):
    """Conversation summaries by id; ids outside the scope load as None."""

    obj = "Conversation"

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[ConversationSummary | None]:
        repository = ConversationRepository(self.context.session, scope)
        readable = sorted(await repository.in_scope(keys))
        events = await repository.lifecycle(readable)
        feedback = await repository.feedback(readable)
        summaries = [summarize(key, events.get(key, []), feedback.get(key, [])) for key in readable]
        shown = await withhold_uncredited(self.context.session, scope, [summary for summary in summaries if summary is not None])
        found = {summary.conversation_id: summary for summary in shown}
        return [found.get(key) for key in keys]


class RecentConversationsByAgentLoader(ScopedLoader):
    """Keys ``(agent_id, limit)``: the agent's most recent readable conversations."""

    obj = "Conversation"

    def empty_value(self) -> list:
        return []

    async def load_batch(self, scope: RowScope, keys: list[tuple[str, int]]) -> list[list[ConversationSummary]]:
        repository = ConversationRepository(self.context.session, scope)
        agents_by_limit: dict[int, list[str]] = defaultdict(list)
        for agent_id, limit in keys:
            agents_by_limit[limit].append(agent_id)
        ids_by_key: dict[tuple[str, int], list[str]] = {}
        for limit, agent_ids in agents_by_limit.items():
            found = await repository.recent_by_agents(agent_ids, limit)
            for agent_id in agent_ids:
                ids_by_key[(agent_id, limit)] = found.get(agent_id, [])
        every_id = sorted({conversation_id for ids in ids_by_key.values() for conversation_id in ids})
        summaries = await self.context.loader(ConversationByIdLoader).load_many(every_id)
        by_id = {summary.conversation_id: summary for summary in summaries if summary is not None}
        return [[by_id[cid] for cid in ids_by_key[key] if cid in by_id] for key in keys]


class MessagesByConversationLoader(ScopedLoader):
    """Messages of each conversation in timeline order; none outside the Message scope."""

    obj = "Message"

    def empty_value(self) -> list:
        return []

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[list[Message]]:
        found = await MessageRepository(self.context.session, scope).by_conversations(keys)
        return [found.get(key, []) for key in keys]
