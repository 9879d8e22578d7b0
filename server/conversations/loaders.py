"""Per-request dataloaders for conversations and messages; each batch is a fixed number of scoped statements."""

from collections import defaultdict
from typing import Any

from server.authz.scoping import RowScope
from server.conversations.credit import withhold_uncredited
from server.conversations.models import Message
from server.conversations.repository import ConversationRepository, MessageRepository
from server.conversations.summary import ConversationSummary, summarize
from server.kernel.paging import PageArgs
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


def _by_args(keys: list[tuple[str, PageArgs]]) -> dict[PageArgs, list[str]]:
    parents: dict[PageArgs, list[str]] = defaultdict(list)
    for parent, args in keys:
        if parent not in parents[args]:
            parents[args].append(parent)
    return parents


class ConversationPageByAgentLoader(ScopedLoader):
    """Keys ``(agent_id, PageArgs)``: one page (spare row included) of the agent's readable conversations,
    newest first, as ``(conversation_id, started_us)`` rows; agents asking for the same page share one statement."""

    obj = "Conversation"

    def empty_value(self) -> list:
        return []

    async def load_batch(self, scope: RowScope, keys: list[tuple[str, PageArgs]]) -> list[list[Any]]:
        repository = ConversationRepository(self.context.session, scope)
        found: dict[tuple[str, PageArgs], list[Any]] = {}
        for args, agent_ids in _by_args(keys).items():
            pages = await repository.pages_by_agents(sorted(agent_ids), args)
            found.update({(agent_id, args): pages.get(agent_id, []) for agent_id in agent_ids})
        return [found[key] for key in keys]


class ConversationCountByAgentLoader(ScopedLoader):
    """How many readable conversations each agent was assigned."""

    obj = "Conversation"

    def empty_value(self) -> int:
        return 0

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[int]:
        counts = await ConversationRepository(self.context.session, scope).count_by_agents(sorted(set(keys)))
        return [counts.get(key, 0) for key in keys]


class MessagePageByConversationLoader(ScopedLoader):
    """Keys ``(conversation_id, PageArgs)``: one page (spare row included) of the conversation's readable
    messages in timeline order; none outside the Message scope."""

    obj = "Message"

    def empty_value(self) -> list:
        return []

    async def load_batch(self, scope: RowScope, keys: list[tuple[str, PageArgs]]) -> list[list[Any]]:
        repository = MessageRepository(self.context.session, scope)
        found: dict[tuple[str, PageArgs], list[Any]] = {}
        for args, conversation_ids in _by_args(keys).items():
            pages = await repository.pages_by_conversations(sorted(conversation_ids), args)
            found.update({(conversation_id, args): pages.get(conversation_id, []) for conversation_id in conversation_ids})
        return [found[key] for key in keys]


class MessageCountByConversationLoader(ScopedLoader):
    """How many messages of each conversation are readable."""

    obj = "Message"

    def empty_value(self) -> int:
        return 0

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[int]:
        counts = await MessageRepository(self.context.session, scope).count_by_conversations(sorted(set(keys)))
        return [counts.get(key, 0) for key in keys]


class MessageByIdLoader(ScopedLoader):
    """Messages by event id; those outside the Message scope load as None."""

    obj = "Message"

    async def load_batch(self, scope: RowScope, keys: list[str]) -> list[Message | None]:
        found = {message.event_id: message for message in await MessageRepository(self.context.session, scope).by_event_ids(keys)}
        return [found.get(key) for key in keys]
